// The deploy harness's logic: a fresh LiteSVM, programs deployed through the upgradeable loader,
// accounts set, transactions run one by one, accounts read back.
import { readFileSync } from 'node:fs';
import { deployProgram } from './deploy.mjs';
import { Keypair, decodePubkey, decodeBase58, encodeBase58 } from './keys.mjs';
import { readOutcome } from './outcome.mjs';
import { createSvm, litesvm, LAMPORTS_PER_SOL } from './svm.mjs';
import * as ix from './instructions.mjs';
import { compileLegacyMessage, signTransaction, parseTransaction } from './wire.mjs';

const PAYER_FUNDS = 1_000_000n * LAMPORTS_PER_SOL;

/** Runs a scenario (see localnet/deploy-check.mjs) and returns the result document. */
export async function runScenario(scenario) {
  const features = scenario.features ?? 'all';
  const svm = createSvm(features);
  svm.setBlockhashCheck(true);
  const payer = Keypair.generate();
  svm.airdrop(payer.publicKey, PAYER_FUNDS);
  const chain = {
    blockhash: () => decodeBase58(svm.latestBlockhash()),
    rentExempt: (len) => svm.minimumBalanceForRentExemption(BigInt(len)),
    send: (wire) => {
      parseTransaction(wire); // never hand the native addon bytes it cannot decode
      return readOutcome(svm.sendVersionedTransaction(wire));
    },
  };

  for (const [i, a] of (scenario.accounts ?? []).entries()) setAccount(svm, a, `accounts[${i}]`);

  const deploy = [];
  for (const [i, p] of (scenario.programs ?? []).entries()) {
    if (typeof p.so !== 'string') throw new Error(`programs[${i}].so must be the path of a .so file`);
    const elf = new Uint8Array(readFileSync(p.so));
    const program = p.keypair ? Keypair.fromBase58(p.keypair) : Keypair.generate();
    const { id, ok, error, logs, transactions } = await deployProgram(chain, { elf, program, authority: payer, payer });
    deploy.push({ id, ok, error, logs, transactions });
  }
  // A deployed program becomes invocable from the next slot on (the loader's visibility delay).
  nextSlot(svm);

  const results = [];
  for (const [i, t] of (scenario.transactions ?? []).entries()) {
    results.push(runTransaction(svm, chain, payer, t, `transactions[${i}]`));
    nextSlot(svm);
  }

  const accounts = {};
  for (const address of scenario.read ?? []) {
    const account = svm.getAccount(decodePubkey(address, 'read entry'));
    accounts[address] = account && {
      lamports: Number(account.lamports()),
      owner: encodeBase58(account.owner()),
      data: Buffer.from(account.data()).toString('base64'),
      executable: account.executable(),
    };
  }
  return { features, payer: payer.address, deploy, results, accounts };
}

function nextSlot(svm) {
  svm.warpToSlot(svm.getClock().slot + 1n);
  svm.expireBlockhash();
}

function setAccount(svm, a, where) {
  const data = Buffer.from(a.data ?? '', 'base64');
  svm.setAccount(
    decodePubkey(a.pubkey, `${where}.pubkey`),
    new litesvm.Account(BigInt(a.lamports ?? 0), data, decodePubkey(a.owner ?? encodeBase58(ix.SYSTEM_PROGRAM), `${where}.owner`), Boolean(a.executable), 0n),
  );
}

function runTransaction(svm, chain, payer, t, where) {
  try {
    const signers = (t.signers ?? []).map((s) => Keypair.fromBase58(s));
    const instructions = (t.instructions ?? []).map((i, n) => ({
      programId: decodePubkey(i.programId, `${where}.instructions[${n}].programId`),
      accounts: (i.accounts ?? []).map((m, k) => ({
        pubkey: decodePubkey(m.pubkey, `${where}.instructions[${n}].accounts[${k}].pubkey`),
        isSigner: Boolean(m.isSigner),
        isWritable: Boolean(m.isWritable),
      })),
      data: Buffer.from(i.data ?? '', 'base64'),
    }));
    if (t.computeUnitLimit) instructions.unshift(ix.setComputeUnitLimit(t.computeUnitLimit));
    const { messageBytes, signerKeys } = compileLegacyMessage({ payer: payer.publicKey, recentBlockhash: chain.blockhash(), instructions });
    const o = chain.send(signTransaction(messageBytes, signerKeys, [payer, ...signers]));
    return {
      ok: o.ok,
      error: o.error,
      err: o.err,
      logs: o.logs,
      computeUnits: o.computeUnits,
      returnData: o.returnData ? Buffer.from(o.returnData.data).toString('base64') : null,
    };
  } catch (err) {
    return { ok: false, error: `${where}: ${err.message}`, err: null, logs: [], computeUnits: 0, returnData: null };
  }
}
