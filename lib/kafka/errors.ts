// kafkajs errors → TruthflowError kinds, so the scrape-status panel can say "could not connect"
// rather than "KafkaJSNumberOfRetriesExceeded". kafkajs wraps the real failure (retries exceeded,
// non-retriable wrappers), so the whole cause chain is inspected, innermost facts first.
import { TruthflowError, type ErrorKind } from '@/lib/errors';

interface KafkaJsLike {
  name?: string;
  message?: string;
  code?: unknown;
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

const AUTH_TYPES = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'ILLEGAL_SASL_STATE',
  'UNSUPPORTED_SASL_MECHANISM',
  'CLUSTER_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'TOPIC_AUTHORIZATION_FAILED',
]);
const CONFIG_TYPES = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_TOPIC_EXCEPTION', 'INVALID_GROUP_ID']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);

function chainOf(error: unknown): KafkaJsLike[] {
  const chain: KafkaJsLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 8 && !chain.includes(current as KafkaJsLike)) {
    const e = current as KafkaJsLike;
    chain.push(e);
    current = e.originalError ?? e.cause;
  }
  return chain;
}

function kindOfOne(e: KafkaJsLike): ErrorKind | undefined {
  const type = typeof e.type === 'string' ? e.type : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = e.message ?? '';
  if (e.name === 'KafkaJSSASLAuthenticationError' || AUTH_TYPES.has(type) || /SASL .*authentication failed/i.test(message)) return 'auth';
  if (CONFIG_TYPES.has(type)) return 'config';
  if (e.name === 'KafkaJSRequestTimeoutError' || e.name === 'KafkaJSTimeout' || code === 'ETIMEDOUT' || /timeout|timed out/i.test(message))
    return 'timeout';
  if (
    NETWORK_CODES.has(code) ||
    e.name === 'KafkaJSConnectionError' ||
    e.name === 'KafkaJSConnectionClosedError' ||
    e.name === 'KafkaJSBrokerNotFound'
  ) {
    return 'network';
  }
  return undefined;
}

export function kafkaErrorKind(error: unknown): ErrorKind {
  if (error instanceof TruthflowError) return error.kind;
  const chain = chainOf(error);
  // The innermost classified cause is the most specific (a timeout inside "retries exceeded").
  for (const e of [...chain].reverse()) {
    const kind = kindOfOne(e);
    if (kind) return kind;
  }
  return chain.some((e) => typeof e.type === 'string') ? 'http' : 'network';
}

/** Wraps any failure of a Kafka call into a TruthflowError that names what was being done. */
export function kafkaError(error: unknown, doing: string): TruthflowError {
  if (error instanceof TruthflowError) return error;
  const chain = chainOf(error);
  const detail = chain.at(-1)?.message ?? String(error);
  return new TruthflowError(kafkaErrorKind(error), `${doing}: ${detail}`, { cause: error });
}

/** True when kafkajs says a topic or partition does not exist (deleted, or never created). */
export function isUnknownTopic(error: unknown): boolean {
  return chainOf(error).some((e) => e.type === 'UNKNOWN_TOPIC_OR_PARTITION');
}
