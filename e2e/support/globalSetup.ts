/**
 * Before any test file runs: the production build of the web app, once. Test files run in parallel,
 * and building from each of them would have them overwrite one another's output.
 */
import { buildWebApp } from './server.ts';

export default function setup(): void {
  buildWebApp();
}
