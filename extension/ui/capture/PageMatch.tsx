import { useState } from 'preact/hooks';
import type { LeadDraft } from '../../../shared/contact/draft.ts';
import type { Source } from '../../../shared/lead.ts';
import { formatPhone } from '../card/phones.ts';
import { DraftForm } from './DraftForm.tsx';
import { MatchCard, nameOf } from './MatchCard.tsx';
import { draftApartFrom, type LeadMatch, possiblyAnotherPerson } from './match.ts';

/**
 * The lead the page's person matches, or the capture form when there is none. A match may be someone else
 * (a switchboard number in every signature of a company): "Capture as a new lead" opens the same form for the
 * page's person, without the emails and numbers another lead already holds (the server refuses a capture that
 * shares any of them), saying which were left out. Offered for a match by number only (an email is the
 * person's own), when something of the person remains (a call's bare number does not). Keyed by the page
 * view: a new message starts closed.
 */
export function PageMatch({
  matches,
  id,
  title,
  draft,
  source,
  sourceUrl,
  openFields = false,
  onCaptured,
}: {
  /** Undefined while the lookup runs. */
  matches: LeadMatch[] | undefined;
  /** Prefix for the form's field ids. */
  id: string;
  title: string;
  draft: LeadDraft;
  source: Source;
  sourceUrl?: string;
  openFields?: boolean;
  onCaptured?: (leadId: string) => void;
}) {
  const [apart, setApart] = useState(false);
  if (matches === undefined) return null;
  const at = sourceUrl ? { sourceUrl } : {};
  const match = matches[0];
  if (!match) {
    return (
      <DraftForm
        id={id}
        title={title}
        draft={draft}
        source={source}
        {...at}
        openFields={openFields}
        {...(onCaptured ? { onCaptured } : {})}
      />
    );
  }
  const formId = `${id}-new`;
  const separate = draftApartFrom(draft, matches, { phone: formatPhone, name: nameOf });
  const d = separate.draft;
  // A shared email is the same person: only a number shared (a switchboard) may be someone else. A call's
  // draft is its number alone: once that is left out, nothing of the page's person remains to capture.
  const sameEmail = matches.some((m) => m.emails.length > 0);
  const offer = !sameEmail && !!(d.name || d.company || d.emails.length || d.phones.length);
  return (
    <>
      <MatchCard
        match={match}
        more={matches.length - 1}
        anotherPerson={possiblyAnotherPerson(match, draft)}
        {...(offer
          ? { newLead: { open: apart, toggle: () => setApart(!apart), controls: `${formId}-form` } }
          : {})}
      />
      {offer && apart && (
        <DraftForm
          id={formId}
          title="Capture as a new lead"
          draft={separate.draft}
          notes={separate.leftOut}
          source={source}
          {...at}
          openFields={openFields}
          onCaptured={(leadId) => {
            setApart(false);
            onCaptured?.(leadId);
          }}
          onCancel={() => setApart(false)}
        />
      )}
    </>
  );
}
