// The monitored side of the soak. A real Kafka with 10,000 consumer groups and a real shop cannot
// follow a simulated clock, so two collectors of the bench's own stand in for kafka-lag and outbox:
// they implement the product's Collector contract and return what those collectors return (the
// same series names and labels, e.g. kafka_consumer_lag_seconds{cluster,group,topic}), and from
// there everything is the product's: the runner's run, the output writer, the sink, the store.
import type { Collector } from '@/collectors/types';
import type { OutboxConfig } from '@/lib/config';
import { SERIES } from '@/lib/series-names';
import { DAY_MS, outboxAgeAt, type Scenario } from './scenario';

export const LAG_CLUSTER = 'events';
/** Share of groups that live one day only (deploy-named consumers): their series must be pruned. */
const EPHEMERAL_SHARE = 0.01;

/** Group ids seen at `t`: the stable ones, and the day's ephemeral ones (new names every day). */
export function groupIdsAt(groups: number, start: number, t: number): string[] {
  const ephemeral = Math.max(1, Math.round(groups * EPHEMERAL_SHARE));
  const day = Math.floor((t - start) / DAY_MS);
  const ids: string[] = [];
  for (let g = 0; g < groups - ephemeral; g++) ids.push(`svc-${String(g).padStart(5, '0')}`);
  for (let g = 0; g < ephemeral; g++) ids.push(`job-d${day}-${g}`);
  return ids;
}

/** Lag of every group at the run's time: one sample per group, as kafka-lag reports lag seconds. */
export function soakLagCollector(groups: number, scenario: Scenario): Collector<{ name: string }> {
  return {
    name: 'kafka-lag',
    targets: () => [{ name: LAG_CLUSTER }],
    initialState: () => undefined,
    collect(ctx) {
      const t = ctx.now().getTime();
      const ids = groupIdsAt(groups, scenario.start, t);
      const samples = ids.map((group, i) => ({
        metric: SERIES.kafkaLagSeconds,
        labels: { cluster: LAG_CLUSTER, group, topic: 'order-events' },
        value: (i * 7 + t / 60_000) % 90,
      }));
      return Promise.resolve({ samples, summary: `${ids.length} groups` });
    },
  };
}

/** The outboxes' oldest unsent age and backlog, stuck during the scenario's stuck hours. */
export function soakOutboxCollector(scenario: Scenario): Collector<OutboxConfig> {
  return {
    name: 'outbox',
    targets: (config) => config.outboxes,
    initialState: () => undefined,
    collect(ctx) {
      const t = ctx.now().getTime();
      const age = outboxAgeAt(scenario, ctx.target.name, t);
      const labels = { outbox: ctx.target.name };
      return Promise.resolve({
        samples: [
          { metric: SERIES.outboxOldestUnsentAgeSeconds, labels, value: age },
          { metric: SERIES.outboxUnsentRows, labels, value: age > 60 ? 500 : 3 },
        ],
        summary: `oldest unsent ${Math.round(age)} s`,
      });
    },
  };
}
