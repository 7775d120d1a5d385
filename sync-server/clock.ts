/**
 * The server's notion of now. The rules never read the system clock: the authority asks this object.
 * The test clock is frozen and moved only by `set` (POST /api/v1/test/clock), so that end-to-end tests cross
 * deadlines at an exact instant instead of racing the wall clock.
 */
export interface Clock {
  now(): number;
  /** True when time moves only through `set`; the server then runs timers on `set` instead of setTimeout. */
  readonly manual: boolean;
}

export const systemClock: Clock = { now: () => Date.now(), manual: false };

export class TestClock implements Clock {
  readonly manual = true;
  constructor(private current: number = Date.now()) {}
  now(): number {
    return this.current;
  }
  /** Moves the clock forward; it never goes back (events are ordered by the authority's time). */
  set(at: number): void {
    if (at < this.current) throw new RangeError('The test clock only moves forward.');
    this.current = at;
  }
}
