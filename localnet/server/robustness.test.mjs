// Hostile and malformed requests (issue 21, points 8-12): each gets a clean JSON-RPC error, fast,
// and the server keeps serving with bounded memory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, rssMB, until } from './testing.mjs';
import { Dispatcher } from './rpc/dispatch.mjs';
import { MAX_REPLY_BYTES } from './rpc/budget.mjs';
import { Keypair } from './keys.mjs';

// Program-data accounts every chain has: SPL Token (100 KB) and Token-2022 (616 KB).
const TOKEN_PROGRAM_DATA = '3gvYRKWyXRR9xKWe1ZjPhLY5ZJRN7KDB4rFZFGoJfFk2';
const TOKEN_2022_PROGRAM_DATA = 'DoU57AYuPFu2QU514RktNPG22QhApEjnKxnBcu4BHDTY';
const KEY = Keypair.generate().address;

let s;
before(async () => {
  s = await startServer(['--slot-ms', '50', '--finalize-depth', '4']);
});
after(async () => {
  await s.stop();
});

const body = (method, params, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const reply = async (text) => JSON.parse(await s.raw(text));
const errorOf = async (method, params) => (await reply(body(method, params))).error;

async function expectCode(method, params, code, pattern) {
  const err = await errorOf(method, params);
  assert.equal(err?.code, code, `${method} ${JSON.stringify(params).slice(0, 120)} -> ${JSON.stringify(err)}`);
  if (pattern) assert.match(err.message, pattern);
  return err;
}

test('replies are capped in bytes: large reads and batches get a clean error, memory stays bounded', async () => {
  const base = rssMB(s.child.pid);
  // 100 accounts of 100 KB fit in one reply.
  const fits = await reply(body('getMultipleAccounts', [Array(100).fill(TOKEN_PROGRAM_DATA), { encoding: 'base64' }]));
  assert.equal(fits.result.value.length, 100);
  // 100 of 616 KB do not: refused before the server builds them.
  await expectCode('getMultipleAccounts', [Array(100).fill(TOKEN_2022_PROGRAM_DATA), { encoding: 'base64' }], -32600, /larger than 16 MiB/);
  await expectCode('getMultipleAccounts', [Array(101).fill(KEY)], -32602, /at most 100/);
  // The batch that took 10 GB and killed the server: 200 such requests in one body.
  const started = performance.now();
  const batch = JSON.parse(await s.raw(`[${Array.from({ length: 200 }, (_, i) => body('getMultipleAccounts', [Array(100).fill(TOKEN_PROGRAM_DATA), { encoding: 'base64' }], i)).join(',')}]`));
  assert.ok(performance.now() - started < 5000, 'the batch is answered in seconds');
  assert.equal(batch.length, 200);
  assert.ok(batch[0].result, 'the first requests are answered');
  assert.equal(batch[199].error.code, -32600, 'the rest get the too-large error');
  assert.ok(JSON.stringify(batch).length <= MAX_REPLY_BYTES + 200 * 200);
  assert.equal(await s.call('getHealth'), 'ok');
  const grown = rssMB(s.child.pid) - base;
  assert.ok(grown < 400, `the server grew ${grown} MB`);
});

test('over-long keys, signatures, blockhashes and memcmp bytes are refused before decoding', async () => {
  const long = '1'.repeat(128_000);
  const started = performance.now();
  await expectCode('getBalance', [long], -32602, /is not a base58 32-byte public key/);
  await expectCode('getAccountInfo', [`${'z'.repeat(64_000)}`], -32602);
  await expectCode('getMultipleAccounts', [[KEY, long]], -32602, /pubkeys\[1\]/);
  await expectCode('getSignatureStatuses', [[long]], -32602, /64-byte signature/);
  await expectCode('getTransaction', [long], -32602);
  await expectCode('getSignaturesForAddress', [KEY, { before: long }], -32602);
  await expectCode('isBlockhashValid', [long], -32602, /32-byte hash/);
  await expectCode('getProgramAccounts', [KEY, { filters: [{ memcmp: { offset: 0, bytes: long } }] }], -32602, /longer than 175/);
  await expectCode('getProgramAccounts', [KEY, { filters: [{ memcmp: { offset: 0, bytes: 'A'.repeat(64_000), encoding: 'base64' } }] }], -32602, /more than the 172/);
  assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
  // The message quotes a short prefix, not the whole input.
  const err = await errorOf('getBalance', [long]);
  assert.ok(err.message.length < 300, err.message);
});

test('commitment names that are JavaScript built-ins are unknown commitments', async () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    await expectCode('getSlot', [{ commitment: name }], -32602, /unknown commitment/);
    await expectCode('getEpochInfo', [{ commitment: name }], -32602, /unknown commitment/);
    await expectCode('getBalance', [KEY, { commitment: name }], -32602, /unknown commitment/);
  }
  const ws = new WebSocket(s.ready.ws);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const messages = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  ws.send(body('accountSubscribe', [KEY, { commitment: 'constructor' }], 7));
  const answer = await until(() => messages.find((m) => m.id === 7), 5000, 'accountSubscribe reply');
  ws.close();
  assert.equal(answer.error?.code, -32602, JSON.stringify(answer));
});

test('a "__proto__" key is an ordinary key, whatever the numbers in the body', async () => {
  for (const id of ['1', '1234567890123456789']) {
    const r = await reply(`{"jsonrpc":"2.0","id":${id},"__proto__":{"method":"getSlot"}}`);
    assert.equal(r.error?.code, -32600, JSON.stringify(r));
  }
});

test('deep nesting is a parse error, and internal errors never leak their text', async () => {
  const deep = `{"jsonrpc":"2.0","id":1,"method":"getSlot","params":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
  const r = await reply(deep);
  assert.equal(r.error.code, -32700, JSON.stringify(r).slice(0, 300));
  assert.doesNotMatch(JSON.stringify(r), /call stack/);
  const deepBatch = await reply(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  assert.equal(deepBatch.error.code, -32700);

  const logged = [];
  const log = { error: (msg, attrs) => logged.push({ msg, ...attrs }) };
  const d = new Dispatcher({ boom: () => { throw new TypeError('secret detail at /home/x/file.mjs'); } }, log);
  const text = await d.handleText(body('boom', []));
  assert.deepEqual(JSON.parse(text).error, { code: -32603, message: 'Internal error' });
  assert.match(logged[0].error, /secret detail/, 'the detail goes to the log');
});

test('ids are null, a string or an unsigned 64-bit integer; anything else is an invalid request', async () => {
  for (const id of ['0', '18446744073709551615', '"x"', 'null']) {
    const r = await reply(`{"jsonrpc":"2.0","id":${id},"method":"getHealth"}`);
    assert.equal(r.result, 'ok', id);
  }
  for (const id of ['-1', '1.5', '18446744073709551616', '-9223372036854775808', '1e300', 'true', '{}', '[1]']) {
    const text = await s.raw(`{"jsonrpc":"2.0","id":${id},"method":"getHealth"}`);
    const r = JSON.parse(text);
    assert.equal(r.error?.code, -32600, `${id} -> ${text}`);
    assert.equal(r.id, null, `${id} -> ${text}`);
  }
});

test('extra and malformed parameters are refused where Agave refuses them', async () => {
  for (const method of ['getIdentity', 'getGenesisHash', 'getEpochSchedule', 'getFirstAvailableBlock']) {
    await expectCode(method, [{ commitment: 'finalized' }], -32602, /expected 0 parameters/);
  }
  assert.equal(await s.call('getMinimumBalanceForRentExemption', [165, { commitment: 'confirmed' }]), 2039280);
  await expectCode('getMinimumBalanceForRentExemption', [165, 'x'], -32602);
  await expectCode('getMinimumBalanceForRentExemption', [165, { commitment: 'bogus' }], -32602);
  for (const end of ['abc', -1, 1.5, [3], true]) await expectCode('getBlocks', [0, end], -32602, /end slot/);
  assert.ok(Array.isArray(await s.call('getBlocks', [0, 5])));
  assert.ok(Array.isArray(await s.call('getBlocks', [0, { commitment: 'confirmed' }])));
  await expectCode('isBlockhashValid', ['not-base58-0OIl'], -32602);
  await expectCode('isBlockhashValid', ['1111'], -32602, /32-byte hash/);
  await expectCode('getFeeForMessage', ['%%%not base64%%%'], -32602, /not valid base64/);
  await expectCode('getFeeForMessage', ['A'.repeat(5000)], -32602, /more than the 1644/);
  await expectCode('getProgramAccounts', [KEY, { filters: [{ memcmp: { offset: 0, bytes: '%%%', encoding: 'base64' } }] }], -32602, /not valid base64/);
  await expectCode('getProgramAccounts', [KEY, { filters: [{ memcmp: { offset: 0, bytes: '0OIl' } }] }], -32602, /not valid base58/);
});

test('a body that is not declared JSON gets HTTP 415', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', null]) {
    const headers = type ? { 'content-type': type } : {};
    // A byte body: fetch adds no content type of its own.
    const res = await fetch(s.ready.rpc, { method: 'POST', headers, body: Buffer.from(body('getHealth', [])) });
    assert.equal(res.status, 415, String(type));
    await res.text();
  }
  const ok = await fetch(s.ready.rpc, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: body('getHealth', []) });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).result, 'ok');
});
