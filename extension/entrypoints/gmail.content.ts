import { defineContentScript } from '#imports';
import { startHostContentScript } from '../hosts/content';
import { gmail } from '../hosts/gmail/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main: (ctx) => startHostContentScript(ctx, [gmail]),
});
