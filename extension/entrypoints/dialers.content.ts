import { defineContentScript } from '#imports';
import { aircall } from '../hosts/aircall/aircall';
import { startHostContentScript } from '../hosts/content';
import { dialpad } from '../hosts/dialpad/dialpad';
import { googlevoice } from '../hosts/googlevoice/googlevoice';
import { ringcentral } from '../hosts/ringcentral/ringcentral';

export default defineContentScript({
  matches: [
    'https://phone.aircall.io/*',
    'https://workspace.aircall.io/*',
    'https://dialpad.com/app*',
    'https://app.ringcentral.com/*',
    'https://voice.google.com/*',
  ],
  runAt: 'document_idle',
  cssInjectionMode: 'manual', // the panel's shadow root gets its CSS from panel.ts; 'ui' fetched a stylesheet that is never built
  main: (ctx) => startHostContentScript(ctx, [aircall, dialpad, ringcentral, googlevoice]),
});
