#!/usr/bin/env node
// The localnet server: Solana JSON-RPC over HTTP on --port, PubSub websocket on --ws-port
// (default port + 1), over a LiteSVM bank. Prints one JSON "ready" line on stdout; logs on stderr.
import { parseArgs } from 'node:util';
import { createLogger } from './logger.mjs';
import { Ledger } from './ledger.mjs';
import { freshBank, restoredBank, deployPrograms } from './genesis.mjs';
import { Keypair } from './keys.mjs';
import { GenesisCache } from './genesiscache.mjs';
import { FEATURE_SETS } from './svm.mjs';
import { Dispatcher } from './rpc/dispatch.mjs';
import { createHttpServer } from './rpc/http.mjs';
import { chainMethods } from './rpc/chain.mjs';
import { accountMethods } from './rpc/accounts.mjs';
import { tokenMethods } from './rpc/tokens.mjs';
import { transactionMethods } from './rpc/transactions.mjs';
import { SignatureVerifier } from './sigverify.mjs';
import { blockMethods } from './rpc/blocks.mjs';
import { PubSub } from './ws.mjs';

const USAGE = `usage: node localnet/server/main.mjs --port P [--ws-port P+1] [--bind 127.0.0.1]
  [--ledger DIR] [--reset] [--genesis-cache DIR] [--save-interval-s 30] [--features all|default] [--slot-ms 400]
  [--program SO_PATH:KEYPAIR_JSON_PATH]... [--upgrade-authority KEYPAIR_JSON_PATH]
  [--confirm-depth 1] [--finalize-depth 32] [--max-transactions 100000]
  [--exit-on-stdin-close] [--log-level info]`;

function fail(message) {
  process.stderr.write(`localnet: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'ws-port': { type: 'string' },
        bind: { type: 'string', default: '127.0.0.1' },
        ledger: { type: 'string' },
        'genesis-cache': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'save-interval-s': { type: 'string', default: '30' },
        features: { type: 'string', default: 'all' },
        'slot-ms': { type: 'string', default: '400' },
        program: { type: 'string', multiple: true, default: [] },
        'upgrade-authority': { type: 'string' },
        'confirm-depth': { type: 'string', default: '1' },
        'finalize-depth': { type: 'string', default: '32' },
        'max-transactions': { type: 'string', default: '100000' },
        'exit-on-stdin-close': { type: 'boolean', default: false },
        'log-level': { type: 'string', default: 'info' },
      },
    }));
  } catch (err) {
    fail(err.message);
  }
  const int = (name, min, max) => {
    const text = values[name];
    const n = Number(text);
    if (!/^\d+$/.test(text ?? '') || n < min || n > max) fail(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
    return n;
  };
  if (values.port === undefined) fail('--port is required');
  const port = int('port', 1, 65534);
  if (!FEATURE_SETS.includes(values.features)) fail(`--features must be one of ${FEATURE_SETS.join(', ')}`);
  if (values.reset && !values.ledger) fail('--reset needs --ledger DIR');
  const confirmDepth = int('confirm-depth', 0, 1000);
  const finalizeDepth = int('finalize-depth', 0, 1000);
  if (finalizeDepth < confirmDepth) fail('--finalize-depth must be at least --confirm-depth');
  return {
    port,
    wsPort: values['ws-port'] === undefined ? port + 1 : int('ws-port', 1, 65535),
    bind: values.bind,
    ledger: values.ledger ?? null,
    genesisCache: values['genesis-cache'] ?? null,
    reset: values.reset,
    saveIntervalMs: int('save-interval-s', 1, 86400) * 1000,
    features: values.features,
    slotMs: int('slot-ms', 10, 60000),
    confirmDepth,
    finalizeDepth,
    maxTransactions: int('max-transactions', 100, 10_000_000),
    programs: values.program.map((spec) => {
      const at = spec.lastIndexOf(':');
      if (at <= 0 || at === spec.length - 1) fail(`--program must be SO_PATH:KEYPAIR_JSON_PATH, got ${JSON.stringify(spec)}`);
      return { so: spec.slice(0, at), keypairPath: spec.slice(at + 1) };
    }),
    upgradeAuthority: values['upgrade-authority'] ?? null,
    exitOnStdinClose: values['exit-on-stdin-close'],
    logLevel: values['log-level'],
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

async function main() {
  const started = performance.now();
  const opts = parseOptions(process.argv.slice(2));
  let log;
  try {
    log = createLogger(opts.logLevel);
  } catch (err) {
    fail(err.message);
  }
  const bankOptions = { slotMs: opts.slotMs, confirmDepth: opts.confirmDepth, finalizeDepth: opts.finalizeDepth, maxTransactions: opts.maxTransactions };

  const ledger = opts.ledger ? new Ledger(opts.ledger) : null;
  if (ledger && opts.reset) ledger.reset();
  let bank = null;
  if (ledger?.exists()) {
    bank = restoredBank({ loaded: ledger.load(), options: bankOptions, log });
    if (bank.features !== opts.features) log.warn('ledger keeps its own feature set', { ledger: bank.features, requested: opts.features });
    log.info('ledger restored', { dir: opts.ledger, slot: bank.slot, transactions: bank.store.transactions.size });
  }
  const authority = opts.upgradeAuthority ? Keypair.fromJsonFile(opts.upgradeAuthority) : null;
  // A new chain without a ledger may start from a cached deployed genesis (--genesis-cache).
  const cache = !bank && !ledger && opts.genesisCache && opts.programs.length ? new GenesisCache(opts.genesisCache, { features: opts.features, authority, programs: opts.programs }) : null;
  bank ??= cache?.restore({ options: bankOptions, log });
  const deploying = !bank;
  bank ??= freshBank({ features: opts.features, options: bankOptions, log });
  bank.store.persisting = ledger !== null;
  const programs = await deployPrograms(bank, opts.programs, authority, log);
  if (cache && deploying) cache.save(bank, log);

  const verifier = new SignatureVerifier({ features: bank.features, log });
  const methods = {
    ...chainMethods(bank),
    ...accountMethods(bank),
    ...tokenMethods(bank),
    ...transactionMethods(bank, verifier),
    ...blockMethods(bank),
  };
  const http = createHttpServer(new Dispatcher(methods, log), log);
  const pubsub = new PubSub(bank, log);
  await listen(http, opts.port, opts.bind);
  await pubsub.listen(opts.wsPort, opts.bind);
  bank.start();

  let saver = null;
  if (ledger) {
    ledger.save(bank);
    ledger.compact(bank.store);
    saver = setInterval(() => {
      try {
        ledger.save(bank);
      } catch (err) {
        log.error('saving the ledger failed', { error: err.message });
      }
    }, opts.saveIntervalMs);
  }

  let stopping = false;
  const shutdown = async (why) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { why });
    bank.stop();
    clearInterval(saver);
    http.close();
    http.closeAllConnections();
    await pubsub.close();
    await verifier.close();
    if (ledger) ledger.save(bank);
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  if (opts.exitOnStdinClose) {
    process.stdin.on('end', () => shutdown('stdin closed'));
    process.stdin.on('close', () => shutdown('stdin closed'));
    process.stdin.resume();
  }

  const host = opts.bind === '0.0.0.0' ? '127.0.0.1' : opts.bind;
  process.stdout.write(
    `${JSON.stringify({
      event: 'ready',
      rpc: `http://${host}:${opts.port}`,
      ws: `ws://${host}:${opts.wsPort}`,
      slot: bank.slot,
      programs,
      genesisHash: bank.genesisHash,
    })}\n`,
  );
  log.info('ready', { startupMs: Math.round(performance.now() - started), rssMB: Math.round(process.memoryUsage().rss / 1e6), faucet: bank.faucet.address });
}

main().catch((err) => {
  process.stderr.write(`localnet: ${err.message}\n`);
  process.exit(1);
});
