import { describe, expect, it } from 'vitest';
import { redriveSchema } from '@/lib/config/schema-redrive';
import type { ReadMessage } from '@/lib/kafka/read-ranges';
import { CONNECT, SPRING } from './headers';
import { matchesSelection, planItem, REDRIVE_COUNT_HEADER, redriveCountOf, redrivenHeaders } from './redrive-plan';

const redrive = redriveSchema.parse({ enabled: true, maxRedrives: 2 });
const message = (headers: ReadMessage['headers'], key = 'ord-1'): ReadMessage => ({
  partition: 0,
  offset: 7,
  timestamp: 0,
  key: Buffer.from(key),
  value: Buffer.from('{}'),
  headers,
});

describe('planning a redrive', () => {
  it('sends to the original topic the headers name: Spring first, then Kafka Connect, then the configured one', () => {
    expect(planItem(message({ [SPRING.topic]: Buffer.from('orders') }), redrive, 'dlq', undefined)).toMatchObject({
      targetTopic: 'orders',
      action: 'send',
      key: 'ord-1',
    });
    expect(planItem(message({ [CONNECT.topic]: Buffer.from('payments') }), redrive, 'dlq', undefined).targetTopic).toBe('payments');
    expect(planItem(message({}), { ...redrive, topic: 'fallback' }, 'dlq', undefined).targetTopic).toBe('fallback');
    expect(planItem(message({}), redrive, 'dlq', undefined)).toMatchObject({ action: 'refuse', targetTopic: null });
  });

  it('refuses at the loop limit, a target that is the DLQ itself, and a header that is not a topic name', () => {
    const looped = message({ [SPRING.topic]: Buffer.from('orders'), [REDRIVE_COUNT_HEADER]: Buffer.from('2') });
    expect(planItem(looped, redrive, 'dlq', undefined)).toMatchObject({ action: 'refuse', redriveCount: 2 });
    expect(planItem(message({ [SPRING.topic]: Buffer.from('dlq') }), redrive, 'dlq', undefined).action).toBe('refuse');
    expect(planItem(message({ [SPRING.topic]: Buffer.from('no spaces allowed') }), redrive, 'dlq', undefined).targetTopic).toBeNull();
  });

  it('increments the count header and keeps every other header', () => {
    const headers = { trace: Buffer.from('t'), [REDRIVE_COUNT_HEADER]: Buffer.from('1') };
    expect(redriveCountOf(headers)).toBe(1);
    expect(redriveCountOf({ [REDRIVE_COUNT_HEADER]: Buffer.from('lots') })).toBe(0);
    expect(redrivenHeaders(headers, 1)).toEqual({ trace: Buffer.from('t'), [REDRIVE_COUNT_HEADER]: '2' });
  });

  it('selects by key and by error class', () => {
    const m = message({ [SPRING.fqcn]: Buffer.from('com.shop.BadPrice') });
    expect(matchesSelection(m, { key: 'ord-1' }, undefined)).toBe(true);
    expect(matchesSelection(m, { key: 'ord-2' }, undefined)).toBe(false);
    expect(matchesSelection(m, { errorClass: 'com.shop.BadPrice' }, undefined)).toBe(true);
    expect(matchesSelection(m, { errorClass: 'other' }, undefined)).toBe(false);
  });
});
