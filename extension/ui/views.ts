import { lazy } from './lazy.ts';

/**
 * The sidebar's views other than Today, loaded on first use (see lazy.ts), and all of them once Today is
 * painted (`preloadViews`), so that the first click or keystroke does not wait for a script either.
 */
export const LeadCard = lazy(() => import('./LeadCard.tsx').then((m) => m.LeadCard));
export const SearchResults = lazy(() => import('./SearchResults.tsx').then((m) => m.SearchResults));
export const MyLeadsView = lazy(() => import('./MyLeadsView.tsx').then((m) => m.MyLeadsView));
export const PoolView = lazy(() => import('./PoolView.tsx').then((m) => m.PoolView));
export const ApprovalsView = lazy(() => import('./ApprovalsView.tsx').then((m) => m.ApprovalsView));
export const RejectedView = lazy(() => import('./RejectedView.tsx').then((m) => m.RejectedView));
export const CaptureTab = lazy(() => import('./capture/CaptureTab.tsx').then((m) => m.CaptureTab));
export const PageContent = lazy(() => import('./capture/PageContent.tsx').then((m) => m.PageContent));

const ALL = [
  LeadCard,
  SearchResults,
  MyLeadsView,
  PoolView,
  ApprovalsView,
  RejectedView,
  CaptureTab,
  PageContent,
];

let preloaded = false;
/** Loads every view when the page is idle (once). */
export function preloadViews(): void {
  if (preloaded) return;
  preloaded = true;
  const go = () => {
    for (const v of ALL) void v.preload();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 1000 });
  else setTimeout(go, 0);
}
