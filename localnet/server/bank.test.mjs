// The bank's transaction path, in-process: preflight runs the transaction once (its result is
// committed), signatures are checked by LiteSVM's native sigverify, and the errors for bad
// signatures are those the RPC has always given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keypair, decodeBase58, encodeBase58 } from './keys.mjs';
import { bankUnderTest, legacyTx } from './testing.mjs';
import * as ix from './instructions.mjs';
import { deployProgram } from './deploy.mjs';
import { createSvm } from './svm.mjs';
import { RpcError } from './rpcerror.mjs';

const SOL = 1_000_000_000n;

const setup = (features = 'all') => bankUnderTest({ features });

test('a transaction sent with preflight runs once, with the native signature check', () => {
  const { bank, calls, rpc, payer, lamports, transferTx } = setup();
  const to = Keypair.generate();
  const before = lamports(payer);
  const sig = rpc.sendTransaction([transferTx(to), { encoding: 'base64' }], {});
  assert.deepEqual(calls, [{ name: 'simulateVersionedTransaction', sigverify: true }], 'simulated once, not sent again');
  assert.equal(bank.svm.getSigverify(), false, 'sigverify is only on for the call');
  assert.equal(lamports(to), SOL);
  assert.equal(before - lamports(payer), SOL + 5000n);
  const record = bank.store.get(sig);
  assert.equal(record.err, null);
  assert.ok(record.logs.some((l) => l.includes('success')));
  assert.ok(record.computeUnits > 0);
  assert.deepEqual(record.postBalances.slice(0, 2), [lamports(payer), SOL]);
  // The committed transaction is a duplicate now.
  assert.throws(() => rpc.sendTransaction([Buffer.from(record.wire, 'base64').toString('base64'), { encoding: 'base64' }], {}), (err) => err.code === -32002 && err.data.err === 'AlreadyProcessed');
});

test('skipPreflight sends once with the native signature check; a forged signature never lands', () => {
  const { bank, calls, rpc, payer, lamports, transferTx, forge } = setup();
  const to = Keypair.generate();
  rpc.sendTransaction([transferTx(to), { encoding: 'base64', skipPreflight: true }], {});
  assert.deepEqual(calls, [{ name: 'sendVersionedTransaction', sigverify: true }]);
  assert.equal(lamports(to), SOL);
  const before = lamports(payer);
  const other = Keypair.generate();
  const sig = rpc.sendTransaction([forge(transferTx(other)), { encoding: 'base64', skipPreflight: true }], {});
  assert.equal(bank.store.get(sig), null, 'not recorded');
  assert.equal(lamports(other), 0n);
  assert.equal(lamports(payer), before, 'no fee');
});

test('bad signatures get -32003 with preflight, also with an unknown blockhash', () => {
  const { bank, rpc, payer, lamports, transferTx, forge } = setup();
  const to = Keypair.generate();
  const before = lamports(payer);
  const unknown = encodeBase58(new Uint8Array(32).fill(7));
  for (const tx of [forge(transferTx(to)), forge(transferTx(to, { blockhash: unknown }))]) {
    assert.throws(() => rpc.sendTransaction([tx, { encoding: 'base64' }], {}), (err) => err.code === -32003, 'preflight');
    assert.throws(() => rpc.simulateTransaction([tx, { encoding: 'base64', sigVerify: true }], {}), (err) => err.code === -32003, 'simulate');
  }
  // A good signature on an unknown blockhash is a blockhash error, as before.
  assert.throws(() => rpc.sendTransaction([transferTx(to, { blockhash: unknown }), { encoding: 'base64' }], {}), (err) => err.code === -32002 && err.data.err === 'BlockhashNotFound');
  assert.equal(lamports(payer), before);
  assert.equal(bank.transactionCount, 1, 'only the airdrop landed');
});

test('a failing preflight commits nothing', () => {
  const { bank, rpc, payer, lamports } = setup();
  const to = Keypair.generate();
  const before = lamports(payer);
  const tx = legacyTx({ payer, blockhash: bank.latestBlockhashText(), instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: 100n * SOL })] });
  assert.throws(() => rpc.sendTransaction([tx, { encoding: 'base64' }], {}), (err) => err.code === -32002 && Array.isArray(err.data.err.InstructionError));
  assert.equal(lamports(payer), before);
  assert.equal(lamports(to), 0n);
});

test('a program deployed through preflight-committed transactions runs', async () => {
  const { bank, calls, rpc, payer } = setup('default');
  // SPL Memo as LiteSVM ships it: an SBPF v0 ELF, deployable under the default feature set.
  const elf = createSvm('default').getAccount(decodeBase58('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr')).data();
  const program = Keypair.generate();
  const chain = {
    blockhash: () => decodeBase58(bank.latestBlockhashText()),
    rentExempt: (len) => bank.rentExempt(len),
    send: (wire) => {
      try {
        const sig = rpc.sendTransaction([Buffer.from(wire).toString('base64'), { encoding: 'base64' }], {});
        return { ok: true, error: null, logs: bank.store.get(sig).logs };
      } catch (err) {
        if (!(err instanceof RpcError)) throw err;
        return { ok: false, error: err.message, logs: err.data?.logs ?? [] };
      }
    },
  };
  const deployed = await deployProgram(chain, { elf, program, authority: payer, payer });
  assert.equal(deployed.ok, true, deployed.error);
  assert.ok(calls.every((c) => c.name === 'simulateVersionedTransaction'), 'every deploy transaction ran once, in its preflight');
  bank.advanceSlot(); // a program deployed in a slot runs from the next
  const memo = legacyTx({ payer, blockhash: bank.latestBlockhashText(), instructions: [{ programId: program.publicKey, accounts: [], data: Buffer.from('committed') }] });
  const sig = rpc.sendTransaction([memo, { encoding: 'base64' }], {});
  assert.equal(bank.store.get(sig).err, null);
  assert.ok(bank.store.get(sig).logs.some((l) => l.includes('committed')), bank.store.get(sig).logs.join('\n'));
});
