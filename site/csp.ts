/**
 * The content security policy the public site is served with. It is defined once, with the other
 * security headers, in infra/security-headers.ts (the CloudFront response-headers policy and the
 * local runtime send it); this module is how the site and its browser tests refer to it, and
 * says what the pages need from it:
 *
 * - script-src 'self' 'wasm-unsafe-eval': the only script is the search page's bundled module
 *   under /_astro/; pagefind compiles its WebAssembly search core, which needs 'wasm-unsafe-eval'
 *   (without it Chromium refuses WebAssembly.instantiate, checked in the browser tests).
 * - worker: pagefind runs in /pagefind/pagefind-worker.js when it can; same origin, allowed by
 *   script-src 'self' (worker-src falls back to it).
 * - style-src 'self': no inline styles or <style> elements (Astro is set to emit stylesheets as
 *   files, inlineStylesheets: 'never').
 * - connect-src 'self' https://*.amazoncognito.com: pagefind fetches its index and fragments and
 *   the API is on the same origin; the desk exchanges its sign-in code at Cognito's token endpoint.
 * - script-src also serves the desk's and the progress page's bundled modules (no inline scripts).
 * - img-src 'self' suffices for the public pages (no data: images).
 */
export { contentSecurityPolicy } from '../infra/security-headers.ts';
