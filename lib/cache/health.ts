// What a cache's nodes say, judged against the previous run (docs/algorithms.md "Cache health").
// Pure: the collector reads INFO from every listed node, this turns the readings into rates, ratios
// and role-change events.
//
// Counters (evicted, expired, hits, misses) are cumulative since the process started: a lower value
// or a new run_id means a restart, and then the new value is the increase (as Prometheus' rate()
// does). A node's first reading gives no rates: unknown, not 0. A window without a single read
// gives no hit ratio either: a ratio of nothing is not 100 %, nor 0 %.
import type { RedisInfo, RedisRole } from './info';

export type CacheRole = 'primary' | 'replica';
const ROLE_WORDS: Record<RedisRole, CacheRole> = { master: 'primary', slave: 'replica' };

export interface NodeObservation {
  node: string;
  /** null when the node did not answer. */
  info: RedisInfo | null;
  /** Epoch milliseconds. */
  at: number;
}

export interface NodeMemory {
  info: RedisInfo;
  at: number;
}

export interface CacheMemory {
  nodes: Map<string, NodeMemory>;
  /** Last role each node was seen in, kept while it is unreachable so a failover across an outage is seen. */
  roles: Map<string, CacheRole>;
}

export interface NodeHealth {
  node: string;
  up: boolean;
  role: CacheRole | null;
  linkUp: boolean | null;
  evictionsPerSecond: number | null;
  expiredPerSecond: number | null;
  hitRatio: number | null;
  usedMemory: number | null;
  usedMemoryRatio: number | null;
  connectedClients: number | null;
  /** Set on the run that first sees the node in a different role than before. */
  roleChange: { from: CacheRole; to: CacheRole } | null;
  /** Reads in the window (hits, misses): the aggregate ratio weighs nodes by them. */
  reads: { hits: number; misses: number } | null;
}

export interface CacheAssessment {
  nodes: NodeHealth[];
  hitRatio: number | null;
  evictionsPerSecond: number | null;
  expiredPerSecond: number | null;
  upRatio: number;
  memory: CacheMemory;
}

export const emptyCacheMemory = (): CacheMemory => ({ nodes: new Map(), roles: new Map() });

function increase(now: number, before: number, restarted: boolean): number {
  return restarted || now < before ? now : now - before;
}

function nodeHealth(o: NodeObservation, before: NodeMemory | undefined, lastRole: CacheRole | undefined): NodeHealth {
  const down: NodeHealth = {
    node: o.node,
    up: false,
    role: null,
    linkUp: null,
    evictionsPerSecond: null,
    expiredPerSecond: null,
    hitRatio: null,
    usedMemory: null,
    usedMemoryRatio: null,
    connectedClients: null,
    roleChange: null,
    reads: null,
  };
  const info = o.info;
  if (!info) return down;
  const role = ROLE_WORDS[info.role];
  const seconds = before ? (o.at - before.at) / 1000 : 0;
  const restarted = before !== undefined && info.runId !== null && before.info.runId !== null && info.runId !== before.info.runId;
  const per = (now: number, then: number | undefined) =>
    then === undefined || seconds <= 0 ? null : increase(now, then, restarted) / seconds;
  const reads =
    before && seconds > 0
      ? { hits: increase(info.hits, before.info.hits, restarted), misses: increase(info.misses, before.info.misses, restarted) }
      : null;
  const total = reads ? reads.hits + reads.misses : 0;
  return {
    ...down,
    up: true,
    role,
    linkUp: info.linkUp,
    evictionsPerSecond: per(info.evictedKeys, before?.info.evictedKeys),
    expiredPerSecond: per(info.expiredKeys, before?.info.expiredKeys),
    hitRatio: reads && total > 0 ? reads.hits / total : null,
    usedMemory: info.usedMemory,
    usedMemoryRatio: info.maxMemory > 0 ? info.usedMemory / info.maxMemory : null,
    connectedClients: info.connectedClients,
    roleChange: lastRole !== undefined && lastRole !== role ? { from: lastRole, to: role } : null,
    reads,
  };
}

const sumOrNull = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
};

export function assessCache(observations: NodeObservation[], previous: CacheMemory): CacheAssessment {
  const memory: CacheMemory = { nodes: new Map(), roles: new Map(previous.roles) };
  const nodes = observations.map((o) => {
    const health = nodeHealth(o, previous.nodes.get(o.node), previous.roles.get(o.node));
    if (o.info) memory.nodes.set(o.node, { info: o.info, at: o.at });
    if (health.role) memory.roles.set(o.node, health.role);
    return health;
  });
  const hits = sumOrNull(nodes.map((n) => n.reads?.hits ?? null));
  const reads = sumOrNull(nodes.map((n) => (n.reads ? n.reads.hits + n.reads.misses : null)));
  return {
    nodes,
    hitRatio: hits !== null && reads ? hits / reads : null,
    evictionsPerSecond: sumOrNull(nodes.map((n) => n.evictionsPerSecond)),
    expiredPerSecond: sumOrNull(nodes.map((n) => n.expiredPerSecond)),
    upRatio: observations.length ? nodes.filter((n) => n.up).length / observations.length : 0,
    memory,
  };
}
