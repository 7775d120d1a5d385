import { render } from 'preact';
import { App } from '../../ui/App.tsx';
import { canOpenIndexedDb, StorageBlocked } from '../../ui/capture/StorageBlocked.tsx';
import '../../ui/styles.css';

// In a host page this is a third-party frame: where the browser denies it storage, say so (capture/StorageBlocked.tsx).
void canOpenIndexedDb().then((ok) =>
  render(ok ? <App /> : <StorageBlocked />, document.getElementById('app')!),
);
