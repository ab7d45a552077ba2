// Prisma 7 client through the pg driver adapter: no native query engine, nothing to download.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { storeUrl } from './pool';

const globalForPrisma = globalThis as unknown as { truthflowPrisma?: PrismaClient };

export function prisma(): PrismaClient {
  if (!globalForPrisma.truthflowPrisma) {
    const adapter = new PrismaPg({ connectionString: storeUrl(), max: 5, connectionTimeoutMillis: 5_000 });
    globalForPrisma.truthflowPrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.truthflowPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.truthflowPrisma;
  globalForPrisma.truthflowPrisma = undefined;
  await client?.$disconnect();
}
