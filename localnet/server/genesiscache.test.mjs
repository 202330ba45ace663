import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, legacyTx, until, tempDir } from './testing.mjs';
import { Keypair, decodePubkey } from './keys.mjs';
import { createSvm } from './svm.mjs';

test('--genesis-cache: the first start deploys and keeps its genesis; the next restores it as a chain of its own', async (t) => {
  const started = [];
  const start = async (args) => {
    const s = await startServer(args);
    started.push(s);
    return s;
  };
  t.after(() => Promise.all(started.map((s) => s.stop())));
  const dir = tempDir('localnet-genesis-cache-');
  const so = join(dir, 'memo.so'); // SPL Memo as LiteSVM ships it (SBPF v0: the default feature set)
  writeFileSync(so, createSvm('default').getAccount(decodePubkey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr')).data());
  const program = Keypair.generate();
  const keypairPath = join(dir, 'memo-keypair.json');
  writeFileSync(keypairPath, JSON.stringify([...program.secretKey]));
  const cache = join(dir, 'cache');
  const args = ['--slot-ms', '50', '--features', 'default', '--log-level', 'info', '--program', `${so}:${keypairPath}`, '--genesis-cache', cache];

  const deployed = await start(args);
  assert.doesNotMatch(deployed.stderr(), /restored from the cache/);
  await deployed.stop();
  assert.equal(readdirSync(cache).length, 1, 'one entry, named by the genesis key');

  const restored = await start(args);
  assert.match(restored.stderr(), /genesis restored from the cache/);
  assert.notEqual(restored.ready.genesisHash, deployed.ready.genesisHash, 'each chain has its own genesis hash');
  assert.deepEqual(restored.ready.programs, deployed.ready.programs);
  const account = await restored.call('getAccountInfo', [program.address, { encoding: 'base64' }]);
  assert.equal(account.value.owner, 'BPFLoaderUpgradeab1e11111111111111111111111');
  assert.equal(account.value.executable, true);
  // The restored program runs.
  const payer = Keypair.generate();
  const airdrop = await restored.call('requestAirdrop', [payer.address, 1_000_000_000]);
  await until(async () => (await restored.call('getSignatureStatuses', [[airdrop]])).value[0]);
  const { value } = await restored.call('getLatestBlockhash', [{ commitment: 'processed' }]);
  const sig = await restored.call('sendTransaction', [legacyTx({ payer, blockhash: value.blockhash, instructions: [{ programId: program.publicKey, accounts: [], data: Buffer.from('from the cache') }] }), { encoding: 'base64' }]);
  await until(async () => ['confirmed', 'finalized'].includes((await restored.call('getSignatureStatuses', [[sig]])).value[0]?.confirmationStatus), 15000, 'memo confirmed on the restored chain');
  const tx = await restored.call('getTransaction', [sig, { commitment: 'confirmed' }]);
  assert.equal(tx.meta.err, null);
  assert.ok(tx.meta.logMessages.includes('Program log: from the cache'), tx.meta.logMessages.join('\n'));
  await restored.stop();

  // Another program set is another key: deployed, not restored.
  const other = Keypair.generate();
  const otherPath = join(dir, 'other-keypair.json');
  writeFileSync(otherPath, JSON.stringify([...other.secretKey]));
  const third = await start(['--slot-ms', '50', '--features', 'default', '--log-level', 'info', '--program', `${so}:${otherPath}`, '--genesis-cache', cache]);
  assert.doesNotMatch(third.stderr(), /restored from the cache/);
  await third.stop();
  assert.equal(readdirSync(cache).length, 2);
});
