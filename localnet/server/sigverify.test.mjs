// Signatures checked off the main thread (sigverify.mjs): a verified transaction runs with
// LiteSVM's sigverify off, anything else takes the native path with its errors unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureVerifier } from './sigverify.mjs';
import { Keypair } from './keys.mjs';
import { bankUnderTest } from './testing.mjs';

const SOL = 1_000_000_000n;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function setup() {
  const verifier = new SignatureVerifier({ features: 'all', log: silent });
  return { ...bankUnderTest({ verifier }), verifier };
}

const wireOf = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));

test('a lone request is left to the main thread; overlapping ones go to the worker in one batch, verdicts in order', async (t) => {
  const { verifier, transferTx, forge } = setup();
  t.after(() => verifier.close());
  const to = Keypair.generate();
  let posted = 0;
  const post = verifier.worker.postMessage.bind(verifier.worker);
  verifier.worker.postMessage = (...args) => {
    posted += 1;
    return post(...args);
  };
  assert.equal(verifier.verify(wireOf(transferTx(to, { lamports: 1n }))), null, 'alone in its turn: checked natively');
  const txs = [transferTx(to, { lamports: 2n }), forge(transferTx(to, { lamports: 3n })), transferTx(to, { lamports: 4n }), forge(transferTx(to, { lamports: 5n })), transferTx(to, { lamports: 6n })];
  assert.deepEqual(await Promise.all(txs.map((tx) => verifier.verify(wireOf(tx)))), [true, false, true, false, true]);
  assert.equal(posted, 1, 'one message for the batch');
  // Requests overlapped a moment ago: a request alone in its turn goes to the worker too.
  assert.equal(await verifier.verify(wireOf(transferTx(to, { lamports: 7n }))), true);
  assert.equal(posted, 2);
});

test('a verified send runs once with sigverify off; a forged one gets the native check and its error', async (t) => {
  const { bank, calls, rpc, verifier, payer, lamports, transferTx, forge } = setup();
  t.after(() => verifier.close());
  const to = Keypair.generate();
  const before = lamports(payer);
  const send = (tx, config = {}) => rpc.sendTransaction([tx, { encoding: 'base64', ...config }], {});
  // Two sends in one turn: the first is checked natively, the second by the worker.
  const [, sig] = await Promise.all([send(transferTx(Keypair.generate())), send(transferTx(to))]);
  assert.deepEqual(
    calls,
    [
      { name: 'simulateVersionedTransaction', sigverify: true },
      { name: 'simulateVersionedTransaction', sigverify: false },
    ],
    'each simulated once, the second with its signatures checked by the worker',
  );
  assert.equal(lamports(to), SOL);
  assert.equal(before - lamports(payer), 2n * SOL + 10000n);
  assert.equal(bank.store.get(sig).err, null);

  // A forged signature second in its turn goes to the worker, which sends it back to the native check.
  const other = Keypair.generate();
  calls.length = 0;
  const [, forgedPreflight] = await Promise.allSettled([send(transferTx(Keypair.generate())), send(forge(transferTx(other)))]);
  assert.equal(forgedPreflight.status, 'rejected');
  assert.equal(forgedPreflight.reason.code, -32003);
  assert.equal(forgedPreflight.reason.message, 'Transaction signature verification failure');
  assert.deepEqual(calls.at(-1), { name: 'simulateVersionedTransaction', sigverify: true }, 'the native check decides');

  calls.length = 0;
  const paid = lamports(payer);
  const [, forged] = await Promise.all([send(transferTx(Keypair.generate())), send(forge(transferTx(other)), { skipPreflight: true })]);
  assert.deepEqual(calls.at(-1), { name: 'sendVersionedTransaction', sigverify: true });
  assert.equal(bank.store.get(forged), null, 'not recorded');
  assert.equal(lamports(other), 0n);
  assert.equal(paid - lamports(payer), SOL + 5000n, 'no fee for the forged one');
});

test('a closed verifier leaves every check to the native path', async () => {
  const { calls, rpc, verifier, lamports, transferTx } = setup();
  await verifier.close();
  assert.equal(verifier.verify(wireOf(transferTx(Keypair.generate()))), null);
  const to = Keypair.generate();
  await rpc.sendTransaction([transferTx(to), { encoding: 'base64' }], {});
  assert.deepEqual(calls, [{ name: 'simulateVersionedTransaction', sigverify: true }]);
  assert.equal(lamports(to), SOL);
});
