/**
 * A min-heap of (due time, lead id) with lazy deletion: rescheduling a lead pushes a new entry and the
 * stale one is skipped when it surfaces. Popping what is due costs O(due · log n), never a scan of all leads.
 */
export class TimerQueue {
  private heap: { at: number; id: string }[] = [];
  private current = new Map<string, number>();

  get size(): number {
    return this.current.size;
  }

  /** Sets (or clears, with null) the one due time of a lead. */
  schedule(id: string, at: number | null): void {
    if (at === null) {
      this.current.delete(id);
      return;
    }
    if (this.current.get(id) === at) return;
    this.current.set(id, at);
    this.push({ at, id });
  }

  /** The earliest live due time, or null. */
  peek(): number | null {
    this.dropStale();
    return this.heap.length ? this.heap[0].at : null;
  }

  /** Removes and returns the ids due at or before `now`, earliest first. */
  popDue(now: number): string[] {
    const out: string[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.at > now) return out;
      this.pop();
      this.current.delete(top.id);
      out.push(top.id);
    }
  }

  private dropStale(): void {
    while (this.heap.length) {
      const top = this.heap[0];
      if (this.current.get(top.id) === top.at) return;
      this.pop();
    }
  }

  private push(item: { at: number; id: string }): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].at <= h[i].at) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l].at < h[m].at) m = l;
      if (r < h.length && h[r].at < h[m].at) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
