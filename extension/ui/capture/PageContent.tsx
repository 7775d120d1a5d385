import { useMemo, useState } from 'preact/hooks';
import type { LeadDraft } from '../../../shared/contact/draft.ts';
import type { Source } from '../../../shared/lead.ts';
import type { PageContext } from '../../page-context.ts';
import { useApp } from '../app-context.ts';
import { formatPhone } from '../card/phones.ts';
import { useLive } from '../hooks.ts';
import { CallPanel, callStateLabel } from './CallPanel.tsx';
import { DraftForm } from './DraftForm.tsx';
import { type LeadMatch, matchingLeads, mostLikelyFirst, possiblyAnotherPerson } from './match.ts';
import { PageMatch } from './PageMatch.tsx';
import { HOST_LABEL, lookupKeys, pageView, viewKey } from './page-draft.ts';
import './capture.css';

/**
 * What the page beside the sidebar is about: the sender of the open message, the number being called, the
 * text the user asked to capture, or "can't read this page". Shows the matching lead, or a capture pre-filled
 * from the page. Page text is rendered as text (JSX escapes it), never as HTML.
 */
/**
 * Page views the user hid in this sidebar. The card sits above every list, and a rep working down Today
 * beside an open message does not want it there; a different message, call or selection shows again.
 */
const hiddenViews = new Set<string>();

export function PageContent({ context }: { context: PageContext }) {
  const app = useApp();
  const region = app.settings.defaultPhoneRegion;
  const view = useMemo(() => pageView(context, region), [context, region]);
  const key = viewKey(view);
  const hidden = hiddenViews.has(key);
  const [, rerender] = useState(0);
  const toggle = () => {
    if (hidden) hiddenViews.delete(key);
    else hiddenViews.add(key);
    rerender((n) => n + 1);
  };
  const keys = useMemo(
    () => (view.kind === 'none' || view.kind === 'unreadable' ? null : lookupKeys(view.draft)),
    [key, view],
  );
  const matches = useLive(
    async () =>
      keys && view.kind !== 'none' && view.kind !== 'unreadable'
        ? mostLikelyFirst(await matchingLeads(app.db, keys), view.draft)
        : [],
    [app.db, keys?.emails.join(), keys?.phones.join()],
  );
  if (view.kind === 'none') return null;
  const where = HOST_LABEL[context.host];
  const match = matches?.[0]?.row;

  // What every kind of page gives its PageMatch: the matches, and the person to capture otherwise.
  const pageMatch = (v: { draft: LeadDraft; source: Source; sourceUrl?: string }) => ({
    matches,
    draft: v.draft,
    source: v.source,
    ...(v.sourceUrl ? { sourceUrl: v.sourceUrl } : {}),
  });
  let body: preact.ComponentChild;
  switch (view.kind) {
    case 'unreadable':
      body = (
        <>
          <p class="warn-note" role="status">
            Can’t read this page; capture manually.
          </p>
          {view.problem && <p class="small muted">{view.problem}</p>}
          <DraftForm
            key={key}
            id="pc-manual"
            title="Manual capture"
            draft={{ emails: [], phones: [] }}
            source={view.source}
            {...(view.sourceUrl ? { sourceUrl: view.sourceUrl } : {})}
            openFields
            onCaptured={(id) => app.open(id)}
          />
        </>
      );
      break;
    case 'sender':
      body = (
        <>
          <p class="sender">
            <span class="sender-name">{view.sender.name ?? view.sender.email}</span>
            {view.sender.name && <span class="muted"> {view.sender.email}</span>}
          </p>
          {view.subject && <p class="small muted subject">{view.subject}</p>}
          <PageMatch key={key} {...pageMatch(view)} id="pc-sender" title="Not a lead yet" />
        </>
      );
      break;
    case 'call':
      body = (
        <>
          <p class="sender">
            <span class="call-state">{callStateLabel(view.callState)}</span>{' '}
            <span class="sender-name">
              {view.draft.phones[0] ? formatPhone(view.draft.phones[0].e164) : view.number}
            </span>
          </p>
          {view.phoneProblem && <p class="warn-note small">{view.phoneProblem}</p>}
          <PageMatch key={key} {...pageMatch(view)} id="pc-call" title="Not a lead yet" />
          {matches !== undefined && <CallPanel key={`${key}|${match?.id ?? ''}`} row={match} />}
        </>
      );
      break;
    case 'selection':
      body = (
        <PageMatch
          key={key}
          {...pageMatch(view)}
          id="pc-selection"
          title="Selected text"
          openFields
          onCaptured={(id) => app.open(id)}
        />
      );
      break;
  }

  return (
    <section class={`pagectx pc-${view.kind}${hidden ? ' hidden' : ''}`} aria-labelledby="pagectx-h">
      <div class="pagectx-head">
        <h2 id="pagectx-h" class="section-h">
          On {where}
        </h2>
        {hidden && <span class="pagectx-summary">{summary(view, leadState(view, matches))}</span>}
        <button
          type="button"
          class="link small pagectx-toggle"
          aria-expanded={!hidden}
          aria-controls="pagectx-body"
          aria-label={hidden ? `Show what is on ${where}` : `Hide what is on ${where}`}
          onClick={toggle}
        >
          {hidden ? 'Show' : 'Hide'}
        </button>
      </div>
      {!hidden && (
        <div id="pagectx-body" class="pagectx-body">
          {body}
        </div>
      )}
    </section>
  );
}

type LeadState = 'lead' | 'maybe' | 'none' | undefined;

/** Whether the page's person is a lead: 'maybe' when the only match shares a number and names someone else. */
function leadState(view: ReturnType<typeof pageView>, matches: LeadMatch[] | undefined): LeadState {
  if (matches === undefined) return undefined;
  const first = matches[0];
  if (!first) return 'none';
  return 'draft' in view && possiblyAnotherPerson(first, view.draft) ? 'maybe' : 'lead';
}

const LEAD_STATE_TEXT = {
  lead: ' · already a lead',
  maybe: ' · same phone as a lead',
  none: ' · not a lead yet',
};

/** The one line a hidden page card keeps: who or what the page is about, and whether it is a lead. */
function summary(view: ReturnType<typeof pageView>, state: LeadState): string {
  const lead = state ? LEAD_STATE_TEXT[state] : '';
  switch (view.kind) {
    case 'sender':
      return `${view.sender.name ?? view.sender.email}${lead}`;
    case 'call': {
      const phone = view.draft.phones[0];
      return `${callStateLabel(view.callState)} ${phone ? formatPhone(phone.e164) : view.number}${lead}`;
    }
    case 'selection':
      return `Selected text${lead}`;
    case 'unreadable':
      return 'Can’t read this page';
    default:
      return '';
  }
}
