// The shape of GET /api/health (and of the health strip on `/`): a pure schema, apart from
// lib/health.ts, so pages and polling hooks can import it without pulling in the store.
import { z } from 'zod';
import { CHECK_STATUSES, HEALTH_STATUSES } from './health-status';

const check = z.enum(CHECK_STATUSES);

export const healthReportSchema = z.object({
  status: z.enum(HEALTH_STATUSES),
  checkedAt: z.string(),
  store: z.object({ status: check, latencyMs: z.number().optional(), error: z.string().optional() }),
  migrations: z.object({ status: check, pending: z.array(z.string()).optional(), error: z.string().optional() }),
  collectors: z.object({
    status: check,
    heartbeatAgeSeconds: z.number().optional(),
    processes: z.number().optional(),
    error: z.string().optional(),
  }),
});

export type HealthReport = z.output<typeof healthReportSchema>;
