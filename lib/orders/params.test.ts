import { describe, expect, it } from 'vitest';
import { orderIdFromUrl, orderIdSchema } from './params';

describe('order id from the URL', () => {
  const tricky = 'A-1 <b>x</b>/%41 ü';
  it('decodes exactly once, whatever was pasted', () => {
    expect(orderIdFromUrl(`http://x/api/orders/${encodeURIComponent(tricky)}?y=1`)).toBe(tricky);
    expect(orderIdFromUrl('http://x/api/orders/50%')).toBe('50%');
  });

  it('trims, and refuses empty or over-long ids', () => {
    expect(orderIdSchema.parse('  A-1 ')).toBe('A-1');
    expect(orderIdSchema.safeParse('   ').success).toBe(false);
    expect(orderIdSchema.safeParse('x'.repeat(257)).success).toBe(false);
  });
});
