/**
 * The KMS keys of the personal-data cipher (functions/store/personal-data/kms.ts): a
 * symmetric key that wraps the AES-256 data keys the applicant's name, ID number, phone and address
 * are sealed with, and an HMAC_256 key that hashes query codes and client addresses without its
 * secret ever leaving KMS. Both are retained when the stack is deleted: without them the sealed
 * data and the stored digests are lost for good.
 *
 * The grants are exactly what the cipher calls: GenerateDataKey and Decrypt on the encryption key,
 * only with the cipher's encryption context, and GenerateMac on the HMAC key (digests are compared
 * in the function with a constant-time comparison, never with VerifyMac).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The encryption context of every GenerateDataKey and Decrypt call of the cipher
 * (`encryptionContext` in functions/store/personal-data/kms.ts, which does not export it:
 * keep the two equal; test/infra/personal-data.test.ts reads the cipher's source to check it).
 */
export const personalDataEncryptionContext = { purpose: 'yichuang-personal-data' } as const;

export const sealActions = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;
export const macActions = ['kms:GenerateMac'] as const;

export class PersonalDataKeys extends Construct {
  /** Wraps the data keys (envelope encryption); rotated yearly by KMS. */
  readonly encryptionKey: Key;
  /** HMAC-SHA-256 of query codes and client addresses. */
  readonly hmacKey: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.encryptionKey = new Key(this, 'EncryptionKey', {
      description: 'Yichuang personal data: wraps the data keys applicant data is sealed with',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // KMS rotates symmetric encryption keys only: HMAC keys have no automatic rotation (cdk-nag's
    // AwsSolutions-KMS5 checks symmetric keys only, so there is nothing to acknowledge). Rotating
    // it by hand would change every stored digest, i.e. invalidate the query codes already issued.
    this.hmacKey = new Key(this, 'HmacKey', {
      description: 'Yichuang personal data: HMAC-SHA-256 of query codes and client addresses',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
  }

  /** Seal and open: data keys under the encryption key, only with the cipher's context. */
  sealStatement(): PolicyStatement {
    return new PolicyStatement({
      actions: [...sealActions],
      resources: [this.encryptionKey.keyArn],
      conditions: {
        StringEquals: {
          'kms:EncryptionContext:purpose': personalDataEncryptionContext.purpose,
        },
        // No other context key may ride along: the cipher sends exactly `purpose`.
        'ForAllValues:StringEquals': {
          'kms:EncryptionContextKeys': Object.keys(personalDataEncryptionContext),
        },
      },
    });
  }

  /** Digests: GenerateMac on the HMAC key. */
  macStatement(): PolicyStatement {
    return new PolicyStatement({ actions: [...macActions], resources: [this.hmacKey.keyArn] });
  }
}
