/**
 * Files from the API for the desk, which signs its calls with a bearer token (a plain link cannot):
 * fetch with the token, then save the bytes under the server's file name. A 401 sends the user to
 * sign in again; a refusal comes back as the problem, for the page to say.
 */
import { h } from '../common/ui.ts';
import type { Problem } from './api.ts';
import { currentToken, signIn } from './auth.ts';

export interface FetchedFile {
  ok: true;
  bytes: ArrayBuffer;
  /** From `Content-Disposition`, or the fallback. */
  fileName: string;
  type: string;
  /** The next page or file (`Link: <…>; rel="next"`), if any. */
  next: string | null;
}

export async function fetchFile(
  url: string,
  fallbackName: string,
): Promise<FetchedFile | { ok: false; problem: Problem }> {
  const token = currentToken();
  if (!token) return signIn();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) return signIn();
  if (!response.ok) {
    const problem = (await response.json()) as Problem;
    return { ok: false, problem: { ...problem, status: response.status } };
  }
  return {
    ok: true,
    bytes: await response.arrayBuffer(),
    fileName:
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName,
    type: response.headers.get('content-type') ?? 'application/octet-stream',
    next: /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1] ?? null,
  };
}

/** Offers the bytes as a download named `fileName`. */
export function saveFile(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
