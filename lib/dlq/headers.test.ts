import { describe, expect, it } from 'vitest';
import { CONNECT, MAX_CLASS_LENGTH, SPRING, UNKNOWN_ERROR_CLASS, dlqContextOf, errorClassOf, headerNumber } from './headers';

const b = (s: string) => Buffer.from(s, 'utf8');
const int32 = (n: number) => {
  const buf = Buffer.alloc(4);
  buf.writeInt32BE(n);
  return buf;
};
const int64 = (n: bigint) => {
  const buf = Buffer.alloc(8);
  buf.writeBigInt64BE(n);
  return buf;
};

describe('errorClassOf', () => {
  it('prefers the configured header, then Spring, then Kafka Connect', () => {
    const all = {
      'x-error-class': b('com.acme.Custom'),
      [SPRING.fqcn]: b('java.lang.IllegalStateException'),
      [CONNECT.fqcn]: b('org.apache.kafka.connect.errors.DataException'),
    };
    expect(errorClassOf(all, 'x-error-class')).toBe('com.acme.Custom');
    expect(errorClassOf(all)).toBe('java.lang.IllegalStateException');
    expect(errorClassOf({ [CONNECT.fqcn]: b('org.apache.kafka.connect.errors.DataException') })).toBe(
      'org.apache.kafka.connect.errors.DataException',
    );
  });

  it('falls through an empty configured header and reports unknown without any', () => {
    expect(errorClassOf({ 'x-error-class': b('  \n'), [SPRING.fqcn]: b('java.io.IOException') }, 'x-error-class')).toBe(
      'java.io.IOException',
    );
    expect(errorClassOf(undefined)).toBe(UNKNOWN_ERROR_CLASS);
    expect(errorClassOf({ traceparent: b('00-abc-def-01') }, 'x-error-class')).toBe(UNKNOWN_ERROR_CLASS);
  });

  it("uses Spring's cause when the top class is only the listener wrapper", () => {
    const headers = {
      [SPRING.fqcn]: b('org.springframework.kafka.listener.ListenerExecutionFailedException'),
      [SPRING.causeFqcn]: b('com.fasterxml.jackson.core.JsonParseException'),
    };
    expect(errorClassOf(headers)).toBe('com.fasterxml.jackson.core.JsonParseException');
  });

  it('takes the last of repeated headers, accepts strings, and bounds the length', () => {
    expect(errorClassOf({ [SPRING.fqcn]: [b('first.Error'), b('second.Error')] })).toBe('second.Error');
    expect(errorClassOf({ [SPRING.fqcn]: 'plain.String' })).toBe('plain.String');
    const long = errorClassOf({ [SPRING.fqcn]: b(`a.${'x'.repeat(5000)}`) });
    expect(long.length).toBe(MAX_CLASS_LENGTH);
    expect(errorClassOf({ [SPRING.fqcn]: b('bad\u0000\nclass') })).toBe('bad class');
  });
});

describe('headerNumber', () => {
  it("reads Spring's binary ints and Connect's decimal text", () => {
    expect(headerNumber({ p: int32(7) }, 'p')).toBe(7n);
    expect(headerNumber({ o: int64(1234567890123n) }, 'o')).toBe(1234567890123n);
    expect(headerNumber({ o: b('42') }, 'o')).toBe(42n);
    expect(headerNumber({ o: b('abc') }, 'o')).toBe(undefined);
    expect(headerNumber({}, 'o')).toBe(undefined);
  });
});

describe('dlqContextOf', () => {
  it('gives Spring origin and message', () => {
    const ctx = dlqContextOf({
      [SPRING.fqcn]: b('java.lang.IllegalStateException'),
      [SPRING.message]: b('bad order'),
      [SPRING.topic]: b('orders'),
      [SPRING.partition]: int32(2),
      [SPRING.offset]: int64(99n),
    });
    expect(ctx).toEqual({
      errorClass: 'java.lang.IllegalStateException',
      errorClassSource: 'spring',
      errorMessage: 'bad order',
      original: { topic: 'orders', partition: 2, offset: '99' },
    });
  });

  it('gives Kafka Connect origin and message', () => {
    const ctx = dlqContextOf({
      [CONNECT.fqcn]: b('org.apache.kafka.connect.errors.DataException'),
      [CONNECT.message]: b('Converting byte[] to Kafka Connect data failed'),
      [CONNECT.topic]: b('customers'),
      [CONNECT.partition]: b('0'),
      [CONNECT.offset]: b('17'),
    });
    expect(ctx.errorClassSource).toBe('connect');
    expect(ctx.errorMessage).toBe('Converting byte[] to Kafka Connect data failed');
    expect(ctx.original).toEqual({ topic: 'customers', partition: 0, offset: '17' });
  });

  it('leaves origin and message out when absent', () => {
    expect(dlqContextOf({ 'x-err': b('E') }, 'x-err')).toEqual({
      errorClass: 'E',
      errorClassSource: 'configured',
      errorMessage: undefined,
      original: undefined,
    });
  });
});
