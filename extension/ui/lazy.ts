import { type ComponentType, h, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type LazyComponent<P> = ((props: P) => VNode<P> | null) & { preload(): Promise<unknown> };

/**
 * A component whose code is loaded on first use (or by `preload`; with `idle`, when the page is next idle). The sidebar's first paint needs only
 * Today: the card, the forms, search (libphonenumber) and the other views are half of the page's script,
 * and parsing it delayed every opening of the sidebar.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  opts: { idle?: boolean } = {},
): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<unknown> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (c) => {
        loaded = c;
      },
      (e: unknown) => {
        loading = undefined; // a later render tries again
        console.error('Leadline: loading a view failed', e);
      },
    ));
  function Lazy(props: P): VNode<P> | null {
    const [, setReady] = useState(!!loaded);
    useEffect(() => {
      // Loaded (by preload) between this render and now: render it.
      if (loaded) return setReady(true);
      let alive = true;
      const start = () => void preload().then(() => alive && setReady(true));
      // `idle`: a secondary part of the page, loaded once the page has painted what it opened for.
      if (opts.idle && typeof requestIdleCallback === 'function')
        requestIdleCallback(start, { timeout: 1000 });
      else start();
      return () => {
        alive = false;
      };
    }, []);
    return loaded ? (h(loaded, props) as VNode<P>) : null;
  }
  return Object.assign(Lazy, { preload });
}
