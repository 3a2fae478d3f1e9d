// Runs the official Pact verifier (pact-core's native verifier) in a process of its own: it
// prints its report straight to file descriptor 1, which a test keeps out of its own output.
// Usage: node pact-verifier.mjs <provider base URL> <pact file> <result file>
import { writeFileSync } from 'node:fs';
import process from 'node:process';

// Before the verifier loads: no usage statistics sent anywhere.
process.env.PACT_DO_NOT_TRACK = 'true';
const { default: pactCore } = await import('@pact-foundation/pact-core');
const [base, pact, out] = process.argv.slice(2);
let result;
try {
  result = JSON.parse(
    await pactCore.verifyPacts({
      providerBaseUrl: base,
      pactUrls: [pact],
      providerStatesSetupUrl: `${base}/__mock/provider-states`,
      logLevel: 'error',
    }),
  );
} catch (error) {
  // A failed verification rejects with the same JSON document; anything else is not JSON.
  try {
    result = JSON.parse(error instanceof Error ? error.message : String(error));
  } catch {
    result = { error: String(error) };
  }
}
writeFileSync(out, JSON.stringify(result));
