// Prisma CLI settings (Prisma 7 keeps the connection URL out of schema.prisma).
// `prisma migrate deploy` works where Prisma's native schema engine exists. Here we apply the same migration folders with `npm run db:migrate`.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/truthflow' },
});
