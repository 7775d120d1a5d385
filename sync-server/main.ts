import { configFromEnv } from './config.ts';
import { startSyncServer } from './server.ts';

/** `npm run server`: PORT (1234), HOST (127.0.0.1), DATA_DIR (./data), LEADLINE_TEST_CLOCK, MAX_FRAME_BYTES. */
const server = await startSyncServer(configFromEnv());
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
