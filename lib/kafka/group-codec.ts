// FindCoordinator v4 (many keys per request, KIP-699) and OffsetFetch v8 (many groups per request,
// KIP-709): encoding requests and decoding answers. Both are flexible versions, whose request
// header carries a tagged-field buffer after the client id and whose response header carries one
// after the correlation id. kafkajs writes and reads the non-flexible headers, so the request body
// starts with that empty buffer and the decoder skips the answer's: byte for byte the v2 and v1
// headers Kafka expects.
import { WireReader, WireWriter } from './wire';

export const API = { offsetFetch: { key: 9, version: 8 }, findCoordinator: { key: 10, version: 4 } } as const;

/** Kafka error codes these answers carry, named the way kafkajs names them (errors.ts reads `type`). */
export const ERROR_TYPES: Record<number, string> = {
  3: 'UNKNOWN_TOPIC_OR_PARTITION',
  14: 'COORDINATOR_LOAD_IN_PROGRESS',
  15: 'COORDINATOR_NOT_AVAILABLE',
  16: 'NOT_COORDINATOR',
  24: 'INVALID_GROUP_ID',
  29: 'TOPIC_AUTHORIZATION_FAILED',
  30: 'GROUP_AUTHORIZATION_FAILED',
  69: 'GROUP_ID_NOT_FOUND',
  88: 'UNSTABLE_OFFSET_COMMIT',
};

/** The coordinator has moved or is still loading: ask again where it is, then ask it again. */
export const RETRIABLE_GROUP_ERRORS = new Set([14, 15, 16]);

const GROUP_KEY_TYPE = 0;

export function encodeFindCoordinators(groupIds: readonly string[]): Buffer {
  const w = new WireWriter().emptyTags().int8(GROUP_KEY_TYPE).compactArrayLength(groupIds.length);
  for (const id of groupIds) w.compactString(id);
  return w.emptyTags().bytes();
}

export interface CoordinatorAnswer {
  groupId: string;
  nodeId: number;
  errorCode: number;
  errorMessage: string | null;
}

export function decodeFindCoordinators(payload: Buffer): CoordinatorAnswer[] {
  const r = new WireReader(payload, 'FindCoordinator v4');
  r.skipTags(); // response header
  r.int32(); // throttle time
  const answers = r.compactArray((c) => {
    const groupId = c.compactString();
    const nodeId = c.int32();
    c.compactString(); // host: the cluster metadata says where the node is
    c.int32(); // port
    const errorCode = c.int16();
    const errorMessage = c.compactNullableString();
    c.skipTags();
    return { groupId, nodeId, errorCode, errorMessage };
  });
  r.skipTags();
  r.done();
  return answers;
}

/** Every committed partition of each group (topics null), not requiring stable offsets (as kafkajs asks). */
export function encodeOffsetFetch(groupIds: readonly string[]): Buffer {
  const w = new WireWriter().emptyTags().compactArrayLength(groupIds.length);
  for (const id of groupIds) w.compactString(id).compactArrayLength(null).emptyTags();
  return w.int8(0).emptyTags().bytes();
}

export interface GroupOffsetAnswer {
  groupId: string;
  errorCode: number;
  /** In kafkajs' fetchOffsets shape, so the same schema checks both paths. */
  topics: { topic: string; partitions: { partition: number; offset: string; errorCode: number }[] }[];
}

export function decodeOffsetFetch(payload: Buffer): GroupOffsetAnswer[] {
  const r = new WireReader(payload, 'OffsetFetch v8');
  r.skipTags(); // response header
  r.int32(); // throttle time
  const groups = r.compactArray((g) => {
    const groupId = g.compactString();
    const topics = g.compactArray((t) => {
      const topic = t.compactString();
      const partitions = t.compactArray((p) => {
        const partition = p.int32();
        const offset = p.int64();
        p.int32(); // committed leader epoch
        p.compactNullableString(); // metadata
        const errorCode = p.int16();
        p.skipTags();
        return { partition, offset, errorCode };
      });
      t.skipTags();
      return { topic, partitions };
    });
    const errorCode = g.int16();
    g.skipTags();
    return { groupId, errorCode, topics };
  });
  r.skipTags();
  r.done();
  return groups;
}
