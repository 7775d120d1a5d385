import { render } from 'preact';
import { ImportApp } from '../../ui/import/ImportApp.tsx';
import '../../ui/styles.css';

render(<ImportApp />, document.getElementById('app')!);
