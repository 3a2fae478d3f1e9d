/** Help texts, kept apart from the commands so `--help` and `--version` load nothing heavy. */

export const SERVE_USAGE = `Usage: audit-events-mock [serve] [options]

Serves GET /v1/audit/events/{event_id} from fixtures and deterministic generated events.

Options (flags > environment > --config file > defaults):
  --config <file>       JSON file of options (schemas/options.schema.json; see docs/cli.md)
  --port <n>            port to listen on (env PORT; default 4010; 0 picks a free port)
  --host <addr>         address to bind (env HOST; default 127.0.0.1)
  --seed <s>            seed of the generated data set (env SEED; default "audit-events-mock")
  --spec <file|url>     the provider's OpenAPI 3.1 JSON document: a file, or a running provider's
                        /openapi.json (default: the bundled spec); the mock validates, generates
                        and serves /openapi.json from it
  --spec-timeout <ms>   give up loading the spec from a URL after this long (default 10000)
  --openapi-url <p>     where the spec is served (default /openapi.json; none turns off all docs routes)
  --docs-url <p>        Swagger UI page (default /docs; none turns it off)
  --redoc-url <p>       ReDoc page (default /redoc; none turns it off)
  --oauth2-redirect-url <p>  Swagger UI's OAuth2 redirect page (default /docs/oauth2-redirect; none)
  --docs-assets <a>     cdn (default: FastAPI's pages, byte for byte) or local (swagger-ui-dist and
                        redoc from node_modules under /static/, for demos without a network)
  --fixtures <dir>      folder with events/ and responses/ (repeatable: later folders win; default:
                        the bundled fixtures; their pinned answers stay beneath folders of yours)
  --no-pinned-responses drop the bundled pinned answers (evt_not_found, ...) under --fixtures
  --watch               reload fixture files and the spec file when they change (a broken edit keeps
                        the last good set)
  --auth <mode>         bearer-or-api-key (default), bearer-only or none
  --accept-token <t>    accept only this token or API key (repeatable)
  --reject-token <t>    also reject this token or API key (repeatable; expired and invalid always are)
  --cors-origin <o>     allow only this browser origin (repeatable; default: any origin)
  --cors-expose-headers <h>  let pages read this answer header, e.g. retry-after (repeatable)
  --cors-allow-credentials   let pages send credentials (cookies, credentials: 'include')
  --latency <l>         delay every answer: <ms>, uniform:<min>-<max> or lognormal:<median>,<sigma>
  --chaos <rate>        fail this share of requests at random (0 to 1), reproducibly for the seed
  --journal-size <n>    requests kept in the journal per session (default 1000)
  --state-bytes <n>     byte budget of run-time state: fixtures, scenarios, journal, coverage, pact (default 67108864)
  --admin-token <t>     require X-Mock-Admin-Token for /__mock (env MOCK_ADMIN_TOKEN); needed off loopback
  --admin-origin <o>    let this browser origin use /__mock, CORS included (repeatable; default none)
  --no-admin            turn the admin API off
  --log-level <l>       fatal, error, warn, info (default), debug or silent (env LOG_LEVEL)
  --log-format <f>      pretty or json (default: pretty on a terminal, else json)
  --no-parent-watch     keep serving when the process that started it exits (by default the
                        server stops within a second of it, so killing npm start frees the port)
  -h, --help            show this help
`;

export const VALIDATE_USAGE = `Usage: audit-events-mock validate [dir...] [--fixtures <dir>]... [--spec <file>]

Checks the fixture files under each dir (events/ and responses/) against the spec without
starting a server, the folders combined as serve combines them; without a folder, the bundled
fixtures. Says which folders it checked. Prints "file: pointer: message" for each problem; exits
1 if there is any.
`;

export const GENERATE_USAGE = `Usage: audit-events-mock generate --count <n> [--seed <s>] (--out <dir> | --ndjson)
       audit-events-mock generate --world [--from <date>] [--to <date>] [--count <n>] [--seed <s>]
                                  (--out <dir> | --ndjson)

Writes valid events of the seed's world: a cast of people, keys and machines whose sessions, tasks
and incidents unfold over the 90 days before 2026-06-30. The same seed gives the same events, and
the server answers every one of them by its id.

  --count <n>     the events of the ids evt_gen_1 ... evt_gen_<n>, not padded (the same n-th event
                  whatever n is)
                  (any id maps to an event of the world)
  --world         the world's own events under their own ids, in time order (with --count: at most n)
  --from <date>   with --world: from this instant (2026-06-01 or 2026-06-01T08:00:00Z; default: the start)
  --to <date>     with --world: until this instant, excluded (default: the end, 2026-06-30)
  --seed <s>      seed of the world (default "audit-events-mock")
  --out <dir>     write fixture files <dir>/events/<id>.json
  --ndjson        write one event per line on standard output
`;

export const DIFF_SPEC_USAGE = `Usage: audit-events-mock diff-spec <old> <new> [--json] [--timeout <ms>]

Lists the changes between two versions of the spec (files or http(s) URLs such as a provider's
/openapi.json) for GET /v1/audit/events/{event_id}, each classified for a consumer: breaking (a
response field removed or retyped, null newly allowed, a required field made optional, a status
code removed, a security change...) or safe (a field added, a description changed...). Prints a
table, or JSON with --json. Exits 1 when a change is breaking, 0 otherwise, 2 when a spec cannot be
read.
`;

export const VERIFY_USAGE = `Usage: audit-events-mock verify --provider <url> [--token <t>] [--api-key <k>]
                              [--event-id <id> ...] [--json | --junit] [serve options]

Asks the provider at <url> what the mock answers, and compares: no credentials, another scheme,
an empty and a rejected token, the token (or API key) on each --event-id, an id that should not
exist, an unknown path, HEAD, a trailing slash, a CORS preflight and a CORS answer, the spec and the
docs page. Each answer is checked against the spec (the same compiled contract as the mock), then
compared with the mock's for the same request: status, content-type, www-authenticate, allow,
location, the CORS headers and the body. The provider's /openapi.json is diffed against the spec the
mock uses (see diff-spec). Only the provider is contacted, with GET, HEAD and OPTIONS only.

The mock is configured by serve's options (--spec, --config, --seed, --docs-url...), so a check
compares the mock as you run it.

Options:
  --provider <url>      the running provider, e.g. http://127.0.0.1:8000
  --token <t>           a bearer token the provider accepts (for the probes that need one)
  --api-key <k>         an API key the provider accepts
  --event-id <id>       an event that exists on the provider (repeatable)
  --timeout <ms>        give up on one probe after this long (default 10000)
  --json                print the report as JSON
  --junit               print the report as JUnit XML (one test case per probe and spec change)

Exits 0 when nothing drifted, 1 on any drift, 2 when the provider cannot be reached or the
command line is wrong.
`;

export const RUN_USAGE = `Usage: audit-events-mock run [serve options] [run options] -- <command...>

Starts the mock on a free port, waits until it answers, runs the command with the mock's URL in
AUDIT_EVENTS_MOCK_URL, passes SIGINT and SIGTERM on to it, then stops the mock, prints which
outcomes of the contract the command's requests met, and writes the reports asked for.

Options (besides serve's; see audit-events-mock serve --help):
  --coverage-json <file>   the coverage report as JSON
  --junit <file>           JUnit XML: one test case per outcome
  --summary <file>         Markdown for a CI job summary (e.g. $GITHUB_STEP_SUMMARY)
  --pact-dir <dir>         write a Pact file of the interactions the command made
  --pact-consumer <name>   the pact's consumer (default: the name in ./package.json)
  --pact-provider <name>   the pact's provider (default: audit-events-api)
  --pact-version <3|4>     Pact specification version (default 3)
  --min-coverage <p>       exit 3 when the command passed but covered less than p% of the
                           contract's outcomes (uncovered ones are then JUnit failures)
  -h, --help               show this help

Exit status: the command's (128 + n when signal n ended it; 127 when it cannot start), or 3
when it passed and --min-coverage was not met.
`;

export const COVERAGE_USAGE = `Usage: audit-events-mock coverage --url <mock> [--session <s>] [--json] [--min-coverage <p>]

Prints which outcomes of the contract a running mock's requests met: COVERED with a count and
the first request, NOT COVERED with the curl line that would produce it.

  --url <mock>          the mock's URL (env AUDIT_EVENTS_MOCK_URL)
  --session <s>         only that X-Mock-Session's requests (default: every request)
  --json                print the report as JSON
  --min-coverage <p>    exit 3 when less than p% of the contract's outcomes are covered
  --admin-token <t>     the admin token, when the mock requires one (env MOCK_ADMIN_TOKEN)
  -h, --help            show this help
`;

export const SPEC_USAGE = `Usage: audit-events-mock spec [--with-errors] [--spec <file>]

Writes the spec the mock serves (the bundled one, or --spec <file>) as JSON on standard output.
  --with-errors   add the error answers the provider gives but does not document (401, 403, 404,
                  429, 500, 502, 503, 504: {"detail": string}, 500 as text/plain), each marked
                  "x-audit-events-mock": "added", so a client generated from it types its errors
`;

export const USAGE = `Usage: audit-events-mock <command> [options]

Commands:
  serve       run the mock server (the default command)
  run         start the mock, run a command against it, report the contract coverage
  coverage    print a running mock's contract coverage
  validate    check fixture files against the spec
  generate    write realistic events (or a time-ordered world) as fixtures or NDJSON
  diff-spec   classify the changes between two versions of the spec
  verify      compare a running provider with the mock and report drift
  spec        write the spec, optionally with the error answers the provider does not document

audit-events-mock <command> --help shows a command's options; --version the version.

${SERVE_USAGE}`;
