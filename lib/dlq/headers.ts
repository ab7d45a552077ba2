// What a dead-letter message says about itself in its headers: the error class, the exception
// message and where it came from. Spring Kafka and Kafka Connect each have their own header names
// (docs/algorithms.md "Error class from headers"); a team may also name its own class header.
import type { IHeaders } from 'kafkajs';

export const UNKNOWN_ERROR_CLASS = 'unknown';
/** The class becomes a series label and a UI heading: a runaway header must not become one. */
export const MAX_CLASS_LENGTH = 200;
export const MAX_EXCEPTION_MESSAGE_LENGTH = 500;

export const SPRING = {
  fqcn: 'kafka_dlt-exception-fqcn',
  causeFqcn: 'kafka_dlt-exception-cause-fqcn',
  message: 'kafka_dlt-exception-message',
  topic: 'kafka_dlt-original-topic',
  partition: 'kafka_dlt-original-partition',
  offset: 'kafka_dlt-original-offset',
} as const;

export const CONNECT = {
  fqcn: '__connect.errors.exception.class.name',
  message: '__connect.errors.exception.message',
  topic: '__connect.errors.topic',
  partition: '__connect.errors.partition',
  offset: '__connect.errors.offset',
} as const;

// Spring wraps every listener failure in this; the cause says what actually went wrong.
const SPRING_WRAPPER = 'ListenerExecutionFailedException';

export type ErrorClassSource = 'configured' | 'spring' | 'connect' | 'none';

export interface DlqContext {
  errorClass: string;
  errorClassSource: ErrorClassSource;
  errorMessage?: string;
  original?: { topic?: string; partition?: number; offset?: string };
}

export type HeaderValue = IHeaders[string];

/** The raw bytes of a header. Kafka allows repeated keys (kafkajs gives an array): the last one wins, being the latest hop's. */
export function headerBytes(headers: IHeaders | undefined, name: string): Buffer | undefined {
  const value = headers?.[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === undefined || last === null) return undefined;
  return typeof last === 'string' ? Buffer.from(last, 'utf8') : last;
}

/** A header as one bounded line of text: control characters dropped, whitespace squeezed. */
export function headerText(headers: IHeaders | undefined, name: string, max: number): string | undefined {
  const bytes = headerBytes(headers, name);
  if (!bytes) return undefined;
  return cleanText(bytes.toString('utf8'), max);
}

export function cleanText(text: string, max: number): string | undefined {
  const clean = text
    // eslint-disable-next-line no-control-regex -- removing control characters is what this does
    .replace(/[\u0000-\u001f\u007f\ufffd]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * Spring writes partition and offset as big-endian int32 / int64 bytes, Kafka Connect as decimal
 * text. Bytes that are all digits are read as text: a binary int that happens to spell digits
 * would be a partition number above 800 million.
 */
export function headerNumber(headers: IHeaders | undefined, name: string): bigint | undefined {
  const bytes = headerBytes(headers, name);
  if (!bytes || bytes.length === 0) return undefined;
  const text = bytes.toString('latin1');
  if (/^-?\d{1,19}$/.test(text)) return BigInt(text);
  if (bytes.length === 4) return BigInt(bytes.readInt32BE(0));
  if (bytes.length === 8) return bytes.readBigInt64BE(0);
  return undefined;
}

function errorClass(headers: IHeaders | undefined, configured: string | undefined): { value: string; source: ErrorClassSource } {
  const configuredClass = configured ? headerText(headers, configured, MAX_CLASS_LENGTH) : undefined;
  if (configuredClass) return { value: configuredClass, source: 'configured' };
  const spring = headerText(headers, SPRING.fqcn, MAX_CLASS_LENGTH);
  if (spring) {
    const cause = spring.endsWith(SPRING_WRAPPER) ? headerText(headers, SPRING.causeFqcn, MAX_CLASS_LENGTH) : undefined;
    return { value: cause ?? spring, source: 'spring' };
  }
  const connect = headerText(headers, CONNECT.fqcn, MAX_CLASS_LENGTH);
  if (connect) return { value: connect, source: 'connect' };
  return { value: UNKNOWN_ERROR_CLASS, source: 'none' };
}

/** The error class alone: the collector needs only this, for every sampled message. */
export function errorClassOf(headers: IHeaders | undefined, configuredHeader?: string): string {
  return errorClass(headers, configuredHeader).value;
}

function originalOf(headers: IHeaders | undefined, names: typeof SPRING | typeof CONNECT): DlqContext['original'] {
  const topic = headerText(headers, names.topic, 249); // 249: Kafka's longest legal topic name
  const partition = headerNumber(headers, names.partition);
  const offset = headerNumber(headers, names.offset);
  if (topic === undefined && partition === undefined && offset === undefined) return undefined;
  return { topic, partition: partition === undefined ? undefined : Number(partition), offset: offset?.toString() };
}

/** Everything the headers say about why and from where a message was dead-lettered. */
export function dlqContextOf(headers: IHeaders | undefined, configuredHeader?: string): DlqContext {
  const cls = errorClass(headers, configuredHeader);
  const errorMessage =
    headerText(headers, SPRING.message, MAX_EXCEPTION_MESSAGE_LENGTH) ?? headerText(headers, CONNECT.message, MAX_EXCEPTION_MESSAGE_LENGTH);
  const original = originalOf(headers, SPRING) ?? originalOf(headers, CONNECT);
  return { errorClass: cls.value, errorClassSource: cls.source, errorMessage, original };
}
