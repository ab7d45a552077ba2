// Health of Truthflow itself: store reachable, migrations current, collectors alive. Each check
// reports "unknown" with the reason when it cannot be answered, never a reassuring default. The
// answer's shape (GET /api/health) is the zod schema in ./health-schema.ts.
import type { HealthReport } from './health-schema';
import { latestHeartbeat } from './store/queries/heartbeats';
import { pendingMigrations } from './store/queries/migrations';
import { pingStore } from './store/queries/store-check';

/** Two missed heartbeats (5 s apart) plus slack: beyond this the collectors count as down. */
export const HEARTBEAT_STALE_AFTER_SECONDS = 15;
/** Slack beyond a job's interval and timeout before a late job fails the check (a slow store write is not a stall). */
export const JOBS_OVERDUE_AFTER_SECONDS = 5;

export { healthReportSchema, type HealthReport } from './health-schema';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function checkHealth(): Promise<HealthReport> {
  const checkedAt = new Date().toISOString();
  let store: HealthReport['store'];
  try {
    store = { status: 'ok', ...(await pingStore()) };
  } catch (error) {
    const reason = `store unreachable: ${message(error)}`;
    return {
      status: 'down',
      checkedAt,
      store: { status: 'failing', error: reason },
      migrations: { status: 'unknown', error: reason },
      collectors: { status: 'unknown', error: reason },
    };
  }
  const migrations = await pendingMigrations().then(
    (pending): HealthReport['migrations'] => ({ status: pending.length === 0 ? 'ok' : 'failing', pending }),
    (error): HealthReport['migrations'] => ({ status: 'unknown', error: message(error) }),
  );
  const collectors = await latestHeartbeat().then(
    (beat): HealthReport['collectors'] =>
      beat
        ? {
            // A live process whose jobs stopped running is as failing as a dead one.
            status:
              beat.ageSeconds <= HEARTBEAT_STALE_AFTER_SECONDS && beat.overdueSeconds <= JOBS_OVERDUE_AFTER_SECONDS ? 'ok' : 'failing',
            heartbeatAgeSeconds: Math.round(beat.ageSeconds * 10) / 10,
            processes: beat.processes,
            ...(beat.overdueSeconds > JOBS_OVERDUE_AFTER_SECONDS
              ? {
                  error: `jobs stalled: the most overdue has not started for ${Math.round(beat.overdueSeconds)} s beyond its interval and timeout`,
                }
              : {}),
          }
        : { status: 'failing', error: 'no collectors process has ever written a heartbeat' },
    (error): HealthReport['collectors'] => ({ status: 'unknown', error: message(error) }),
  );
  const allOk = migrations.status === 'ok' && collectors.status === 'ok';
  return { status: allOk ? 'ok' : 'degraded', checkedAt, store, migrations, collectors };
}
