import { render } from 'preact';
import { OptionsApp } from '../../ui/OptionsApp.tsx';
import '../../ui/styles.css';

render(<OptionsApp />, document.getElementById('app')!);
