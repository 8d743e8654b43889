/** The voter pages' entry point: renders the app into #app (replacing the no-JavaScript message). */
import { render } from 'preact';
import { App } from './app.tsx';

const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
