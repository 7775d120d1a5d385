import { createDialerAdapter } from '../dialers/dialer';
import { DIALPAD } from './selectors';

export const DIALPAD_MATCHES = ['https://dialpad.com/app*'];

export const dialpad = createDialerAdapter({
  host: 'dialpad',
  name: 'Dialpad',
  hostnames: ['dialpad.com'],
  matchPatterns: DIALPAD_MATCHES,
  path: /^\/app(\/|$)/,
  selectors: DIALPAD,
});
