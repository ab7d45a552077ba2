// What the benchmarks share: timing sequential calls and reading percentiles off the result.

/** Runs `fn` `warmup` times untimed, then `n` times timed, one at a time; the times (ms) sorted ascending. */
export async function timeCalls(n: number, fn: (i: number) => Promise<unknown>, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    out.push(performance.now() - started);
  }
  return out.sort((a, b) => a - b);
}

/** The p-th percentile (nearest rank) of ascending values. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
