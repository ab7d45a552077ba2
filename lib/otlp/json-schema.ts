// zod shapes of OTLP/JSON (protobuf JSON mapping with OTLP's exceptions: hex ids, integer enums,
// 64-bit integers as strings or numbers). zod objects strip unknown keys, which is exactly the
// spec's "unknown fields are ignored". `null` means "default" in protobuf JSON, hence nullish().
import { z } from 'zod';

/** int64/fixed64: a decimal string (the mapping's form) or a number (accepted too). */
// Not z.number().int(): zod caps that at 2^53, and nanosecond times are far beyond it.
export const int64 = z.union([z.string().regex(/^-?\d{1,20}$/), z.number().refine(Number.isInteger, { error: 'expected an integer' })]);

const ENUM_NAMES: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/** Enums are integers in OTLP/JSON; names are what generic protobuf JSON writers emit, so accept them. */
export const enumValue = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const value = typeof v === 'number' ? v : ENUM_NAMES[v];
  if (value === undefined || !Number.isInteger(value)) {
    ctx.issues.push({ code: 'custom', input: v, message: `expected an integer enum value, found ${String(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return value;
});

/** Attribute values are checked one level at a time (attrs-json.ts), so nesting stays bounded. */
export const keyValue = z.object({ key: z.string(), value: z.unknown().optional() });
const attributes = z.array(keyValue).nullish();

export const anyValue = z.object({
  stringValue: z.string().nullish(),
  boolValue: z.boolean().nullish(),
  intValue: int64.nullish(),
  doubleValue: z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).nullish(),
  arrayValue: z.object({ values: z.array(z.unknown()).nullish() }).nullish(),
  kvlistValue: z.object({ values: z.array(z.unknown()).nullish() }).nullish(),
  bytesValue: z.string().nullish(),
});

const id = z.string().nullish();

export const jsonSpan = z.object({
  traceId: id,
  spanId: id,
  parentSpanId: id,
  name: z.string().nullish(),
  kind: enumValue.nullish(),
  startTimeUnixNano: int64.nullish(),
  endTimeUnixNano: int64.nullish(),
  attributes,
  events: z.array(z.object({ timeUnixNano: int64.nullish(), name: z.string().nullish(), attributes })).nullish(),
  links: z.array(z.object({ traceId: id, spanId: id, attributes })).nullish(),
  status: z.object({ code: enumValue.nullish(), message: z.string().nullish() }).nullish(),
});

/** The envelope only: a span that fails jsonSpan is rejected alone, not the whole request. */
export const jsonRequest = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).nullish(),
        scopeSpans: z.array(z.object({ spans: z.array(z.unknown()).nullish() })).nullish(),
      }),
    )
    .nullish(),
});

export type JsonSpan = z.output<typeof jsonSpan>;
