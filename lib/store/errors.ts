// "The store could not be read" as one typed error, raised where the store is accessed (the pool in
// ./pool.ts translates its own failures), so every caller — route wrapper, page, collector — can
// tell a store that is down from a bug of ours without guessing from error messages.
import { errorKindOf, TruthflowError, type ErrorKind } from '../errors';

/**
 * The store is unreachable, refused us, or did not answer in time. A TruthflowError, so the
 * collectors' errorKindOf still reads its kind; the message is the reason only (the route wrapper
 * and the pages say "store unreachable: <message>").
 */
export class StoreUnavailableError extends TruthflowError {
  static override readonly brand: string = 'StoreUnavailableError';

  constructor(message: string, options: { kind?: ErrorKind; cause?: unknown } = {}) {
    super(options.kind ?? 'network', message, { cause: options.cause });
    this.name = 'StoreUnavailableError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'ETIMEDOUT',
]);
/** SQLSTATE classes of a server that cannot serve us: 08 connection, 53 resources, 57 shutdown or cancelled (statement_timeout), 58 system. */
const SQLSTATE_CLASSES = ['08', '53', '57', '58'];
/** Database missing, login refused. */
const SQLSTATES = new Set(['3D000', '28000', '28P01']);
/** node-postgres' own errors, which carry no code. */
const DRIVER_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|query read timeout|not queryable|after calling end on the pool/i;

/** True for failures of the store itself; false for what a query got wrong (a bug: 500, not 503). */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return NETWORK_CODES.has(code) || SQLSTATES.has(code) || SQLSTATE_CLASSES.some((c) => code.startsWith(c) && code.length === 5);
  }
  return error instanceof Error && DRIVER_MESSAGES.test(error.message);
}

/** The error as a StoreUnavailableError when the store failed, unchanged otherwise. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isStoreUnavailable(error)) return error;
  const code = (error as { code?: unknown }).code;
  // A refused connection to "localhost" is an AggregateError with an empty message: say the code.
  const message = (error instanceof Error && error.message) || (typeof code === 'string' ? code : String(error));
  const kind = code === '57014' ? 'timeout' : errorKindOf(error);
  return new StoreUnavailableError(message, { kind, cause: error });
}

type Query = (...args: unknown[]) => unknown;

/**
 * Makes a pool's promise API reject with StoreUnavailableError when the store fails: `query` and
 * `connect` (queries on a client already checked out — transactions — keep pg's own errors).
 */
export function reportingUnavailable<P extends { query: unknown; connect: unknown }>(pool: P): P {
  const translate =
    (run: Query): Query =>
    (...args) => {
      const result = run(...args);
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(asStoreError(error))) : result;
    };
  pool.query = translate((pool.query as Query).bind(pool)) as P['query'];
  pool.connect = translate((pool.connect as Query).bind(pool)) as P['connect'];
  return pool;
}
