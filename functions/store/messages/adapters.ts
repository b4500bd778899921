/**
 * The adapter a name chooses. The provider SDKs load on first use, so only the messages job ever
 * loads them, and only the one it uses.
 */
import type { AdapterName } from '../../domain/messages/settings.ts';
import { type AdapterOptions, outboxAdapter, type SmsAdapter } from './sms.ts';

export async function smsAdapter(name: AdapterName, options: AdapterOptions): Promise<SmsAdapter> {
  switch (name) {
    case 'outbox':
      return outboxAdapter;
    case 'aws':
      return (await import('./sms-aws.ts')).awsSmsAdapter(options);
    case 'aliyun':
      return (await import('./sms-aliyun.ts')).aliyunSmsAdapter(options);
  }
}
