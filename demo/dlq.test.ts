// The shop's dead letters must read back, through Truthflow's own header parser, as what they are.
import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { dlqContextOf } from '@/lib/dlq/headers';
import { deadLetter, DLT } from './dlq';

const original: KafkaMessage = {
  key: Buffer.from('order-1'),
  value: Buffer.from('{"schema_version":2}'),
  headers: { event_id: Buffer.from('e-1'), traceparent: Buffer.from('00-aa-bb-01') },
  offset: '123456789012',
  timestamp: '1700000000000',
  attributes: 0,
};

describe('deadLetter', () => {
  const letter = deadLetter({
    message: original,
    topic: 'order-events',
    partition: 2,
    group: 'search-indexer',
    errorClass: 'mapper_parsing_exception',
    errorMessage: 'failed to parse field [amount_cents] of type [integer]',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });

  it('keeps the original key, value and headers, with the dead-letter hop as trace parent', () => {
    expect(letter.key).toEqual(original.key);
    expect(letter.value).toEqual(original.value);
    expect(letter.headers?.event_id).toEqual(Buffer.from('e-1'));
    expect(letter.headers?.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it("is read by Truthflow's parser as Spring's error class, message and origin", () => {
    const ctx = dlqContextOf(letter.headers);
    expect(ctx).toMatchObject({
      errorClass: 'mapper_parsing_exception',
      errorClassSource: 'spring',
      errorMessage: 'failed to parse field [amount_cents] of type [integer]',
      original: { topic: 'order-events', partition: 2, offset: '123456789012' },
    });
  });

  it('bounds the exception message', () => {
    const long = deadLetter({ message: original, topic: 't', partition: 0, group: 'g', errorClass: 'E', errorMessage: 'x'.repeat(5000) });
    expect(String(long.headers?.[DLT.message]).length).toBeLessThanOrEqual(1000);
  });
});
