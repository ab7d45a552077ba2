// The soak's knobs, read from the environment once and checked with zod: a typo such as
// BENCH_SOAK_DAYS=3o stops the bench with the variable's name instead of running a wrong soak.
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  /** Simulated days; the retention horizons are a week, so 30 shows three weeks of levelling off. */
  BENCH_SOAK_DAYS: int(2, 90, 30),
  /** Consumer groups whose lag the lag collector reports (1 % of them are renamed every day). */
  BENCH_SOAK_GROUPS: int(10, 100_000, 10_000),
  /** Simulated minutes between two lag collections of all groups. */
  BENCH_SOAK_LAG_STEP_MINUTES: int(5, 720, 120),
  /** Simulated minutes between job runs on a quiet day (the config's collectors.intervalSeconds). */
  BENCH_SOAK_TICK_MINUTES: int(1, 60, 30),
  /** Simulated minutes between job runs around incidents, so the 5-minute burn windows see slices. */
  BENCH_SOAK_INCIDENT_TICK_MINUTES: int(1, 15, 5),
  /** The sink's bound (collectors/main.ts uses the default 100,000): small enough that the 4-hour outage overflows it. */
  BENCH_SOAK_SINK_MAX: int(1_000, 1_000_000, 15_000),
  /** Spans exported per lag step (one OTLP request through the receiver). */
  BENCH_SOAK_SPANS_PER_STEP: int(0, 4_096, 400),
});

export type SoakOptions = {
  days: number;
  groups: number;
  lagStepMinutes: number;
  tickMinutes: number;
  incidentTickMinutes: number;
  sinkMax: number;
  spansPerStep: number;
};

export function soakOptions(env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`bench:soak: bad environment:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    days: e.BENCH_SOAK_DAYS,
    groups: e.BENCH_SOAK_GROUPS,
    lagStepMinutes: e.BENCH_SOAK_LAG_STEP_MINUTES,
    tickMinutes: e.BENCH_SOAK_TICK_MINUTES,
    incidentTickMinutes: e.BENCH_SOAK_INCIDENT_TICK_MINUTES,
    sinkMax: e.BENCH_SOAK_SINK_MAX,
    spansPerStep: e.BENCH_SOAK_SPANS_PER_STEP,
  };
}
