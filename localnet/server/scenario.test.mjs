import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from './scenario.mjs';
import { tempDir } from './testing.mjs';
import { createSvm } from './svm.mjs';
import { Keypair, decodePubkey, encodeBase58 } from './keys.mjs';

// LiteSVM ships SPL Memo as a real SBPF v0 ELF: a program we can deploy through the loader.
function memoElf() {
  const account = createSvm('default').getAccount(decodePubkey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr'));
  const path = join(tempDir('deploy-check-'), 'memo.so');
  writeFileSync(path, account.data());
  return path;
}

test('deploys through the upgradeable loader and invokes the program', async () => {
  const program = Keypair.generate();
  const result = await runScenario({
    features: 'default',
    programs: [{ so: memoElf(), keypair: encodeBase58(program.secretKey) }],
    transactions: [
      { instructions: [{ programId: program.address, accounts: [], data: Buffer.from('hi there').toString('base64') }] },
      { instructions: [{ programId: program.address, accounts: [], data: Buffer.from([0xff]).toString('base64') }], computeUnitLimit: 30000 },
    ],
    read: [program.address],
  });
  assert.equal(result.deploy.length, 1);
  assert.deepEqual({ ...result.deploy[0], transactions: undefined }, { id: program.address, ok: true, error: null, logs: [], transactions: undefined });
  assert.ok(result.deploy[0].transactions >= 4, 'buffer, at least one write and the deploy');
  const [good, bad] = result.results;
  assert.equal(good.ok, true);
  assert.ok(good.logs.includes('Program log: hi there'), good.logs.join('\n'));
  assert.ok(good.computeUnits > 0);
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.err, { InstructionError: [1, 'ProgramFailedToComplete'] });
  assert.match(bad.logs.at(-1), /invalid utf-8/);
  const account = result.accounts[program.address];
  assert.equal(account.owner, 'BPFLoaderUpgradeab1e11111111111111111111111');
  assert.equal(account.executable, true);
});

test('all-enabled features refuse an SBPF v0 ELF at deploy time, reported not thrown', async () => {
  const result = await runScenario({ features: 'all', programs: [{ so: memoElf() }] });
  assert.equal(result.deploy[0].ok, false);
  assert.match(result.deploy[0].error, /DeployWithMaxDataLen/);
  assert.ok(result.deploy[0].logs.some((l) => l.includes('sbpf_version')), result.deploy[0].logs.join('\n'));
});
