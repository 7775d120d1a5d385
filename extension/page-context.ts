import { z } from 'zod';

/**
 * What a content script may tell the extension about the host page: only what it read there (a sender, a
 * number, a selection), never lead data (invariant 5). Text is data, never HTML. The background keeps the
 * latest context per tab; the sidebar shows the matching lead or offers capture.
 */
export const HOSTS = [
  'gmail',
  'outlook',
  'aircall',
  'dialpad',
  'ringcentral',
  'googlevoice',
  'page',
] as const;

export const PageContextSchema = z.object({
  host: z.enum(HOSTS),
  url: z.string().max(2000),
  /** `unreadable`: the adapter's selectors no longer match; the sidebar says so and offers manual capture. */
  status: z.enum(['ok', 'unreadable', 'idle']),
  problem: z.string().max(500).optional(),
  sender: z.object({ name: z.string().max(200).optional(), email: z.string().max(254) }).optional(),
  subject: z.string().max(500).optional(),
  /** The open message's signature / contact block, plain text, for parseContactBlock. */
  signatureText: z.string().max(5000).optional(),
  /** A number being dialled, ringing or clicked (tel: link), as written on the page. */
  phone: z.string().max(60).optional(),
  callState: z.enum(['dialing', 'ringing', 'connected', 'ended']).optional(),
  /** Text the user selected and asked to capture. */
  selection: z.string().max(5000).optional(),
});
export type PageContext = z.infer<typeof PageContextSchema>;

/** Messages from content scripts to the background. */
export const PAGE_CONTEXT_MESSAGE = 'leadline/page-context';
export type PageContextMessage = { type: typeof PAGE_CONTEXT_MESSAGE; context: PageContext };
