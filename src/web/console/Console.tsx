/**
 * The organiser console's entry, as the pages' router shows it for /console and /console/…. The router
 * (src/web/app.tsx) loads this file as a chunk of its own when a console address is first shown, so the
 * console's code and styles (ConsoleApp and what it imports, console.css) never reach a voter's phone.
 */
import './console.css';

export { ConsoleApp as Console } from './ConsoleApp.tsx';
