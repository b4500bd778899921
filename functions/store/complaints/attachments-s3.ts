/**
 * Complaint attachments in the private S3 bucket. Uploads are presigned POSTs whose policy fixes
 * the bucket, the key and the exact size (`content-length-range`), so S3 itself refuses any other
 * object; staff open a presigned GET that names the content type the file was verified as.
 * Every AWS SDK module is imported with `import()`: esbuild hoists a static import of an external
 * package to the top of the bundle, where it would load on every cold start of the public
 * complaint function. The S3 client loads with the first attachment, each presigner with the
 * first call that presigns.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type AttachmentObjects,
  contentDisposition,
  type PresignedUpload,
  type ReadResult,
} from './attachment-objects.ts';

/** The policy conditions of an upload slot beyond those the presigner adds (bucket, key, credential, date). */
export function uploadConditions(bytes: number): ['content-length-range', number, number][] {
  return [['content-length-range', bytes, bytes]];
}

/**
 * GetObject answers 403, not 404, for a key that does not exist when the caller may not list the
 * bucket — and no function may. Under the prefixes the functions are granted, both mean "absent".
 */
const absent = new Set(['NoSuchKey', 'NotFound', 'AccessDenied']);

/** The error name of an S3 service exception (or any other error). */
function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

export async function s3AttachmentObjects(bucket: string, given?: S3Client): Promise<AttachmentObjects> {
  const { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } = await import(
    '@aws-sdk/client-s3'
  );
  const client = given ?? new S3Client({});
  return {
    async presignUpload(key, bytes, expiresInSeconds): Promise<PresignedUpload> {
      const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
      const post = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Conditions: uploadConditions(bytes),
        Expires: expiresInSeconds,
      });
      return { url: post.url, fields: post.fields };
    },

    async read(key, maxBytes): Promise<ReadResult> {
      try {
        // One byte past the limit: enough to know the object is too large without fetching it.
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes}` }),
        );
        const total = Number(/\/(\d+)$/.exec(object.ContentRange ?? '')?.[1] ?? object.ContentLength);
        if (total > maxBytes) {
          object.Body?.transformToWebStream().cancel();
          return { tooLarge: true };
        }
        const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array(0);
        return { found: true, bytes };
      } catch (error) {
        const name = errorName(error);
        if (name && absent.has(name)) return { found: false };
        // An empty object has no byte 0 to start a range at.
        if (name === 'InvalidRange') {
          return { found: true, bytes: new Uint8Array(0) };
        }
        throw error;
      }
    },

    async write(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }),
      );
    },

    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async openLink(key, options) {
      const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentType: options.contentType,
          ResponseContentDisposition: contentDisposition(options.fileName),
          ResponseCacheControl: 'private, no-store',
        }),
        { expiresIn: options.expiresInSeconds },
      );
    },
  };
}
