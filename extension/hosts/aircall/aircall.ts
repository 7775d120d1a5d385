import { createDialerAdapter } from '../dialers/dialer';
import { AIRCALL } from './selectors';

export const AIRCALL_MATCHES = ['https://phone.aircall.io/*', 'https://workspace.aircall.io/*'];

export const aircall = createDialerAdapter({
  host: 'aircall',
  name: 'Aircall',
  hostnames: ['phone.aircall.io', 'workspace.aircall.io'],
  matchPatterns: AIRCALL_MATCHES,
  selectors: AIRCALL,
});
