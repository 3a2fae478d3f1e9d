import type { Router } from 'express';
import type { Engine } from '../engine/engine.js';
import type { PactVersion } from '../report/pact-document.js';
import { DEFAULT_CONSUMER, DEFAULT_PROVIDER, pactDocument } from '../report/pact-document.js';
import { sendDetail, sessionOf } from './admin-http.js';

/** A pacticipant name: 1 to 200 characters, none of them control characters. */
const isName = (name: string) =>
  name.length >= 1 && name.length <= 200 && [...name].every((char) => char >= ' ');

/**
 * `GET /__mock/pact?consumer=&provider=&version=3|4`: a Pact file of the interactions one session
 * (`X-Mock-Session`) made or, without the header, of every session's (duplicates removed).
 */
export function routePact(router: Router, engine: Engine): void {
  router.get('/pact', (req, res) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const consumer = query.get('consumer') ?? DEFAULT_CONSUMER;
    const provider = query.get('provider') ?? DEFAULT_PROVIDER;
    const version = query.get('version') ?? '3';
    if (!isName(consumer) || !isName(provider) || (version !== '3' && version !== '4')) {
      sendDetail(
        res,
        400,
        'Parameters: consumer=<name> and provider=<name> (1 to 200 characters), version=3 or 4.',
      );
      return;
    }
    const session = sessionOf(req);
    const interactions = engine.interactions.list(session ?? undefined);
    res.json(
      pactDocument(interactions, engine.contract, {
        consumer,
        provider,
        version: Number(version) as PactVersion,
      }),
    );
  });
}
