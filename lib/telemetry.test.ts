import { afterAll, beforeAll, expect, it } from 'vitest';
import { counter, histogram, METRICS, startTelemetry, withSpan, type Telemetry } from './telemetry';
import { freePort } from '@/e2e/fixtures/ports';

let telemetry: Telemetry;
let port: number;
beforeAll(async () => {
  port = await freePort();
  telemetry = await startTelemetry({ serviceName: 'telemetry-test', prometheusPort: port });
});
afterAll(async () => {
  await telemetry.shutdown();
});

it('exports counters and histograms in Prometheus text format on its own port', async () => {
  counter(METRICS.collectorRuns, 'runs').add(3, { 'truthflow.collector': 'outbox', outcome: 'failure' });
  histogram(METRICS.collectorRunDuration, 'duration').record(0.25, { 'truthflow.collector': 'outbox' });
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  expect(text).toMatch(/truthflow_collector_runs_total\{[^}]*outcome="failure"[^}]*\} 3/);
  expect(text).toMatch(/truthflow_collector_run_seconds_count\{[^}]*\} 1/);
  expect(text).toMatch(/truthflow_collector_run_seconds_bucket\{[^}]*le="0.5"[^}]*\} 1/);
});

it('listens on HOST (loopback by default), not on every interface', async () => {
  // Bound to 127.0.0.1 only: the IPv6 loopback (which a wildcard bind would also answer) refuses.
  expect(process.env.HOST).toBeUndefined();
  await expect(fetch(`http://[::1]:${port}/metrics`)).rejects.toThrow();
  expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
});

it('withSpan returns the result and rethrows failures', async () => {
  await expect(withSpan('ok', {}, async () => 42)).resolves.toBe(42);
  await expect(withSpan('boom', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
});
