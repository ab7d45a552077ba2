// scrape_status: per collector and source, the last attempt, success and error.
import { prisma } from '../prisma';

export interface ScrapeStatusView {
  collector: string;
  source: string;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorKind: string | null;
  lastErrorMessage: string | null;
  consecutiveFailures: number;
}

export async function listScrapeStatus(): Promise<ScrapeStatusView[]> {
  return prisma().scrapeStatus.findMany({
    orderBy: [{ collector: 'asc' }, { source: 'asc' }],
    select: {
      collector: true,
      source: true,
      lastAttemptAt: true,
      lastSuccessAt: true,
      lastErrorKind: true,
      lastErrorMessage: true,
      consecutiveFailures: true,
    },
  });
}
