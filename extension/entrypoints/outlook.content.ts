import { defineContentScript } from '#imports';
import { startHostContentScript } from '../hosts/content';
import { outlook } from '../hosts/outlook/outlook';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.live.com/*', 'https://outlook.office365.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main: (ctx) => startHostContentScript(ctx, [outlook]),
});
