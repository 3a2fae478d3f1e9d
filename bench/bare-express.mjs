// The baseline: a bare Express 5 app answering one fixed ~1 KB event with res.json.
// Usage: node bench/bare-express.mjs --port <n>
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const body = JSON.parse(
  readFileSync(new URL('../fixtures/events/evt_all_fields_set.json', import.meta.url), 'utf8'),
);

const app = express();
app.get('/v1/audit/events/:id', (_req, res) => {
  res.json(body);
});

const server = app.listen(Number(values.port ?? '0'), '127.0.0.1', () => {
  process.stdout.write(`bare-express listening on http://127.0.0.1:${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
