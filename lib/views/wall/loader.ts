// Data for `/wall` and `/api/wall`. It must answer fast and say plainly when it cannot: a store
// that does not answer within WALL_STORE_DEADLINE_MS is reported as unreachable (the API turns
// that into a 503), because a wall screen waiting on a hung query looks exactly like a healthy one.
import 'server-only';
import { withTimeout } from '../../async/timeout';
import { TruthflowError } from '../../errors';
import { HEARTBEAT_STALE_AFTER_SECONDS } from '../../health';
import { serverConfig } from '../../server-config';
import { StoreUnavailableError } from '../../store/errors';
import { latestHeartbeat } from '../../store/queries/heartbeats';
import { listSloStateDetail, type SloStateDetail } from '../../store/queries/slo-state';
import { formatClock } from '../shared/format';
import { isStale, staleAfterSeconds } from '../shared/freshness';
import { stateIndex, summarizeSlo } from '../shared/slo-summary';
import type { WallData } from './schema';

export const WALL_STORE_DEADLINE_MS = 2_000;

/** The store's reads, or StoreUnavailableError once the wall's deadline has passed. */
function withinDeadline<T>(work: Promise<T>): Promise<T> {
  const message = `the store did not answer within ${WALL_STORE_DEADLINE_MS} ms`;
  return withTimeout(work, WALL_STORE_DEADLINE_MS, { message }).catch((error: unknown) => {
    // The pool reports the store's own failures; withTimeout's plain timeout error is one as well.
    const hung = error instanceof TruthflowError && !(error instanceof StoreUnavailableError) && error.kind === 'timeout';
    throw hung ? new StoreUnavailableError(message, { kind: 'timeout', cause: error }) : error;
  });
}

function newest(states: SloStateDetail[]): Date | null {
  return states.reduce<Date | null>((max, s) => (max === null || s.evaluatedAt > max ? s.evaluatedAt : max), null);
}

/** Throws StoreUnavailableError when the store cannot be read. */
export async function loadWall(): Promise<WallData> {
  const config = serverConfig();
  const now = new Date();
  const staleAfter = staleAfterSeconds(config.collectors.intervalSeconds);
  const [states, beat] = await withinDeadline(Promise.all([listSloStateDetail(), latestHeartbeat()]));
  const stateOf = stateIndex(states);
  const newestAt = newest(states);
  const beatAge = beat ? Math.round(beat.ageSeconds) : null;
  const collectorsOk = beatAge !== null && beatAge <= HEARTBEAT_STALE_AFTER_SECONDS;
  const staleReason = !collectorsOk
    ? beatAge === null
      ? 'the collectors process has never reported'
      : `no collectors heartbeat for ${beatAge} s`
    : newestAt === null
      ? 'no SLO has been evaluated yet'
      : isStale(newestAt, now.getTime(), staleAfter)
        ? `SLO verdicts are older than ${staleAfter} s (newest at ${formatClock(newestAt.toISOString())})`
        : null;
  return {
    generatedAt: now.toISOString(),
    staleAfterSeconds: staleAfter,
    collectors: { status: collectorsOk ? 'ok' : 'failing', heartbeatAgeSeconds: beatAge },
    newestEvaluationAt: newestAt?.toISOString() ?? null,
    dataStale: staleReason !== null,
    staleReason,
    features: config.features
      .map((f) => ({
        name: f.name,
        tier: f.tier,
        owner: f.owner,
        slos: f.slos.map((slo) => summarizeSlo(slo, stateOf(f.name, slo.name), now.getTime(), staleAfter)),
      }))
      .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name)),
  };
}
