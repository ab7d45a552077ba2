// Dead letters in Spring Kafka's format (docs/algorithms.md "Error class from headers"): the
// original key, value and headers, plus where the message came from and why it failed. Partition
// and offset are big-endian int32/int64 as Spring writes them; Truthflow reads both that and text.
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

export const DLT = {
  fqcn: 'kafka_dlt-exception-fqcn',
  message: 'kafka_dlt-exception-message',
  topic: 'kafka_dlt-original-topic',
  partition: 'kafka_dlt-original-partition',
  offset: 'kafka_dlt-original-offset',
  timestamp: 'kafka_dlt-original-timestamp',
  group: 'kafka_dlt-original-consumer-group',
} as const;

/** Exception messages can quote whole documents; a header is no place for that. */
const MAX_MESSAGE_CHARS = 1_000;

export interface DeadLetterInput {
  message: KafkaMessage;
  topic: string;
  partition: number;
  group: string;
  /** The error class: an exception name, or the search server's error type. */
  errorClass: string;
  errorMessage: string;
  /** The dead-letter hop's own traceparent, replacing the original one. */
  traceparent?: string;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function int64(n: string): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

export function deadLetter(input: DeadLetterInput): Message {
  const headers: IHeaders = { ...(input.message.headers ?? {}) };
  if (input.traceparent) headers.traceparent = input.traceparent;
  headers[DLT.fqcn] = input.errorClass;
  headers[DLT.message] = input.errorMessage.slice(0, MAX_MESSAGE_CHARS);
  headers[DLT.topic] = input.topic;
  headers[DLT.partition] = int32(input.partition);
  headers[DLT.offset] = int64(input.message.offset);
  headers[DLT.timestamp] = int64(input.message.timestamp);
  headers[DLT.group] = input.group;
  return { key: input.message.key, value: input.message.value, headers };
}
