import { createDialerAdapter } from '../dialers/dialer';
import { RINGCENTRAL } from './selectors';

export const RINGCENTRAL_MATCHES = ['https://app.ringcentral.com/*'];

export const ringcentral = createDialerAdapter({
  host: 'ringcentral',
  name: 'RingCentral',
  hostnames: ['app.ringcentral.com'],
  matchPatterns: RINGCENTRAL_MATCHES,
  selectors: RINGCENTRAL,
});
