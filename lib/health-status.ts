// The words Truthflow's self-checks and collector scrapes report with. Apart from lib/health.ts
// (which reads the store) so that the response schemas the browser validates with can list them.

/** One check or one collector's scrape: working, failing, or not known (never a hopeful default). */
export const CHECK_STATUSES = ['ok', 'failing', 'unknown'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Truthflow as a whole: every check ok, some failing, or the store itself unreachable. */
export const HEALTH_STATUSES = ['ok', 'degraded', 'down'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
