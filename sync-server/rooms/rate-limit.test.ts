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

  it('says how long until the next message is allowed', () => {
    let t = 0;
    const b = new TokenBucket(1, 4, () => t);
    expect(b.waitMs()).toBe(0);
    expect(b.take()).toBe(true);
    expect(b.waitMs()).toBe(250);
    t = 200;
    expect(b.waitMs()).toBe(50);
  });
});
