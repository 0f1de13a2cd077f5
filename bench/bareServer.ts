/** The baseline: a bare node:http server answering every request with the same JSON from memory. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// The body comes from a file: a declaration's JSON is larger than a command-line argument may be.
const body = readFileSync(process.argv[2] ?? '/dev/null', 'utf8') || '{}';
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('message', (message) => {
  if (message === 'stop') server.close(() => process.exit(0));
});
