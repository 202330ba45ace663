#!/usr/bin/env node
// Deploy harness: `node localnet/deploy-check.mjs < scenario.json > result.json`.
// Deploys programs through the real BPF Loader Upgradeable into a fresh LiteSVM, runs the
// scenario's transactions and prints one JSON document with what happened. Failures of a deploy
// or transaction are reported in the result (ok=false), never thrown.
// With --lines it serves many: one scenario a line on stdin, one result a line on stdout, each in
// a fresh LiteSVM (a test package starts one process, not one per scenario); a scenario that
// cannot run gets {"harnessError": "..."}.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { runScenario } from './server/scenario.mjs';

if (process.argv.includes('--lines')) {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let reply;
    try {
      reply = await runScenario(JSON.parse(line));
    } catch (err) {
      reply = { harnessError: err.message };
    }
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
} else {
  let scenario;
  try {
    scenario = JSON.parse(readFileSync(0, 'utf8'));
  } catch (err) {
    process.stderr.write(`deploy-check: stdin is not a JSON scenario: ${err.message}\n`);
    process.exit(2);
  }
  try {
    process.stdout.write(`${JSON.stringify(await runScenario(scenario))}\n`);
  } catch (err) {
    process.stderr.write(`deploy-check: ${err.message}\n`);
    process.exit(2);
  }
}
