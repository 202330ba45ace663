// A bounded, seeded fuzz run over the JSON-RPC server: random methods with hostile parameters
// (huge strings, built-in names, deep nesting, odd numbers and ids), oversized batches and wrong
// content types. Every request must get a well-formed reply within a second, never an internal
// error, and the server must stay healthy with bounded memory. LOCALNET_FUZZ_SEED picks another
// seed, LOCALNET_FUZZ_ROUNDS another length.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, rssMB, until } from './testing.mjs';
import { Keypair } from './keys.mjs';

const SEED = Number(process.env.LOCALNET_FUZZ_SEED ?? 21);
const ROUNDS = Number(process.env.LOCALNET_FUZZ_ROUNDS ?? 400);
const ANSWER_MS = 1000;
const MAX_GROWTH_MB = 500;

const KEY = Keypair.generate().address;
const BIG_ACCOUNTS = ['3gvYRKWyXRR9xKWe1ZjPhLY5ZJRN7KDB4rFZFGoJfFk2', 'DoU57AYuPFu2QU514RktNPG22QhApEjnKxnBcu4BHDTY', 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'];
const METHODS = [
  'getHealth', 'getVersion', 'getIdentity', 'getGenesisHash', 'getSlot', 'getBlockHeight', 'getTransactionCount',
  'getEpochInfo', 'getEpochSchedule', 'getLatestBlockhash', 'isBlockhashValid', 'getFeeForMessage',
  'getMinimumBalanceForRentExemption', 'getRecentPrioritizationFees', 'getBalance', 'getAccountInfo',
  'getMultipleAccounts', 'getProgramAccounts', 'getTokenAccountBalance', 'getTokenSupply', 'getTokenAccountsByOwner',
  'sendTransaction', 'simulateTransaction', 'getSignatureStatuses', 'getSignaturesForAddress', 'getTransaction',
  'getBlock', 'getBlockTime', 'getBlocks', 'getFirstAvailableBlock', 'noSuchMethod', 'constructor', '__proto__', 'toString',
];
const WS_METHODS = [
  'accountSubscribe', 'programSubscribe', 'signatureSubscribe', 'logsSubscribe', 'slotSubscribe',
  'accountUnsubscribe', 'programUnsubscribe', 'signatureUnsubscribe', 'logsUnsubscribe', 'slotUnsubscribe',
  'getSlot', 'constructor', '__proto__',
];
const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'processed', 'confirmed', 'finalized', 'recent', 'max', 'base64', 'base58', 'jsonParsed', 'binary', 'json'];

// mulberry32: small, seeded, reproducible.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzer(seed, methods = METHODS) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (list) => list[int(list.length)];
  const base58 = (n) => Array.from({ length: n }, () => pick('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz')).join('');
  const string = () =>
    pick([
      () => pick(NAMES),
      () => KEY,
      () => pick(BIG_ACCOUNTS),
      () => base58(pick([0, 1, 31, 43, 44, 45, 87, 88, 89, 200])),
      () => base58(pick([10_000, 64_000, 128_000])),
      () => 'A'.repeat(pick([3, 4, 1644, 1645, 100_000])),
      () => '%%%0OIl',
      () => '\u0000\ud800\"\\',
    ])();
  const number = () => pick([0, 1, -1, 1.5, 2 ** 53, -(2 ** 63), 1e300, 165, 10 * 1024 * 1024 + 1, 100]);
  const value = (depth = 0) => {
    const kind = int(depth > 3 ? 3 : 6);
    if (kind === 0) return string();
    if (kind === 1) return number();
    if (kind === 2) return pick([null, true, false]);
    if (kind === 3) return Array.from({ length: int(4) }, () => value(depth + 1));
    return config(depth);
  };
  const config = (depth = 0) => {
    const out = {};
    for (let i = int(4); i > 0; i--) {
      const key = pick(['commitment', 'encoding', 'dataSlice', 'filters', 'minContextSlot', 'before', 'until', 'limit', 'mint', 'programId', 'searchTransactionHistory', 'transactionDetails', 'maxSupportedTransactionVersion', 'accounts', 'sigVerify', 'replaceRecentBlockhash', ...NAMES]);
      out[key] = key === 'filters' ? [pick([{ memcmp: { offset: int(300), bytes: string(), encoding: pick(['base58', 'base64', 'constructor']) } }, { dataSize: number() }, value(depth + 1)])] : value(depth + 1);
    }
    return out;
  };
  const id = () => pick([1, 0, 'x', null, 18446744073709551615n, -1, 1.5, true, {}, 1e300]);
  const request = () => {
    const method = pick(methods);
    const params = int(8) === 0 ? value() : Array.from({ length: int(4) }, () => value());
    return { jsonrpc: pick(['2.0', '2.0', '2.0', '1.0']), id: id(), method, params };
  };
  const json = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));
  const withProto = (text) => text.replace(/^\{/, '{"__proto__":{"method":"getSlot","jsonrpc":"2.0"},');
  const bigBatch = () => ({
    // The batch that used to take the server down: many reads of large program-data accounts.
    body: `[${Array.from({ length: pick([20, 200]) }, (_, i) => json({ jsonrpc: '2.0', id: i, method: 'getMultipleAccounts', params: [Array(100).fill(pick(BIG_ACCOUNTS)), { encoding: 'base64' }] })).join(',')}]`,
  });
  return () =>
    int(25) === 0 ? bigBatch() : pick([
      () => ({ body: json(request()) }),
      () => ({ body: json(request()) }),
      () => ({ body: json(request()) }),
      () => ({ body: `[${Array.from({ length: 1 + int(20) }, () => json(request())).join(',')}]` }),
      () => ({ body: withProto(json({ ...request(), id: pick([1, '12345678901234567890']) })) }),
      () => ({ body: `{"jsonrpc":"2.0","id":1,"method":"getSlot","params":${'['.repeat(pick([65, 1000, 100_000]))}${']'.repeat(65)}` }),
      () => ({ body: json({ jsonrpc: '2.0', id: 1, method: 'getBalance', params: [base58(pick([64_000, 128_000]))] }) }),
      () => ({ body: json(request()), contentType: pick(['text/plain', 'application/x-www-form-urlencoded', '']) }),
    ])();
}

let s;
before(async () => {
  s = await startServer(['--slot-ms', '50', '--finalize-depth', '4']);
});
after(async () => {
  await s.stop();
});

async function send({ body, contentType = 'application/json' }) {
  const headers = contentType ? { 'content-type': contentType } : {};
  const started = performance.now();
  const res = await fetch(s.ready.rpc, { method: 'POST', headers, body: Buffer.from(body) });
  // The answer's time is to its first byte: reading 30 MB here is the client's time, not the server's.
  const ms = performance.now() - started;
  return { status: res.status, text: await res.text(), ms };
}

function checkReply(reply, what) {
  assert.equal(reply.jsonrpc, '2.0', what);
  assert.ok(Object.hasOwn(reply, 'id'), what);
  if (reply.error) {
    assert.notEqual(reply.error.code, -32603, `internal error: ${what}`);
    assert.equal(typeof reply.error.message, 'string', what);
    assert.ok(reply.error.message.length < 1000, `an error message echoes its input: ${what}`);
  } else {
    assert.ok(Object.hasOwn(reply, 'result'), what);
  }
}

test(`fuzz: ${ROUNDS} hostile requests (seed ${SEED})`, async (t) => {
  const next = fuzzer(SEED);
  // Warm-up, untimed: a fresh server compiles its code paths on first use.
  for (const account of BIG_ACCOUNTS) {
    await send({ body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getMultipleAccounts', params: [Array(100).fill(account), { encoding: 'base64' }] }) });
  }
  const base = rssMB(s.child.pid);
  let peak = base;
  let slowest = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const req = next();
    const what = `round ${round}, seed ${SEED}: ${req.contentType ?? ''} ${req.body.slice(0, 200)}`;
    const { status, text, ms } = await send(req);
    slowest = Math.max(slowest, ms);
    assert.ok(ms < ANSWER_MS, `${Math.round(ms)} ms for ${what}`);
    if (req.contentType !== undefined) {
      assert.equal(status, 415, what);
      continue;
    }
    assert.equal(status, 200, `${what} -> ${text.slice(0, 300)}`);
    if (text === '') continue; // notifications only
    const reply = JSON.parse(text);
    for (const r of Array.isArray(reply) ? reply : [reply]) checkReply(r, `${what} -> ${JSON.stringify(r).slice(0, 300)}`);
    if (round % 10 === 0) {
      const health = await send({ body: '{"jsonrpc":"2.0","id":1,"method":"getHealth"}' });
      assert.equal(JSON.parse(health.text).result, 'ok', `after ${what}`);
      assert.ok(health.ms < ANSWER_MS, `health took ${Math.round(health.ms)} ms after ${what}`);
      peak = Math.max(peak, rssMB(s.child.pid));
      assert.ok(peak - base < MAX_GROWTH_MB, `the server grew from ${base} to ${peak} MB by ${what}`);
    }
  }
  assert.equal(s.child.exitCode, null, 'the server is still running');
  assert.equal(await s.call('getHealth'), 'ok');
  t.diagnostic(`slowest reply ${Math.round(slowest)} ms; memory ${base} -> ${peak} MB`);
});

test(`fuzz: ${Math.round(ROUNDS / 2)} hostile websocket requests (seed ${SEED})`, async (t) => {
  const next = fuzzer(SEED + 1, WS_METHODS);
  const base = rssMB(s.child.pid);
  const ws = new WebSocket(s.ready.ws);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const replies = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (!m.method) replies.push(m); // notifications have a method; replies do not
  });
  let slowest = 0;
  for (let round = 0; round < ROUNDS / 2; round++) {
    const { body } = next();
    const what = `websocket round ${round}, seed ${SEED + 1}: ${body.slice(0, 200)}`;
    const started = performance.now();
    replies.length = 0;
    ws.send(body);
    // Every generated request carries an id, so every one is owed a reply.
    const reply = await until(() => replies[0], ANSWER_MS, `reply to ${what}`);
    const ms = performance.now() - started;
    slowest = Math.max(slowest, ms);
    for (const r of Array.isArray(reply) ? reply : [reply]) checkReply(r, `${what} -> ${JSON.stringify(r).slice(0, 300)}`);
  }
  assert.equal(ws.readyState, WebSocket.OPEN, 'the connection is still open');
  ws.close();
  assert.equal(await s.call('getHealth'), 'ok');
  const grown = rssMB(s.child.pid) - base;
  assert.ok(grown < MAX_GROWTH_MB, `the server grew ${grown} MB`);
  t.diagnostic(`slowest websocket reply ${Math.round(slowest)} ms`);
});
