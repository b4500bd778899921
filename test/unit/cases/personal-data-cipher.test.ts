import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  localPersonalDataCipher,
  personalDataCipher,
  sameDigest,
} from '../../../functions/store/personal-data/cipher.ts';
import { kmsPersonalDataCipher } from '../../../functions/store/personal-data/kms.ts';

const key = new Uint8Array(32).fill(9);
const secret = JSON.stringify({ name: '张三丰', idNumber: '11010519491231002X', phone: '13812345678' });

describe('the local personal-data cipher (AES-256-GCM + HMAC-SHA-256)', () => {
  const cipher = localPersonalDataCipher(key);

  it('round-trips, never shows the plaintext, and uses a fresh nonce each time', async () => {
    const a = await cipher.seal(secret, 'YC0001-20261127-0001');
    const b = await cipher.seal(secret, 'YC0001-20261127-0001');
    expect(a).toMatch(/^v1\.local\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    for (const part of ['11010519491231002X', '13812345678', '张三丰']) expect(a).not.toContain(part);
    expect(await cipher.open(a, 'YC0001-20261127-0001')).toBe(secret);
  });

  it('refuses a sealed value moved to another case, tampered with, or sealed with another key', async () => {
    const sealed = await cipher.seal(secret, 'YC0001-20261127-0001');
    await expect(cipher.open(sealed, 'YC0001-20261127-0002')).rejects.toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    await expect(
      cipher.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'YC0001-20261127-0001'),
    ).rejects.toThrow();
    await expect(
      localPersonalDataCipher(new Uint8Array(32).fill(1)).open(sealed, 'YC0001-20261127-0001'),
    ).rejects.toThrow();
  });

  it('hashes with a key, per purpose, deterministically', async () => {
    const one = await cipher.digest('query-code', 'salt:ABCDEFGH');
    expect(await cipher.digest('query-code', 'salt:ABCDEFGH')).toBe(one);
    expect(await cipher.digest('client', 'salt:ABCDEFGH')).not.toBe(one);
    expect(
      await localPersonalDataCipher(new Uint8Array(32).fill(2)).digest('query-code', 'salt:ABCDEFGH'),
    ).not.toBe(one);
    expect(sameDigest(one, one)).toBe(true);
    expect(sameDigest(one, `${one}x`)).toBe(false);
  });

  it('refuses a key that is not 32 bytes, and a configuration with no key at all', async () => {
    expect(() => localPersonalDataCipher(new Uint8Array(16))).toThrow();
    await expect(personalDataCipher({})).rejects.toThrow(/No personal-data key/);
  });
});

/**
 * An in-memory stand-in for KMS (there is no AWS here): wraps data keys with its own master key
 * under the encryption context, and computes MACs with its own secret — the calls the cloud makes.
 */
function fakeKms(options: { failDecrypts?: number } = {}) {
  const master = randomBytes(32);
  const macSecret = randomBytes(32);
  const calls: string[] = [];
  let failDecrypts = options.failDecrypts ?? 0;
  const context = (value: Record<string, string> | undefined) => JSON.stringify(value ?? {});
  const client = {
    async send(command: unknown) {
      if (command instanceof GenerateDataKeyCommand) {
        calls.push('GenerateDataKey');
        const plaintext = randomBytes(32);
        const iv = randomBytes(12);
        const wrap = createCipheriv('aes-256-gcm', master, iv);
        wrap.setAAD(Buffer.from(context(command.input.EncryptionContext)));
        const blob = Buffer.concat([iv, wrap.update(plaintext), wrap.final(), wrap.getAuthTag()]);
        return { Plaintext: new Uint8Array(plaintext), CiphertextBlob: new Uint8Array(blob) };
      }
      if (command instanceof DecryptCommand) {
        calls.push('Decrypt');
        if (failDecrypts > 0) {
          failDecrypts -= 1;
          throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        }
        const blob = Buffer.from(command.input.CiphertextBlob as Uint8Array);
        const unwrap = createDecipheriv('aes-256-gcm', master, blob.subarray(0, 12));
        unwrap.setAAD(Buffer.from(context(command.input.EncryptionContext)));
        unwrap.setAuthTag(blob.subarray(blob.length - 16));
        return {
          Plaintext: new Uint8Array(
            Buffer.concat([unwrap.update(blob.subarray(12, blob.length - 16)), unwrap.final()]),
          ),
        };
      }
      if (command instanceof GenerateMacCommand) {
        calls.push('GenerateMac');
        return {
          Mac: new Uint8Array(
            createHmac('sha256', macSecret)
              .update(command.input.Message as Uint8Array)
              .digest(),
          ),
        };
      }
      throw new Error('unexpected command');
    },
  };
  return { client: client as unknown as KMSClient, calls };
}

describe('the KMS personal-data cipher (envelope encryption)', () => {
  it('seals with one cached data key, carries the wrapped key, and unwraps it once', async () => {
    const kms = fakeKms();
    const cipher = kmsPersonalDataCipher({ keyId: 'alias/pd', hmacKeyId: 'alias/mac', client: kms.client });
    const sealed = await Promise.all(Array.from({ length: 5 }, (_, i) => cipher.seal(secret, `case-${i}`)));
    expect(kms.calls.filter((call) => call === 'GenerateDataKey')).toHaveLength(1);
    const more = await cipher.seal(secret, 'case-9');
    expect(more).toMatch(/^v1\.kms\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(more).not.toContain('13812345678');
    const reader = kmsPersonalDataCipher({ keyId: 'alias/pd', hmacKeyId: 'alias/mac', client: kms.client });
    expect(await reader.open(more, 'case-9')).toBe(secret);
    expect(await reader.open(more, 'case-9')).toBe(secret);
    expect(kms.calls.filter((call) => call === 'Decrypt')).toHaveLength(1);
    await expect(reader.open(more, 'case-8')).rejects.toThrow();
    expect(sealed.every((value) => value.startsWith('v1.kms.'))).toBe(true);
  });

  it('rotates the data key after its message budget', async () => {
    const kms = fakeKms();
    const cipher = kmsPersonalDataCipher({
      keyId: 'k',
      hmacKeyId: 'm',
      client: kms.client,
      dataKeyMaxMessages: 2,
    });
    for (let i = 0; i < 5; i += 1) await cipher.seal(secret, 'c');
    expect(kms.calls.filter((call) => call === 'GenerateDataKey')).toHaveLength(3);
  });

  it('forgets a failed unwrap, so the next read retries KMS', async () => {
    const kms = fakeKms({ failDecrypts: 1 });
    const cipher = kmsPersonalDataCipher({ keyId: 'k', hmacKeyId: 'm', client: kms.client });
    const sealed = await cipher.seal(secret, 'c');
    const reader = kmsPersonalDataCipher({ keyId: 'k', hmacKeyId: 'm', client: kms.client });
    await expect(reader.open(sealed, 'c')).rejects.toThrow('throttled');
    expect(await reader.open(sealed, 'c')).toBe(secret);
  });

  it('computes digests in KMS, per purpose', async () => {
    const kms = fakeKms();
    const cipher = kmsPersonalDataCipher({ keyId: 'k', hmacKeyId: 'm', client: kms.client });
    const one = await cipher.digest('query-code', 'x');
    expect(await cipher.digest('query-code', 'x')).toBe(one);
    expect(await cipher.digest('client', 'x')).not.toBe(one);
    expect(kms.calls.filter((call) => call === 'GenerateMac')).toHaveLength(3);
  });
});
