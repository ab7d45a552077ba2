import { describe, expect, it } from 'vitest';
import { MAX_PARSE_BYTES, MAX_TEXT_CHARS, REDACTED, isPiiName, piiMatcher, redactJson, redactPayload, scrubText } from './redact';

const pii = piiMatcher(['email', 'address', 'card.number']);
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('redactJson', () => {
  it('redacts fields at any depth, in arrays, case-insensitively, whole subtrees included', () => {
    const input = {
      orderId: 'o-1',
      EMAIL: 'ann@example.com',
      customer: { Email: 'bob@example.com', name: 'Bob', address: { street: '1 Main St', city: 'Springfield' } },
      lines: [{ sku: 'a', shipTo: { billingAddress: 'Elm 2' } }, ['x', { email: 'carl@example.com' }]],
    };
    const { value, redactedFields, removed } = redactJson(input, pii);
    expect(value).toEqual({
      orderId: 'o-1',
      EMAIL: REDACTED,
      customer: { Email: REDACTED, name: 'Bob', address: REDACTED },
      lines: [{ sku: 'a', shipTo: { billingAddress: REDACTED } }, ['x', { email: REDACTED }]],
    });
    expect(redactedFields).toBe(5);
    expect([...removed].sort()).toEqual(
      ['1 Main St', 'Elm 2', 'Springfield', 'ann@example.com', 'bob@example.com', 'carl@example.com'].sort(),
    );
  });

  it('matches dotted paths on the end of the key path only', () => {
    const { value } = redactJson({ card: { number: '4111111111111111', brand: 'visa' }, number: 7, item: { number: 3 } }, pii);
    expect(value).toEqual({ card: { number: REDACTED, brand: 'visa' }, number: 7, item: { number: 3 } });
  });

  it('leaves input untouched and scalars alone', () => {
    const input = { email: 'a@b.c' };
    redactJson(input, pii);
    expect(input.email).toBe('a@b.c');
    expect(redactJson('email', pii).value).toBe('email');
  });
});

describe('isPiiName', () => {
  it('matches header names holding a field word', () => {
    for (const name of ['email', 'X-Customer-Email', 'customer_email', 'customerEmail', 'ADDRESS']) expect(isPiiName(name, pii)).toBe(true);
    for (const name of ['traceparent', 'x-error-class', 'mailbox-count']) expect(isPiiName(name, pii)).toBe(false);
  });
});

describe('scrubText', () => {
  it('blanks key=value, quoted JSON and known values in free text', () => {
    const text = 'failed for email=ann@example.com; {"customer_email": "bob@x.io", "address":"1 Main"} also carl@example.com';
    const out = scrubText(text, pii, ['carl@example.com']);
    expect(out).not.toMatch(/ann@|bob@|1 Main|carl@/);
    expect(out).toContain(`email=${REDACTED}`);
    expect(out).toContain('failed for');
  });
});

describe('redactPayload', () => {
  it('returns redacted JSON and the values removed', () => {
    const { payload, removed } = redactPayload(json({ id: 1, email: 'ann@example.com' }), pii);
    expect(payload).toEqual({ kind: 'json', value: { id: 1, email: REDACTED }, redactedFields: 1 });
    expect([...removed]).toEqual(['ann@example.com']);
  });

  it('shows non-JSON text truncated, scrubbed, with a note', () => {
    const text = `email: ann@example.com ${'x'.repeat(5000)}`;
    const { payload } = redactPayload(Buffer.from(text), pii);
    expect(payload.kind).toBe('text');
    if (payload.kind !== 'text') return;
    expect(payload.truncated).toBe(true);
    expect(payload.text.length).toBe(MAX_TEXT_CHARS + 1);
    expect(payload.text).not.toContain('ann@example.com');
    expect(payload.note).toMatch(/not JSON/);
  });

  it('treats broken JSON as text, and huge JSON as text scrubbed by pattern', () => {
    const broken = redactPayload(Buffer.from('{"email": "ann@example.com", '), pii).payload;
    expect(broken.kind).toBe('text');
    expect(JSON.stringify(broken)).not.toContain('ann@example.com');
    const huge = redactPayload(json({ email: 'ann@example.com', pad: 'y'.repeat(MAX_PARSE_BYTES) }), pii).payload;
    expect(huge.kind).toBe('text');
    expect(JSON.stringify(huge)).not.toContain('ann@example.com');
    expect(JSON.stringify(huge)).toMatch(/too large to parse/);
  });

  it('truncates large redacted JSON after redaction', () => {
    const { payload } = redactPayload(json({ email: 'ann@example.com', pad: 'z'.repeat(40_000) }), pii);
    expect(payload.kind).toBe('text');
    expect(JSON.stringify(payload)).not.toContain('ann@example.com');
  });

  it('hides binary payloads and names tombstones', () => {
    expect(redactPayload(Buffer.from([0, 1, 2, 0x61, 0x40]), pii).payload).toMatchObject({ kind: 'binary', bytes: 5 });
    expect(redactPayload(Buffer.from([0xff, 0xfe, 0x41]), pii).payload.kind).toBe('binary');
    expect(redactPayload(null, pii).payload.kind).toBe('empty');
  });
});

describe('JSON inside strings, keys and values found by value', () => {
  it('redacts JSON carried inside a string value, recursively, and writes it back as a string', () => {
    const inner = JSON.stringify({ email: 'ann@example.com', order: 'o-1', again: JSON.stringify({ address: '1 Main St' }) });
    const { value, removed } = redactJson({ payload: inner, note: 'plain' }, pii);
    const payload = JSON.parse((value as { payload: string }).payload);
    expect(payload).toEqual({ email: REDACTED, order: 'o-1', again: JSON.stringify({ address: REDACTED }) });
    expect([...removed].sort()).toEqual(['1 Main St', 'ann@example.com']);
    const shown = redactPayload(json({ payload: inner }), pii).payload;
    expect(JSON.stringify(shown)).not.toMatch(/ann@|1 Main/);
  });

  it('finds e-mail addresses and Luhn-valid card numbers in fields nobody listed, and in keys', () => {
    const none = piiMatcher([]);
    const { value, redactedFields } = redactJson(
      {
        note: 'contact ann.lee+shop@mail.example.co for 4111 1111 1111 1111 or 4111-1111-1111-1111',
        ref: '4111111111111112', // fails Luhn: an order number, kept
        byCustomer: { 'bob@example.com': { orders: 2 } },
        phoneish: '2026-11-26 10:00',
      },
      none,
    );
    expect(value).toEqual({
      note: `contact ${REDACTED} for ${REDACTED} or ${REDACTED}`,
      ref: '4111111111111112',
      byCustomer: { [REDACTED]: { orders: 2 } },
      phoneish: '2026-11-26 10:00',
    });
    expect(redactedFields).toBe(4);
    const off = redactJson({ note: 'ann@example.com 4111111111111111' }, piiMatcher([], { detectValues: false })).value;
    expect(off).toEqual({ note: 'ann@example.com 4111111111111111' });
  });

  it('scrubs message keys and free text by value, field and pattern', () => {
    expect(scrubText('customer:ann@example.com', piiMatcher([]))).toBe(`customer:${REDACTED}`);
    expect(scrubText('order-42', pii)).toBe('order-42');
    expect(scrubText('card 5555555555554444 declined', piiMatcher([]))).toBe(`card ${REDACTED} declined`);
    expect(scrubText("x_billingEmail = 'a b' and address=Elm", pii)).toBe(`x_billingEmail = ${REDACTED} and address=${REDACTED}`);
  });

  it('handles hostile text in one pass: long runs of key characters, digits, separators and @', () => {
    const hostile = ['_'.repeat(65_536), '9'.repeat(65_536), 'email'.repeat(10_000) + '=', ':='.repeat(20_000), '@a'.repeat(20_000)];
    for (const text of hostile) {
      const out = scrubText(text, pii);
      expect(out.length).toBeGreaterThan(0);
      expect(out.length).toBeLessThanOrEqual(text.length + REDACTED.length);
    }
    expect(scrubText(`${'_'.repeat(65_536)}email=ann@example.com`, pii)).toBe(`${'_'.repeat(65_536)}email=${REDACTED}`);
  });
});
