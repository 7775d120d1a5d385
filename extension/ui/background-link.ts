import { browser } from '#imports';
import type { BackgroundMessage, BackgroundReply } from '../messages.ts';

/** Sends a message to the background (waking it if it was stopped) and returns its reply. */
export async function toBackground(msg: BackgroundMessage): Promise<BackgroundReply> {
  try {
    const reply = (await browser.runtime.sendMessage(msg)) as BackgroundReply | undefined;
    return reply ?? { ok: false, message: 'The extension did not answer.' };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
