import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, legacyTx, until, tempDir } from './testing.mjs';
import { Keypair, decodePubkey } from './keys.mjs';
import { createSvm } from './svm.mjs';

// LiteSVM ships SPL Memo as an SBPF v0 ELF, deployable under the default feature set.
function fixtures() {
  const dir = tempDir('localnet-ledger-');
  const so = join(dir, 'memo.so');
  writeFileSync(so, createSvm('default').getAccount(decodePubkey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr')).data());
  const program = Keypair.generate();
  const keypairPath = join(dir, 'memo-keypair.json');
  writeFileSync(keypairPath, JSON.stringify([...program.secretKey]));
  const authority = Keypair.generate();
  const authorityPath = join(dir, 'authority.json');
  writeFileSync(authorityPath, JSON.stringify([...authority.secretKey]));
  return { dir, so, program, keypairPath, authority, authorityPath, ledger: join(dir, 'ledger') };
}

async function memo(s, program, text) {
  const payer = Keypair.generate();
  const airdrop = await s.call('requestAirdrop', [payer.address, 1_000_000_000]);
  await until(async () => (await s.call('getSignatureStatuses', [[airdrop]])).value[0]);
  const { value } = await s.call('getLatestBlockhash', [{ commitment: 'processed' }]);
  const tx = legacyTx({ payer, blockhash: value.blockhash, instructions: [{ programId: program.publicKey, accounts: [], data: Buffer.from(text) }] });
  return s.call('sendTransaction', [tx, { encoding: 'base64' }]);
}

test('genesis deploys --program through the upgradeable loader; the ledger survives a restart; --reset wipes it', async () => {
  const f = fixtures();
  const args = ['--slot-ms', '50', '--finalize-depth', '2', '--features', 'default', '--ledger', f.ledger, '--program', `${f.so}:${f.keypairPath}`, '--upgrade-authority', f.authorityPath];
  const first = await startServer(args);
  assert.deepEqual(first.ready.programs, [{ id: f.program.address, so: f.so }]);
  const programData = await first.call('getAccountInfo', [f.program.address, { encoding: 'base64' }]);
  assert.equal(programData.value.owner, 'BPFLoaderUpgradeab1e11111111111111111111111');
  assert.equal(programData.value.executable, true);
  const sig = await memo(first, f.program, 'persist me');
  await until(async () => (await first.call('getSignatureStatuses', [[sig]])).value[0]?.confirmationStatus === 'finalized', 15000, 'finalized');
  const slotBefore = await first.call('getSlot', [{ commitment: 'processed' }]);
  assert.deepEqual(await first.stop('SIGTERM'), { code: 0, signal: null });

  const second = await startServer(args);
  assert.equal(second.ready.genesisHash, first.ready.genesisHash);
  assert.ok(second.ready.slot >= slotBefore, 'slots continue from the ledger');
  const tx = await second.call('getTransaction', [sig, { commitment: 'confirmed' }]);
  assert.ok(tx.meta.logMessages.includes('Program log: persist me'), tx.meta.logMessages.join('\n'));
  const again = await memo(second, f.program, 'still deployed');
  await until(async () => (await second.call('getSignatureStatuses', [[again]])).value[0], 15000, 'memo after restart');
  assert.equal((await second.call('getSignatureStatuses', [[again]])).value[0].err, null);
  second.child.stdin.end(); // without --exit-on-stdin-close this must not stop it
  assert.equal(await second.call('getHealth'), 'ok');
  await second.stop('SIGINT');

  const third = await startServer([...args, '--reset', '--exit-on-stdin-close']);
  assert.notEqual(third.ready.genesisHash, first.ready.genesisHash);
  assert.equal(await third.call('getTransaction', [sig, { commitment: 'confirmed' }]), null);
  third.child.stdin.end();
  assert.deepEqual(await third.exited, { code: 0, signal: null });
});

test('a program that fails to deploy stops start-up with the loader logs', async () => {
  const f = fixtures();
  const err = await startServer(['--features', 'all', '--program', `${f.so}:${f.keypairPath}`]).catch((e) => e);
  assert.match(err.message, /DeployWithMaxDataLen/);
  assert.match(err.message, /sbpf_version/);
});
