/** Escaping text for HTML: the guide pages (site/src/lib/guide-html.ts) and the report draft use it. */

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const special = /[&<>"']/;

/**
 * Escapes text for HTML content and double-quoted attributes. Most catalogue text has nothing to
 * escape: testing first spares a replace per value, which showed in the site build's profile.
 */
export function esc(text: string | number): string {
  const value = String(text);
  return special.test(value) ? value.replace(/[&<>"']/g, (c) => escapes[c] ?? c) : value;
}
