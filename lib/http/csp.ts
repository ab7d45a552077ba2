// The Content-Security-Policy of every page, with a fresh nonce per request. Next.js reads the
// nonce from the request's CSP header and puts it on its own inline scripts (every page here is
// rendered per request), so no inline script runs without it: an injected `<script>` or event
// handler attribute is blocked even if some output escaped its escaping. Styles keep
// 'unsafe-inline': React's style attributes need it, and a style cannot run code.
import { randomBytes } from 'node:crypto';

export const newNonce = () => randomBytes(16).toString('base64');

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': chunks loaded by a nonce'd script are trusted, so 'self' is only a fallback.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}
