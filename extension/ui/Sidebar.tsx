import { useState } from 'preact/hooks';
import { useApp } from './app-context.ts';
// capture/PagePanel: a static shell that follows the tab events; its content loads on first use.
import { PagePanel } from './capture/PagePanel.tsx';
import type { Route } from './route.ts';
import { StatusBar } from './StatusBar.tsx';
import { TabBar } from './TabBar.tsx';
import { TodayView } from './TodayView.tsx';
// Everything but Today loads on first use (views.ts): the sidebar opens faster.
import {
  ApprovalsView,
  CaptureTab,
  LeadCard,
  MyLeadsView,
  PoolView,
  RejectedView,
  SearchResults,
} from './views.ts';

export function Sidebar({ route, go }: { route: Route; go: (r: Partial<Route>) => void }) {
  const { session } = useApp();
  const [query, setQuery] = useState('');
  const searching = query.trim().length > 0 && !route.leadId;

  let body: preact.ComponentChild;
  if (route.leadId) body = <LeadCard leadId={route.leadId} onBack={() => go({ leadId: null })} />;
  else if (searching) body = <SearchResults query={query} />;
  else if (route.tab === 'today') body = <TodayView />;
  else if (route.tab === 'mine') body = <MyLeadsView />;
  else if (route.tab === 'pool') body = <PoolView />;
  else if (route.tab === 'approvals') body = <ApprovalsView />;
  else if (route.tab === 'rejected') body = <RejectedView />;
  else body = <CaptureTab onDone={(id) => go({ tab: 'today', leadId: id })} />;

  return (
    <div class="app">
      <header class="topbar">
        <div class="brand">
          <h1>Leadline</h1>
          <span class="who" title={`${session.user.name} (${session.user.role}) · ${session.team.name}`}>
            {session.user.name} · {session.team.name}
          </span>
        </div>
        <div class="searchrow">
          <input
            type="search"
            aria-label="Search leads"
            placeholder="Search name, company, email, phone"
            value={query}
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              if (route.leadId) go({ leadId: null });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setQuery('');
            }}
          />
        </div>
        <TabBar
          current={searching || route.leadId ? null : route.tab}
          onSelect={(tab) => {
            setQuery('');
            go({ tab, leadId: null });
          }}
        />
      </header>
      <main class="content" id="content">
        {/* The page beside the sidebar (capture/PagePanel.tsx): over the lists, not over a card or manual capture. */}
        {!route.leadId && !searching && route.tab !== 'capture' && <PagePanel />}
        {body}
      </main>
      <StatusBar onShowRejected={() => go({ tab: 'rejected', leadId: null })} />
    </div>
  );
}
