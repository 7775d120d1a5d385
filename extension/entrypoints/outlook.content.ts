import { defineContentScript } from '#imports';
import { startHostContentScript } from '../hosts/content';
import { outlook } from '../hosts/outlook/outlook';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.live.com/*', 'https://outlook.office365.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manual', // the panel's shadow root gets its CSS from panel.ts; 'ui' fetched a stylesheet that is never built
  main: (ctx) => startHostContentScript(ctx, [outlook]),
});
