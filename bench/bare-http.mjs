// The floor: bare node:http answering one fixed ~1 KB event, with no framework at all.
// Usage: node bench/bare-http.mjs --port <n>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const body = readFileSync(new URL('../fixtures/events/evt_all_fields_set.json', import.meta.url));

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.listen(Number(values.port ?? '0'), '127.0.0.1', () => {
  process.stdout.write(`bare-http listening on http://127.0.0.1:${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
