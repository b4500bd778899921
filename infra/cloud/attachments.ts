/**
 * Complaint attachments in the cloud: one private bucket, and exactly the grants the functions
 * that touch it need (functions/store/complaints/attachments-s3.ts is what they call).
 *
 * The bucket blocks every form of public access, has no ACLs (BUCKET_OWNER_ENFORCED, so an upload
 * form cannot ask for `public-read`), encrypts every object (SSE-S3), refuses requests without TLS
 * 1.2, logs every request to the site's log bucket, and is kept when the stack is deleted (it holds
 * complaints' evidence). Browsers reach it only through presigned requests: a POST of exactly the
 * declared size to one key under `pending/` (CORS allows the site's origin, POST only), and a GET
 * of five minutes for staff. Uploads no complaint named expire after a day (lifecycle rule).
 *
 * Grants, by handler module, to the prefix each needs and nothing else — no ListBucket, no GetObject
 * on `pending/` for the staff function, no access at all for any other function. They sit in
 * policies of this construct, attached to the functions' own roles.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { attachmentLimits } from '../../functions/domain/complaints/attachments.ts';
import { attachmentEnv } from '../../functions/store/complaints/attachments.ts';
import { functionForHandler } from '../functions.ts';
import type { Lambdas } from './lambdas.ts';
import { nagResource } from './nag.ts';

export interface AttachmentGrant {
  actions: readonly string[];
  prefix: 'pending/' | 'complaints/';
  why: string;
}

/**
 * Handler modules that construct the attachment store (`attachmentObjects()` of
 * functions/store/complaints/attachments.ts), with what each may do. test/infra/attachments.test.ts
 * checks this list against the bundles, so a new caller cannot go without its grant.
 */
export const attachmentGrants: Readonly<Record<string, readonly AttachmentGrant[]>> = {
  'complaints/public': [
    {
      actions: ['s3:PutObject'],
      prefix: 'pending/',
      why: 'presigns the upload slots: a presigned POST acts with the signer’s permission, on one random key under pending/',
    },
    {
      actions: ['s3:GetObject', 's3:DeleteObject'],
      prefix: 'pending/',
      why: 'reads each named upload to check its content, and deletes it once kept or refused',
    },
    {
      actions: ['s3:PutObject'],
      prefix: 'complaints/',
      why: 'writes the cleaned copy under the new complaint’s number before the complaint references it',
    },
  ],
  'complaints/attachments': [
    {
      actions: ['s3:GetObject'],
      prefix: 'complaints/',
      why: 'presigns the five-minute GET a staff member opens a kept attachment with',
    },
  ],
};

export interface AttachmentsProps {
  lambdas: Lambdas;
  /** `https://<site host>`: the only origin whose pages may post uploads (CORS). */
  siteOrigin: string;
  /** Where the bucket's server access logs go: the site's log bucket. */
  logBucket: IBucket;
}

export class Attachments extends Construct {
  readonly bucket: Bucket;
  /** The policy of each handler module that uses the bucket, by module. */
  readonly policies = new Map<string, Policy>();

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/attachments/',
      lifecycleRules: [
        {
          id: 'expire-unnamed-uploads',
          prefix: 'pending/',
          expiration: Duration.days(attachmentLimits.pendingDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [props.siteOrigin],
          maxAge: 600,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [module, grants] of Object.entries(attachmentGrants)) {
      const definition = functionForHandler(module);
      const fn = props.lambdas.get(definition.name);
      fn.addEnvironment(attachmentEnv.bucket, this.bucket.bucketName);
      const policy = new Policy(this, `${definition.name}Access`, {
        statements: grants.map(
          (grant) =>
            new PolicyStatement({
              actions: [...grant.actions],
              resources: [this.bucket.arnForObjects(`${grant.prefix}*`)],
            }),
        ),
        roles: [fn.role as IRole],
      });
      for (const prefix of new Set(grants.map((grant) => grant.prefix))) {
        const why = grants
          .filter((grant) => grant.prefix === prefix)
          .map((grant) => `${grant.actions.join(', ')}: ${grant.why}`)
          .join('; ');
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[${nagResource(this, this.bucket.arnForObjects(`${prefix}*`))}]`,
          reason: `Object keys under ${prefix} are random (uploads) or per complaint, so no fixed ARN can name them; the grant is limited to that prefix of the attachment bucket. ${why}.`,
        });
      }
      this.policies.set(module, policy);
    }
  }

  /** The origin the site's pages post uploads to: the bucket's regional endpoint. */
  static uploadOrigin(region: string): string {
    return `https://*.s3.${region}.amazonaws.com`;
  }
}
