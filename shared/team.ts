import { apply } from './apply.ts';
import type { LeadEvent } from './events.ts';
import { emailKey, isExtendedBy, type Lead, phoneKey } from './lead.ts';
import type { Member } from './roles.ts';
import type { TeamSettings } from './settings.ts';
import { TimerQueue } from './timer-queue.ts';
import { dueEvents, nextDueAt } from './timers.ts';

/**
 * One team's decided state with the indexes the rules need: contact keys for duplicates, each rep's
 * extended leads for the quota, and the due-first timer queue. Mutable for speed (the server folds tens of
 * thousands of events); leads inside are immutable values, replaced on every event.
 */
export type TeamState = {
  leads: Map<string, Lead>;
  members: Map<string, Member>;
  byContact: Map<string, string>;
  extendedByRep: Map<string, Set<string>>;
  timers: TimerQueue;
  settings: TeamSettings;
};

export function createTeamState(settings: TeamSettings, members: Iterable<Member> = []): TeamState {
  const state: TeamState = {
    leads: new Map(),
    members: new Map(),
    byContact: new Map(),
    extendedByRep: new Map(),
    timers: new TimerQueue(),
    settings,
  };
  for (const m of members) state.members.set(m.id, m);
  return state;
}

export function contactKeys(lead: Pick<Lead, 'contact'>): string[] {
  return [
    ...lead.contact.emails.map((e) => `e:${emailKey(e)}`),
    ...lead.contact.phones.map((p) => `p:${phoneKey(p)}`),
  ];
}

/** Replaces a lead (or inserts it) and keeps every index in step. Used by apply and by loading from storage. */
export function putLead(state: TeamState, lead: Lead): void {
  const before = state.leads.get(lead.id);
  if (before) {
    for (const k of contactKeys(before)) if (state.byContact.get(k) === lead.id) state.byContact.delete(k);
    if (before.owner && isExtendedBy(before, before.owner))
      state.extendedByRep.get(before.owner)?.delete(lead.id);
  }
  state.leads.set(lead.id, lead);
  for (const k of contactKeys(lead)) if (!state.byContact.has(k)) state.byContact.set(k, lead.id);
  if (lead.owner && isExtendedBy(lead, lead.owner)) {
    const set = state.extendedByRep.get(lead.owner) ?? new Set<string>();
    state.extendedByRep.set(lead.owner, set);
    set.add(lead.id);
  }
  state.timers.schedule(lead.id, nextDueAt(lead, state.settings));
}

/** Folds decided events into the team state; returns the leads that changed (last version of each). */
export function applyEvents(state: TeamState, events: readonly LeadEvent[]): Lead[] {
  const changed = new Map<string, Lead>();
  for (const e of events) {
    const next = apply(state.leads.get(e.leadId), e);
    putLead(state, next);
    changed.set(next.id, next);
  }
  return [...changed.values()];
}

/** The existing lead that shares an email or phone with this contact, if any. */
export function findDuplicate(state: TeamState, lead: Pick<Lead, 'contact'>): Lead | undefined {
  for (const k of contactKeys(lead)) {
    const id = state.byContact.get(k);
    if (id) return state.leads.get(id);
  }
  return undefined;
}

export function extendedLeadCount(state: TeamState, repId: string): number {
  return state.extendedByRep.get(repId)?.size ?? 0;
}

/**
 * Runs every timer due by `now`, in due order, and applies the resulting events. The authority calls this
 * before each command and on its tick; a server that was down catches up here with each event at its own time.
 */
export function runTimers(state: TeamState, now: number): LeadEvent[] {
  const all: LeadEvent[] = [];
  for (const id of state.timers.popDue(now)) {
    const lead = state.leads.get(id);
    if (!lead) continue;
    const events = dueEvents(lead, now, state.settings);
    applyEvents(state, events);
    all.push(...events);
    // Applying may leave a later timer on this lead (e.g. danger after a recall); putLead rescheduled it.
  }
  all.sort((a, b) => a.at - b.at);
  return all;
}

/** Settings changed (e.g. the danger period): every lead's next due time may have moved. */
export function rescheduleAll(state: TeamState, settings: TeamSettings): void {
  state.settings = settings;
  for (const lead of state.leads.values()) state.timers.schedule(lead.id, nextDueAt(lead, settings));
}
