// Splitting one cluster's consumer groups into lag shards, each its own leased job, so several
// collectors processes share a cluster with tens of thousands of groups. A group's shard is a
// hash of its id alone: every process, every version and every page agrees on it without asking
// anyone, and a group never moves between shards while the shard count stays the same.

export interface LagShard {
  /** 0-based. */
  index: number;
  count: number;
}

/** The cluster as one job: what an unsharded source runs. */
export const WHOLE_CLUSTER: LagShard = { index: 0, count: 1 };

/**
 * 32-bit FNV-1a over the UTF-16 code units. Not for security: spreading evenly and being the same
 * everywhere is all it must do, and it needs no dependency in the browser bundle or in SQL.
 */
export function groupHash(groupId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < groupId.length; i++) {
    hash ^= groupId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function shardOfGroup(groupId: string, count: number): number {
  return count <= 1 ? 0 : groupHash(groupId) % count;
}

export const inShard = (groupId: string, shard: LagShard): boolean => shardOfGroup(groupId, shard.count) === shard.index;

/**
 * The job's target name, which is also its lease key and scrape-status source: the cluster itself
 * when unsharded (so nothing changes for a small cluster), `<cluster>:<index>/<count>` otherwise.
 * Source names cannot contain ':' or '/', so the two never collide.
 */
export function shardTargetName(cluster: string, shard: LagShard): string {
  return shard.count <= 1 ? cluster : `${cluster}:${shard.index}/${shard.count}`;
}

/** Which lag job reports on `groupId`: its scrape status is the one to show beside the group. */
export function lagSourceOfGroup(cluster: string, groupId: string, count: number): string {
  return shardTargetName(cluster, { index: shardOfGroup(groupId, count), count });
}

/** Every shard of a cluster, in order. */
export function shardsOf(count: number): LagShard[] {
  return Array.from({ length: Math.max(1, count) }, (_, index) => ({ index, count: Math.max(1, count) }));
}

/** Reads `<cluster>:<index>/<count>` back; undefined for anything else (an unsharded source's name). */
export function parseShardTarget(name: string): { cluster: string; shard: LagShard } | undefined {
  const match = /^(.+):(\d+)\/(\d+)$/.exec(name);
  if (!match) return undefined;
  const index = Number(match[2]);
  const count = Number(match[3]);
  return index < count ? { cluster: match[1]!, shard: { index, count } } : undefined;
}

/** How many shards a cluster of `groups` groups would want at the suggested 2,000 groups per shard. */
export const GROUPS_PER_SHARD = 2_000;
export const suggestedShards = (groups: number): number => Math.max(1, Math.ceil(groups / GROUPS_PER_SHARD));

/**
 * How a lag job says its verdict state started over because the job moved to this process (its
 * old owner died or gave it up): the /lag page shows these notes beside the cluster.
 */
export const STATE_REBUILT_NOTE = 'state rebuilt after shard moved at';
