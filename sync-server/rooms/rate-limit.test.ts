import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.ts';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the given rate', () => {
    let t = 0;
    const b = new TokenBucket(3, 2, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    t = 499;
    expect(b.take()).toBe(false);
    t = 500; // 0.5 s at 2/s = one token
    expect(b.take()).toBe(true);
    t = 60_000; // never more than the burst
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });
});
