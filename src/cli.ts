#!/usr/bin/env node
import { describeFailure, main } from './cli/main.js';

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    const { message, code } = describeFailure(error);
    process.stderr.write(`audit-events-mock: ${message}\n`);
    process.exit(code);
  },
);
