import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, legacyTx, until } from './testing.mjs';
import { Keypair, decodePubkey } from './keys.mjs';
import * as ix from './instructions.mjs';

const TOKEN = decodePubkey('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
const u64 = (n) => new Uint8Array(new BigUint64Array([BigInt(n)]).buffer);
const w = (pubkey) => ({ pubkey, isSigner: false, isWritable: true });
const r = (pubkey) => ({ pubkey, isSigner: false, isWritable: false });
let s;

before(async () => {
  s = await startServer(['--slot-ms', '50', '--finalize-depth', '4']);
});
after(async () => {
  await s.stop();
});

async function send(payer, instructions, signers = []) {
  const { value } = await s.call('getLatestBlockhash', [{ commitment: 'processed' }]);
  const sig = await s.call('sendTransaction', [legacyTx({ payer, signers, blockhash: value.blockhash, instructions }), { encoding: 'base64' }]);
  await until(async () => ['confirmed', 'finalized'].includes((await s.call('getSignatureStatuses', [[sig]])).value[0]?.confirmationStatus), 5000, 'confirmed');
  return sig;
}

test('SPL token mint, accounts, balances and parsed views', async () => {
  const payer = Keypair.generate();
  const airdrop = await s.call('requestAirdrop', [payer.address, 10_000_000_000]);
  await until(async () => (await s.call('getSignatureStatuses', [[airdrop]])).value[0]?.confirmationStatus !== 'processed');
  const mint = Keypair.generate();
  const holder = Keypair.generate();
  const account = Keypair.generate();
  const rentMint = await s.call('getMinimumBalanceForRentExemption', [82]);
  const rentAccount = await s.call('getMinimumBalanceForRentExemption', [165]);
  await send(payer, [
    ix.createAccount({ from: payer.publicKey, to: mint.publicKey, lamports: rentMint, space: 82, owner: TOKEN }),
    { programId: TOKEN, accounts: [w(mint.publicKey)], data: Uint8Array.from([20, 6, ...payer.publicKey, 0]) },
    ix.createAccount({ from: payer.publicKey, to: account.publicKey, lamports: rentAccount, space: 165, owner: TOKEN }),
    { programId: TOKEN, accounts: [w(account.publicKey), r(mint.publicKey)], data: Uint8Array.from([18, ...holder.publicKey]) },
  ], [mint, account]);
  const sig = await send(payer, [
    { programId: TOKEN, accounts: [w(mint.publicKey), w(account.publicKey), { pubkey: payer.publicKey, isSigner: true, isWritable: false }], data: Uint8Array.from([7, ...u64(1_500_000)]) },
  ]);

  const supply = await s.call('getTokenSupply', [mint.address]);
  assert.deepEqual(supply.value, { amount: '1500000', decimals: 6, uiAmount: 1.5, uiAmountString: '1.5' });
  const bal = await s.call('getTokenAccountBalance', [account.address]);
  assert.equal(bal.value.amount, '1500000');
  const notToken = await s.call('getTokenAccountBalance', [payer.address]).catch((e) => e);
  assert.equal(notToken.code, -32602);

  const byOwner = await s.call('getTokenAccountsByOwner', [holder.address, { mint: mint.address }, { encoding: 'jsonParsed' }]);
  assert.equal(byOwner.value.length, 1);
  assert.equal(byOwner.value[0].pubkey, account.address);
  const parsed = byOwner.value[0].account.data;
  assert.equal(parsed.program, 'spl-token');
  assert.equal(parsed.parsed.type, 'account');
  assert.equal(parsed.parsed.info.owner, holder.address);
  assert.equal(parsed.parsed.info.state, 'initialized');
  assert.equal(parsed.parsed.info.tokenAmount.uiAmountString, '1.5');
  const byProgram = await s.call('getTokenAccountsByOwner', [holder.address, { programId: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA' }, { encoding: 'base64' }]);
  assert.equal(byProgram.value.length, 1);

  const mintInfo = await s.call('getAccountInfo', [mint.address, { encoding: 'jsonParsed' }]);
  assert.deepEqual(mintInfo.value.data.parsed, { info: { decimals: 6, freezeAuthority: null, isInitialized: true, mintAuthority: payer.address, supply: '1500000' }, type: 'mint' });

  const filtered = await s.call('getProgramAccounts', [
    'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
    { encoding: 'base64', filters: [{ dataSize: 165 }, { memcmp: { offset: 0, bytes: mint.address } }], dataSlice: { offset: 64, length: 8 } },
  ]);
  assert.equal(filtered.length, 1);
  assert.deepEqual(Buffer.from(filtered[0].account.data[0], 'base64'), Buffer.from(u64(1_500_000)));
  const b64filter = await s.call('getProgramAccounts', [
    'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
    { encoding: 'base64', withContext: true, filters: [{ memcmp: { offset: 32, bytes: Buffer.from(holder.publicKey).toString('base64'), encoding: 'base64' } }] },
  ]);
  assert.equal(b64filter.value.length, 1);
  assert.equal(typeof b64filter.context.slot, 'number');

  const tx = await s.call('getTransaction', [sig, { commitment: 'confirmed' }]);
  assert.equal(tx.meta.preTokenBalances.length, 1);
  assert.deepEqual(tx.meta.preTokenBalances[0].uiTokenAmount, { amount: '0', decimals: 6, uiAmount: 0, uiAmountString: '0' });
  assert.equal(tx.meta.postTokenBalances.length, 1);
  assert.deepEqual(tx.meta.postTokenBalances[0], {
    accountIndex: tx.transaction.message.accountKeys.indexOf(account.address),
    mint: mint.address,
    owner: holder.address,
    programId: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
    uiTokenAmount: { amount: '1500000', decimals: 6, uiAmount: 1.5, uiAmountString: '1.5' },
  });
});
