#!/usr/bin/env node
// Deploy harness: `node localnet/deploy-check.mjs < scenario.json > result.json`.
// Deploys programs through the real BPF Loader Upgradeable into a fresh LiteSVM, runs the
// scenario's transactions and prints one JSON document with what happened. Failures of a deploy
// or transaction are reported in the result (ok=false), never thrown.
import { readFileSync } from 'node:fs';
import { runScenario } from './server/scenario.mjs';

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
