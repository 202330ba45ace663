// Signatures checked off the main thread (sigverify.mjs): a verified transaction runs with
// LiteSVM's sigverify off, anything else takes the native path with its errors unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshBank } from './genesis.mjs';
import { transactionMethods } from './rpc/transactions.mjs';
import { SignatureVerifier } from './sigverify.mjs';
import { Keypair } from './keys.mjs';
import { legacyTx } from './testing.mjs';
import * as ix from './instructions.mjs';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const SOL = 1_000_000_000n;

function setup() {
  const bank = freshBank({ features: 'all', options: { slotMs: 400, confirmDepth: 1, finalizeDepth: 32, maxTransactions: 1000 }, log: silent });
  const calls = [];
  for (const name of ['simulateVersionedTransaction', 'sendVersionedTransaction']) {
    const original = bank.svm[name].bind(bank.svm);
    bank.svm[name] = (bytes) => {
      calls.push({ name, sigverify: bank.svm.getSigverify() });
      return original(bytes);
    };
  }
  const verifier = new SignatureVerifier({ features: 'all', log: silent });
  const rpc = transactionMethods(bank, verifier);
  const payer = Keypair.generate();
  rpc.requestAirdrop([payer.address, 10n * SOL], {});
  calls.length = 0;
  const lamports = (kp) => bank.getAccount(kp.publicKey)?.lamports ?? 0n;
  const transferTx = (to, lamportsSent = SOL) =>
    legacyTx({ payer, blockhash: bank.latestBlockhashText(), instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: lamportsSent })] });
  const forge = (tx) => {
    const bytes = Buffer.from(tx, 'base64');
    bytes[5] ^= 0xff;
    return bytes.toString('base64');
  };
  return { bank, calls, rpc, verifier, payer, lamports, transferTx, forge };
}

const wireOf = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));

test('verdicts come back in order, one batch for the requests of one turn', async (t) => {
  const { verifier, transferTx, forge } = setup();
  t.after(() => verifier.close());
  const to = Keypair.generate();
  const txs = [transferTx(to, 1n), forge(transferTx(to, 2n)), transferTx(to, 3n), forge(transferTx(to, 4n)), transferTx(to, 5n)];
  let posted = 0;
  const post = verifier.worker.postMessage.bind(verifier.worker);
  verifier.worker.postMessage = (...args) => {
    posted += 1;
    return post(...args);
  };
  assert.deepEqual(await Promise.all(txs.map((tx) => verifier.verify(wireOf(tx)))), [true, false, true, false, true]);
  assert.equal(posted, 1, 'one message for the batch');
});

test('a verified send runs once with sigverify off; a forged one gets the native check and its error', async (t) => {
  const { bank, calls, rpc, verifier, payer, lamports, transferTx, forge } = setup();
  t.after(() => verifier.close());
  const to = Keypair.generate();
  const before = lamports(payer);
  const sig = await rpc.sendTransaction([transferTx(to), { encoding: 'base64' }], {});
  assert.deepEqual(calls, [{ name: 'simulateVersionedTransaction', sigverify: false }], 'simulated once, signatures checked by the worker');
  assert.equal(lamports(to), SOL);
  assert.equal(before - lamports(payer), SOL + 5000n);
  assert.equal(bank.store.get(sig).err, null);

  calls.length = 0;
  const other = Keypair.generate();
  await assert.rejects(rpc.sendTransaction([forge(transferTx(other)), { encoding: 'base64' }], {}), (err) => err.code === -32003 && err.message === 'Transaction signature verification failure');
  assert.deepEqual(calls, [{ name: 'simulateVersionedTransaction', sigverify: true }], 'the native check decides');

  calls.length = 0;
  const paid = lamports(payer);
  const forged = await rpc.sendTransaction([forge(transferTx(other)), { encoding: 'base64', skipPreflight: true }], {});
  assert.deepEqual(calls, [{ name: 'sendVersionedTransaction', sigverify: true }]);
  assert.equal(bank.store.get(forged), null, 'not recorded');
  assert.equal(lamports(other), 0n);
  assert.equal(lamports(payer), paid, 'no fee');
});

test('a closed verifier leaves every check to the native path', async () => {
  const { calls, rpc, verifier, lamports, transferTx } = setup();
  await verifier.close();
  assert.equal(await verifier.verify(wireOf(transferTx(Keypair.generate()))), false);
  const to = Keypair.generate();
  await rpc.sendTransaction([transferTx(to), { encoding: 'base64' }], {});
  assert.deepEqual(calls, [{ name: 'simulateVersionedTransaction', sigverify: true }]);
  assert.equal(lamports(to), SOL);
});
