import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, legacyTx, v0Tx, until } from './testing.mjs';
import { Keypair, encodeBase58 } from './keys.mjs';
import * as ix from './instructions.mjs';

const SOL = 1_000_000_000;
let s;

before(async () => {
  s = await startServer(['--slot-ms', '50', '--finalize-depth', '4']);
});
after(async () => {
  await s.stop();
});

async function funded(lamports = 10 * SOL) {
  const kp = Keypair.generate();
  const sig = await s.call('requestAirdrop', [kp.address, lamports]);
  await confirmed(sig);
  return kp;
}

async function confirmed(signature) {
  return until(async () => {
    const { value } = await s.call('getSignatureStatuses', [[signature]]);
    return value[0] && value[0].confirmationStatus !== 'processed' ? value[0] : null;
  }, 10000, `confirmation of ${signature}`);
}

const blockhash = async () => (await s.call('getLatestBlockhash', [{ commitment: 'processed' }])).value.blockhash;
const balance = async (kp) => (await s.call('getBalance', [kp.address, { commitment: 'processed' }])).value;

test('ready line and basic cluster methods', async () => {
  assert.equal(s.ready.event, 'ready');
  assert.match(s.ready.rpc, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(s.ready.ws, `ws://127.0.0.1:${s.port + 1}`);
  assert.equal(await s.call('getHealth'), 'ok');
  assert.equal(await s.call('getGenesisHash'), s.ready.genesisHash);
  const version = await s.call('getVersion');
  assert.equal(typeof version['solana-core'], 'string');
  const processed = await s.call('getSlot', [{ commitment: 'processed' }]);
  const finalized = await s.call('getSlot');
  assert.ok(processed >= finalized);
  const info = await s.call('getEpochInfo', [{ commitment: 'processed' }]);
  assert.deepEqual(Object.keys(info).sort(), ['absoluteSlot', 'blockHeight', 'epoch', 'slotIndex', 'slotsInEpoch', 'transactionCount']);
  const rent = await s.call('getMinimumBalanceForRentExemption', [165]);
  assert.equal(rent, 2039280);
});

test('request ids and u64 fields keep full precision', async () => {
  const reply = await s.raw('{"jsonrpc":"2.0","id":18446744073709551615,"method":"getHealth"}');
  assert.equal(reply, '{"jsonrpc":"2.0","result":"ok","id":18446744073709551615}');
  const kp = await funded(SOL);
  const text = await s.raw(`{"jsonrpc":"2.0","id":9007199254740993,"method":"getAccountInfo","params":["${kp.address}",{"encoding":"base64"}]}`);
  assert.match(text, /"rentEpoch":18446744073709551615/);
  assert.match(text, /"id":9007199254740993}$/);
});

test('bad input gets JSON-RPC errors and the server keeps serving', async () => {
  const cases = [
    { body: '{not json', code: -32700 },
    { body: '[]', code: -32600 },
    { body: '{"jsonrpc":"1.0","id":1,"method":"getSlot"}', code: -32600 },
    { body: '{"jsonrpc":"2.0","id":1,"method":"noSuchMethod"}', code: -32601 },
    { body: '{"jsonrpc":"2.0","id":1,"method":"getBalance","params":["not-a-key"]}', code: -32602 },
    { body: '{"jsonrpc":"2.0","id":1,"method":"getBalance","params":{"pubkey":"x"}}', code: -32602 },
    { body: `{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["${'A'.repeat(2000)}",{"encoding":"base64"}]}`, code: -32602 },
    { body: '{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["AQID",{"encoding":"base64"}]}', code: -32602 },
    { body: '{"jsonrpc":"2.0","id":1,"method":"getTransaction","params":["1111",{"commitment":"processed"}]}', code: -32602 },
  ];
  for (const c of cases) {
    const reply = JSON.parse(await s.raw(c.body));
    assert.equal(reply.error?.code, c.code, `${c.body.slice(0, 80)} -> ${JSON.stringify(reply)}`);
    assert.ok(reply.error.message.length > 0);
  }
  assert.equal(await s.call('getHealth'), 'ok');
});

test('transfer with priority fee: fee, balances, status progression and getTransaction', async () => {
  const payer = await funded();
  const to = Keypair.generate();
  const before = await balance(payer);
  const price = 1_000_000n; // micro-lamports per CU
  const limit = 10_000;
  const tx = legacyTx({
    payer,
    blockhash: await blockhash(),
    instructions: [
      { programId: ix.COMPUTE_BUDGET_PROGRAM, accounts: [], data: Uint8Array.from([3, ...new Uint8Array(new BigUint64Array([price]).buffer)]) },
      ix.setComputeUnitLimit(limit),
      ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: SOL }),
    ],
  });
  const sig = await s.call('sendTransaction', [tx, { encoding: 'base64' }]);
  const status = await confirmed(sig);
  assert.equal(status.err, null);
  assert.deepEqual(status.status, { Ok: null });
  const expectedFee = 5000 + limit; // 1 lamport per CU at 1e6 micro-lamports
  assert.equal(before - (await balance(payer)), SOL + expectedFee);
  const got = await s.call('getTransaction', [sig, { commitment: 'confirmed', encoding: 'json' }]);
  assert.equal(got.meta.fee, expectedFee);
  assert.equal(got.meta.err, null);
  assert.equal(got.transaction.signatures[0], sig);
  assert.equal(got.transaction.message.accountKeys[0], payer.address);
  assert.equal(got.meta.preBalances[0] - got.meta.postBalances[0], SOL + expectedFee);
  assert.equal(got.meta.postBalances[1], SOL);
  assert.ok(got.meta.logMessages.some((l) => l.includes('11111111111111111111111111111111 success')));
  assert.ok(got.meta.computeUnitsConsumed > 0);
  const b64 = await s.call('getTransaction', [sig, { commitment: 'confirmed', encoding: 'base64' }]);
  assert.equal(b64.transaction[0], tx);
  const fee = await s.call('getFeeForMessage', [Buffer.from(Buffer.from(tx, 'base64').subarray(65)).toString('base64'), { commitment: 'processed' }]);
  assert.equal(fee.value, expectedFee);
  const sigs = await s.call('getSignaturesForAddress', [to.address, { commitment: 'confirmed' }]);
  assert.deepEqual(sigs.map((x) => x.signature), [sig]);
  await until(async () => (await s.call('getSignatureStatuses', [[sig]])).value[0].confirmationStatus === 'finalized', 5000, 'finalized');
  const block = await s.call('getBlock', [got.slot, { maxSupportedTransactionVersion: 0 }]);
  assert.ok(block.transactions.some((t) => t.transaction.signatures[0] === sig));
  assert.equal(typeof block.blockhash, 'string');
});

test('failing preflight changes nothing; skipPreflight lands the failure and charges the fee', async () => {
  const payer = await funded(SOL);
  const to = Keypair.generate();
  const start = await balance(payer);
  const overdraw = () => legacyTx({ payer, blockhash: latest, instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: 5 * SOL })] });
  const latest = await blockhash();
  const err = await s.call('sendTransaction', [overdraw(), { encoding: 'base64' }]).catch((e) => e);
  assert.equal(err.code, -32002);
  assert.match(err.message, /^Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1$/);
  assert.deepEqual(err.data.err, { InstructionError: [0, { Custom: 1 }] });
  assert.ok(err.data.logs.length > 0);
  assert.equal(await balance(payer), start);
  const sig = await s.call('sendTransaction', [overdraw(), { encoding: 'base64', skipPreflight: true }]);
  const status = await confirmed(sig);
  assert.deepEqual(status.err, { InstructionError: [0, { Custom: 1 }] });
  assert.equal(start - (await balance(payer)), 5000);
});

test('unknown blockhash, bad signature and duplicates are refused', async () => {
  const payer = await funded(SOL);
  const to = Keypair.generate();
  const transfer = [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: SOL / 100 })];
  const stale = legacyTx({ payer, blockhash: encodeBase58(new Uint8Array(32).fill(7)), instructions: transfer });
  const e1 = await s.call('sendTransaction', [stale, { encoding: 'base64' }]).catch((e) => e);
  assert.equal(e1.code, -32002);
  assert.equal(e1.data.err, 'BlockhashNotFound');
  const good = Buffer.from(legacyTx({ payer, blockhash: await blockhash(), instructions: transfer }), 'base64');
  const forged = Buffer.from(good);
  forged[5] ^= 0xff;
  const e2 = await s.call('sendTransaction', [forged.toString('base64'), { encoding: 'base64' }]).catch((e) => e);
  assert.equal(e2.code, -32003);
  const sig = await s.call('sendTransaction', [encodeBase58(good)]); // base58 is the default encoding
  await confirmed(sig);
  const e3 = await s.call('sendTransaction', [good.toString('base64'), { encoding: 'base64' }]).catch((e) => e);
  assert.equal(e3.code, -32002);
  assert.equal(e3.data.err, 'AlreadyProcessed');
  assert.equal((await s.call('isBlockhashValid', [encodeBase58(new Uint8Array(32).fill(7)), { commitment: 'processed' }])).value, false);
});

test('v0 transactions need maxSupportedTransactionVersion to be read back', async () => {
  const payer = await funded(SOL);
  const to = Keypair.generate();
  const tx = v0Tx({ payer, blockhash: await blockhash(), instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: SOL / 100 })] });
  const sig = await s.call('sendTransaction', [tx, { encoding: 'base64' }]);
  await confirmed(sig);
  const err = await s.call('getTransaction', [sig, { commitment: 'confirmed' }]).catch((e) => e);
  assert.equal(err.code, -32015);
  const got = await s.call('getTransaction', [sig, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 }]);
  assert.equal(got.version, 0);
  assert.deepEqual(got.transaction.message.addressTableLookups, []);
  assert.deepEqual(got.meta.loadedAddresses, { writable: [], readonly: [] });
});

test('simulateTransaction: replaceRecentBlockhash, sigVerify and post-simulation accounts', async () => {
  const payer = await funded(SOL);
  const to = Keypair.generate();
  const tx = legacyTx({ payer, blockhash: encodeBase58(new Uint8Array(32).fill(9)), instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: 7_777_777 })] });
  const plain = await s.call('simulateTransaction', [tx, { encoding: 'base64' }]);
  assert.equal(plain.value.err, 'BlockhashNotFound');
  const replaced = await s.call('simulateTransaction', [tx, { encoding: 'base64', replaceRecentBlockhash: true, accounts: { addresses: [to.address], encoding: 'base64' }, commitment: 'processed' }]);
  assert.equal(replaced.value.err, null);
  assert.equal(replaced.value.accounts[0].lamports, 7_777_777);
  assert.equal(typeof replaced.value.replacementBlockhash.blockhash, 'string');
  assert.ok(replaced.value.unitsConsumed > 0);
  assert.equal((await s.call('getBalance', [to.address, { commitment: 'processed' }])).value, 0, 'simulation commits nothing');
  const both = await s.call('simulateTransaction', [tx, { encoding: 'base64', replaceRecentBlockhash: true, sigVerify: true }]).catch((e) => e);
  assert.equal(both.code, -32602);
});

test('localnetWarp moves the clock sysvar forward at once and refuses going back', async () => {
  const clockTime = async () => {
    const { value } = await s.call('getAccountInfo', ['SysvarC1ock11111111111111111111111111111111', { encoding: 'base64', commitment: 'processed' }]);
    return Buffer.from(value.data[0], 'base64').readBigInt64LE(32);
  };
  const before = await clockTime();
  const twoWeeks = 14 * 86400;
  const warped = await s.call('localnetWarp', [{ seconds: twoWeeks }]);
  assert.ok(warped.unixTimestamp >= Number(before) + twoWeeks, `clock ${warped.unixTimestamp} is not two weeks past ${before}`);
  assert.ok((await clockTime()) >= before + BigInt(twoWeeks));
  await assert.rejects(s.call('localnetWarp', [{ seconds: 0 }]), (err) => err.code === -32602 && /seconds must be an integer from 1/.test(err.message));
  await assert.rejects(s.call('localnetWarp', [{ seconds: -5 }]), (err) => err.code === -32602);
});

test('localnetWarpSlots passes many slots at once, each a block with its slot hash', async () => {
  const before = await s.call('getSlot', [{ commitment: 'processed' }]);
  const started = Date.now();
  const warped = await s.call('localnetWarpSlots', [{ slots: 2000 }]);
  const took = Date.now() - started;
  assert.ok(warped.slot >= before + 2000, `slot ${warped.slot} is not 2000 past ${before}`);
  assert.ok(took < 2000, `2000 slots took ${took} ms`);
  const { value } = await s.call('getAccountInfo', ['SysvarS1otHashes111111111111111111111111111', { encoding: 'base64', commitment: 'processed' }]);
  const data = Buffer.from(value.data[0], 'base64');
  assert.equal(data.readBigUInt64LE(0), 512n, 'SlotHashes full');
  assert.ok(Number(data.readBigUInt64LE(8)) >= warped.slot - 1, 'the newest entry is a warped slot (or one the timer passed since)');
  assert.ok((await s.call('getBlock', [warped.slot - 1000, { transactionDetails: 'none', rewards: false }])) !== null, 'a warped slot is a block');
  for (const bad of [0, -1, 10_001, 1.5, '5']) {
    await assert.rejects(s.call('localnetWarpSlots', [{ slots: bad }]), (err) => err.code === -32602 && /slots must be an integer from 1 to 10000/.test(err.message), `slots ${bad}`);
  }
  await assert.rejects(s.call('localnetWarpSlots', []), (err) => err.code === -32602);
});
