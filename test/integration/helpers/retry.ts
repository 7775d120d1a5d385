/**
 * Retries `fn` until it stops throwing (or returns a value other than false/undefined), then returns
 * that value. For convergence across sockets: it polls, it never sleeps a fixed time before asserting.
 */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  { timeout = 5000, interval = 10 }: { timeout?: number; interval?: number } = {},
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeout;
  let last: unknown = new Error('condition never became true');
  for (;;) {
    try {
      const v = await fn();
      if (v !== false && v !== undefined) return v as Exclude<T, false | undefined>;
      last = new Error(`condition returned ${String(v)}`);
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, interval));
  }
}
