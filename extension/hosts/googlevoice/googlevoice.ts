import { createDialerAdapter } from '../dialers/dialer';
import { GOOGLEVOICE } from './selectors';

export const GOOGLEVOICE_MATCHES = ['https://voice.google.com/*'];

export const googlevoice = createDialerAdapter({
  host: 'googlevoice',
  name: 'Google Voice',
  hostnames: ['voice.google.com'],
  matchPatterns: GOOGLEVOICE_MATCHES,
  selectors: GOOGLEVOICE,
});
