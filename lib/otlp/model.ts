// What both decoders (protobuf and JSON) produce: one shape, before validation. Ids are hex as
// received (possibly invalid), times are nanoseconds; normalize.ts decides what is storable.

/** A JSON-storable attribute value (OTLP AnyValue after conversion). */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attrs = Record<string, AttrValue>;

export interface DecodedEvent {
  timeNs: bigint | null;
  name: string;
  attributes: Attrs;
}

export interface DecodedLink {
  traceId: string;
  spanId: string;
  attributes: Attrs;
}

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  startNs: bigint | null;
  endNs: bigint | null;
  attributes: Attrs;
  events: DecodedEvent[];
  links: DecodedLink[];
  statusCode: number;
  statusMessage: string;
}

/** One span of the request with the resource it came from, or why it could not even be read. */
export type DecodedItem = { resource: Attrs; span: DecodedSpan } | { problem: string };

export interface DecodedRequest {
  items: DecodedItem[];
}

/** The body as a whole is unusable (not protobuf, not JSON, wrong top-level shape): answer 400. */
export class MalformedBodyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedBodyError';
  }
}
