/**
 * Serves the built Astro site the way the CloudFront distribution does: directory URLs to their
 * index.html, long caching for hashed assets, short for HTML, the site's 404 page for the rest
 * (with the headers the edge function gives it in the cloud).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { notFoundCacheControl, notFoundContentType } from '../cloud/edge/site-not-found.ts';

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Hashed build output never changes under its name; everything else is revalidated. */
export function cacheControlOf(urlPath: string): string {
  return urlPath.startsWith('/_astro/')
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=0, must-revalidate';
}

/** The object key the CloudFront viewer-request function asks S3 for. */
export function objectKeyFor(urlPath: string): string {
  if (urlPath.endsWith('/')) return `${urlPath}index.html`;
  if (path.posix.extname(urlPath) === '') return `${urlPath}/index.html`;
  return urlPath;
}

async function readInside(root: string, key: string): Promise<Buffer | undefined> {
  const file = path.resolve(root, `.${path.posix.normalize(decodeURIComponent(key))}`);
  if (!file.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  }
}

export async function serveSite(siteDir: string, urlPath: string): Promise<StaticResponse> {
  const root = path.resolve(siteDir);
  const key = objectKeyFor(urlPath);
  const body = await readInside(root, key);
  if (body) {
    return {
      status: 200,
      headers: { 'content-type': contentTypeOf(key), 'cache-control': cacheControlOf(urlPath) },
      body,
    };
  }
  const notFoundPage = await readInside(root, '/404.html');
  return {
    status: 404,
    // As the edge function on the site's behaviour answers in the cloud.
    headers: { 'content-type': notFoundContentType, 'cache-control': notFoundCacheControl },
    body:
      notFoundPage ??
      Buffer.from('<!doctype html><html lang="zh-CN"><title>404 未找到</title><h1>404 未找到</h1></html>'),
  };
}
