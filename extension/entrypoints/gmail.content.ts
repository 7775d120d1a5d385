import { defineContentScript } from '#imports';
import { startHostContentScript } from '../hosts/content';
import { gmail } from '../hosts/gmail/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manual', // the panel's shadow root gets its CSS from panel.ts; 'ui' fetched a stylesheet that is never built
  main: (ctx) => startHostContentScript(ctx, [gmail]),
});
