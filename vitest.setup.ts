/**
 * Every test file: a test during which the server (built in this process) answered something its
 * route's schema does not describe fails, naming the answers (src/server/contract/validateResponses.ts).
 */
import { afterEach } from 'vitest';
import { reportedMismatches } from './src/server/contract/validateResponses.ts';

afterEach(() => {
  const found = reportedMismatches.splice(0);
  if (found.length > 0) throw new Error(`answers that do not match their schemas:\n${found.map((m) => `${m.method} ${m.url} ${m.status}: ${m.problem}`).join('\n')}`);
});
