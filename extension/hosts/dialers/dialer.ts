import type { PageContext } from '../../page-context';
import { queryFirst, textOf, watchPage } from '../dom';
import type { Host, HostAdapter, Reading } from '../types';

type CallState = NonNullable<PageContext['callState']>;

/**
 * The selectors of one web dialer. Dialer apps render a call view (number + a state line such as "Calling…",
 * "Incoming call", a running timer, "Call ended") and, between calls, a dial pad with a number field.
 */
export interface DialerSelectors {
  /** Present whenever the app is loaded: if it is missing, the markup changed. */
  appRoot: readonly string[];
  /** The call view, present only during or right after a call. */
  callView: readonly string[];
  /** Within the call view: the other party's number as written. */
  callNumber: readonly string[];
  /** Within the call view: the text telling the call's state. */
  callState: readonly string[];
  /** The dial pad's number field (a number typed but not yet dialled). */
  dialInput: readonly string[];
}

/** Call-state words in the apps' English, German and French UIs; a running `mm:ss` timer means connected. */
const STATE_WORDS: ReadonlyArray<[RegExp, CallState]> = [
  [/\b(call ended|ended|hung up|beendet|terminé)\b/i, 'ended'],
  [/\b(incoming|ringing|is calling|eingehend\w*|klingelt|entrant)\b/i, 'ringing'],
  [/\b(calling|dialing|dialling|connecting|outgoing|wählt|appel en cours)\b/i, 'dialing'],
  [/\b(connected|on call|in call|on hold|verbunden|en communication)\b|\b\d{1,2}:\d{2}\b/i, 'connected'],
];

export function callStateFrom(text: string): CallState | undefined {
  return STATE_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

const PHONE_CHARS = /^[+()\d\s.\-/]{3,40}$/;

function numberIn(el: Element | null): string | undefined {
  if (!el) return undefined;
  const value = el instanceof HTMLInputElement ? el.value : (el.getAttribute('data-number') ?? textOf(el));
  const number = value.trim();
  return number && PHONE_CHARS.test(number) && /\d{3}/.test(number.replace(/\D/g, '')) ? number : undefined;
}

export function readDialer(doc: Document, selectors: DialerSelectors, name: string): Reading {
  const root = queryFirst(doc, selectors.appRoot);
  if (!root) {
    return {
      status: 'unreadable',
      problem: `${name}'s layout changed: Leadline can't find the phone panel. Capture manually.`,
    };
  }
  const call = queryFirst(root, selectors.callView);
  if (call) {
    const phone = numberIn(queryFirst(call, selectors.callNumber));
    const callState = callStateFrom(textOf(queryFirst(call, selectors.callState)));
    if (!phone || !callState) {
      return {
        status: 'unreadable',
        problem: `${name}'s layout changed: Leadline can't read the number on this call. Capture manually.`,
      };
    }
    return { status: 'ok', phone, callState };
  }
  const typed = numberIn(queryFirst(root, selectors.dialInput));
  return typed ? { status: 'idle', phone: typed } : { status: 'idle' };
}

export interface DialerConfig {
  host: Host;
  name: string;
  hostnames: readonly string[];
  matchPatterns: readonly string[];
  /** Extra URL test (e.g. Dialpad's app lives under `/app`). */
  path?: RegExp;
  selectors: DialerSelectors;
}

export function createDialerAdapter(
  config: DialerConfig,
  { graceMs = 2500, win }: { graceMs?: number; win?: Window } = {},
): HostAdapter {
  return {
    host: config.host,
    matchPatterns: config.matchPatterns,
    matches: (url) =>
      config.hostnames.includes(url.hostname) && (!config.path || config.path.test(url.pathname)),
    init(signal, report) {
      const w = win ?? window;
      // Input values change without DOM mutations: listen for typing too.
      const read = () => readDialer(w.document, config.selectors, config.name);
      watchPage(w, signal, report, read, { graceMs, quietMs: 100, onInput: true });
    },
  };
}
