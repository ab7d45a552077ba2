// Redis INFO, parsed and checked: the text reply of `INFO` is "key:value" lines under "# Section"
// headers. Only the fields the cache collector uses are validated; a server missing one of them
// (a proxy that answers INFO partially, a much older Redis) is a parse error, never a 0.
import { z } from 'zod';
import { TruthflowError } from '@/lib/errors';

export const REDIS_ROLES = ['master', 'slave'] as const;
export type RedisRole = (typeof REDIS_ROLES)[number];

/** Every key of every section in one map: Redis never repeats a key across sections. */
export function parseInfoText(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

const count = z.coerce.number().int().min(0);

const infoSchema = z.object({
  role: z.enum(REDIS_ROLES),
  /** Replicas only: "up" while the link to the primary works. */
  master_link_status: z.enum(['up', 'down']).optional(),
  master_host: z.string().optional(),
  master_port: z.coerce.number().int().optional(),
  connected_slaves: count.optional(),
  evicted_keys: count,
  expired_keys: count,
  keyspace_hits: count,
  keyspace_misses: count,
  used_memory: count,
  maxmemory: count,
  maxmemory_policy: z.string().optional(),
  connected_clients: count,
  /** Changes when the process restarts: counters then start again from 0. */
  run_id: z.string().optional(),
});

export interface RedisInfo {
  role: RedisRole;
  linkUp: boolean | null;
  primary: string | null;
  evictedKeys: number;
  expiredKeys: number;
  hits: number;
  misses: number;
  usedMemory: number;
  /** 0 means no limit. */
  maxMemory: number;
  maxMemoryPolicy: string | null;
  connectedClients: number;
  runId: string | null;
}

export function parseRedisInfo(text: string, node: string): RedisInfo {
  const parsed = infoSchema.safeParse(Object.fromEntries(parseInfoText(text)));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ');
    throw new TruthflowError('parse', `INFO from ${node} lacks or garbles: ${fields}`);
  }
  const i = parsed.data;
  return {
    role: i.role,
    linkUp: i.role === 'slave' ? i.master_link_status === 'up' : null,
    primary: i.master_host !== undefined ? `${i.master_host}:${i.master_port ?? '?'}` : null,
    evictedKeys: i.evicted_keys,
    expiredKeys: i.expired_keys,
    hits: i.keyspace_hits,
    misses: i.keyspace_misses,
    usedMemory: i.used_memory,
    maxMemory: i.maxmemory,
    maxMemoryPolicy: i.maxmemory_policy ?? null,
    connectedClients: i.connected_clients,
    runId: i.run_id ?? null,
  };
}
