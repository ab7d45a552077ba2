// What a redrive would do with each selected dead letter, decided before anything is sent, so a dry
// run and the real run agree by construction: the target topic comes from the message's own
// headers (Spring's kafka_dlt-original-topic, Kafka Connect's __connect.errors.topic) or the
// configured fallback, and a message that has already been redriven `maxRedrives` times is refused
// (it keeps failing for a reason a redrive will not fix).
import type { IHeaders } from 'kafkajs';
import type { RedriveConfig } from '@/lib/config/schema-redrive';
import type { ReadMessage } from '@/lib/kafka/read-ranges';
import { CONNECT, SPRING, errorClassOf, headerText } from './headers';

export const REDRIVE_COUNT_HEADER = 'truthflow-redrive-count';
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const MAX_KEY_TEXT = 200;

export interface RedriveSelection {
  /** All partitions when omitted. */
  partition?: number;
  /** [fromOffset, toOffset): the newest messages of each selected partition when omitted. */
  fromOffset?: number;
  toOffset?: number;
  errorClass?: string;
  /** The message key as UTF-8 text. */
  key?: string;
}

export interface RedriveItem {
  partition: number;
  offset: number;
  key: string | null;
  errorClass: string;
  targetTopic: string | null;
  /** The count the message carries now; a sent message carries this + 1. */
  redriveCount: number;
  action: 'send' | 'refuse';
  reason: string | null;
}

export function redriveCountOf(headers: IHeaders | undefined): number {
  const text = headerText(headers, REDRIVE_COUNT_HEADER, 12);
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : 0;
}

function targetTopicOf(headers: IHeaders | undefined, fallback: string | undefined): string | null {
  for (const name of [SPRING.topic, CONNECT.topic]) {
    const topic = headerText(headers, name, 300);
    if (topic !== undefined && TOPIC.test(topic)) return topic;
  }
  return fallback ?? null;
}

export function matchesSelection(m: ReadMessage, selection: RedriveSelection, errorClassHeader: string | undefined): boolean {
  if (selection.key !== undefined && m.key?.toString('utf8') !== selection.key) return false;
  if (selection.errorClass !== undefined && errorClassOf(m.headers, errorClassHeader) !== selection.errorClass) return false;
  return true;
}

export function planItem(m: ReadMessage, redrive: RedriveConfig, dlqTopic: string, errorClassHeader: string | undefined): RedriveItem {
  const redriveCount = redriveCountOf(m.headers);
  const targetTopic = targetTopicOf(m.headers, redrive.topic);
  const base = {
    partition: m.partition,
    offset: m.offset,
    key: m.key === null ? null : m.key.toString('utf8').slice(0, MAX_KEY_TEXT),
    errorClass: errorClassOf(m.headers, errorClassHeader),
    targetTopic,
    redriveCount,
  };
  if (targetTopic === null) {
    return { ...base, action: 'refuse', reason: 'no original topic in the headers and no redrive.topic configured' };
  }
  if (targetTopic === dlqTopic) return { ...base, action: 'refuse', reason: 'the target is the DLQ itself' };
  if (redriveCount >= redrive.maxRedrives) {
    return { ...base, action: 'refuse', reason: `already redriven ${redriveCount} times (limit ${redrive.maxRedrives})` };
  }
  return { ...base, action: 'send', reason: null };
}

/** The headers a redriven message carries: all of the original's, with the count incremented. */
export function redrivenHeaders(headers: IHeaders, count: number): IHeaders {
  return { ...headers, [REDRIVE_COUNT_HEADER]: String(count + 1) };
}
