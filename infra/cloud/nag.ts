/**
 * cdk-nag names a wildcard resource by its resolved template value, with references written as
 * `<LogicalId>`, `<LogicalId.Attribute>` and `<AWS::Pseudo>`. These helpers write that name for a
 * value of ours, so an acknowledgement names exactly the finding it answers, whatever the stack's
 * environment (a concrete region or account turns pseudo parameters into literals).
 */
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

function nagText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object') {
    const intrinsic = value as Record<string, unknown>;
    if (typeof intrinsic.Ref === 'string') return `<${intrinsic.Ref}>`;
    const getAtt = intrinsic['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const join = intrinsic['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(nagText).join(join[0]);
    }
  }
  throw new Error(`No cdk-nag name for ${JSON.stringify(value)}`);
}

/** The `Resource::…` part of an AwsSolutions-IAM5 finding for `value`, as resolved in `scope`'s stack. */
export function nagResource(scope: IConstruct, value: string): string {
  return `Resource::${nagText(Stack.of(scope).resolve(value))}`;
}
