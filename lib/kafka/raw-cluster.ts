// kafkajs' cluster client, which its admin and consumers are built on and which it keeps private:
// reached through the symbol the library names it by, for the few requests Truthflow sends in a
// shape the admin API cannot (group-reads.ts, end-offsets.ts). A kafkajs without that symbol gives
// undefined, and callers fall back to the admin API.
import type { Kafka } from 'kafkajs';

type Versions = Record<number, { minVersion: number; maxVersion: number }> | null;
export interface RawRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<{ buf: Buffer; buffer: Buffer }> };
  response: { decode(payload: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
}
export interface RawBroker {
  versions: Versions;
  connectionPool: { send(request: RawRequest): Promise<unknown> };
  offsetCommit(req: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
}
export interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): (number | string)[];
  findBroker(req: { nodeId: number | string }): Promise<RawBroker>;
  findGroupCoordinator(req: { groupId: string }): Promise<RawBroker>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number }[];
  /** ListOffsets for every partition asked, one request per partition leader. */
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** A cluster client of `kafka`'s own configuration (brokers, TLS, SASL, timeouts), not connected yet. */
export function createCluster(kafka: Kafka, options: { metadataMaxAge?: number } = {}): RawCluster | undefined {
  const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const create = key && (kafka as unknown as Record<symbol, unknown>)[key];
  return typeof create === 'function' ? (create as (o: object) => RawCluster)({ allowAutoTopicCreation: false, ...options }) : undefined;
}

export const speaks = (broker: RawBroker, api: { key: number; version: number }) =>
  (broker.versions?.[api.key]?.maxVersion ?? -1) >= api.version;

export function send<T>(
  broker: RawBroker,
  api: { key: number; version: number },
  name: string,
  body: Buffer,
  decode: (p: Buffer) => T,
): Promise<T> {
  return broker.connectionPool.send({
    request: { apiKey: api.key, apiVersion: api.version, apiName: name, encode: async () => ({ buf: body, buffer: body }) },
    response: { decode: async (payload) => decode(payload), parse: async (data) => data },
  }) as Promise<T>;
}
