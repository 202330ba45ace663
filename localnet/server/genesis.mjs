// Building the bank: a fresh chain (faucet, identity, programs deployed through the real
// upgradeable loader) or one restored from a ledger.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Bank } from './bank.mjs';
import { deployProgram } from './deploy.mjs';
import { Keypair, decodeBase58, encodeBase58 } from './keys.mjs';
import { Store } from './store.mjs';
import { createSvm, litesvm, LAMPORTS_PER_SOL } from './svm.mjs';
import { SYSTEM_PROGRAM } from './instructions.mjs';
import { parseTransaction } from './wire.mjs';

// 500 million SOL, as solana-test-validator's faucet holds.
const FAUCET_LAMPORTS = 500_000_000n * LAMPORTS_PER_SOL;
const GENESIS_SLOT = 0;

export function freshBank({ features, options, log }) {
  const svm = createSvm(features);
  const faucet = Keypair.generate();
  svm.setAccount(faucet.publicKey, new litesvm.Account(FAUCET_LAMPORTS, new Uint8Array(0), SYSTEM_PROGRAM, false, 0n));
  const chain = {
    features,
    genesisHash: encodeBase58(randomBytes(32)),
    identity: encodeBase58(Keypair.generate().secretKey),
    faucet: encodeBase58(faucet.secretKey),
    genesisSlot: GENESIS_SLOT,
    slot: GENESIS_SLOT,
    epochStartTimestamp: Math.floor(Date.now() / 1000),
    transactionCount: 0,
    programs: [],
    blockhashes: [],
  };
  const bank = new Bank({ svm, chain, store: new Store(options.maxTransactions), options, log });
  bank.openSlot(GENESIS_SLOT, svm.latestBlockhash());
  return bank;
}

export function restoredBank({ loaded, options, log }) {
  const store = new Store(options.maxTransactions);
  for (const block of loaded.blocks) store.addBlock(block, { persist: false });
  for (const record of loaded.transactions) store.addTransaction(record, { persist: false });
  return new Bank({ svm: loaded.svm, chain: loaded.chain, store, options, log });
}

/**
 * Deploys each program whose account does not exist yet; each is {so, keypairPath}.
 * @returns {Promise<{id: string, so: string}[]>}
 * @throws when a deploy fails (the message carries the loader's logs)
 */
export async function deployPrograms(bank, programs, authority, log) {
  const chain = {
    blockhash: () => decodeBase58(bank.latestBlockhashText()),
    rentExempt: (len) => bank.rentExempt(len),
    send: (wire) => {
      const { included, record, error } = bank.execute(parseTransaction(wire), wire);
      return { ok: included && error === null, error: error?.message ?? null, logs: record?.logs ?? [] };
    },
  };
  const deployed = [];
  let any = false;
  for (const { so, keypairPath } of programs) {
    const program = Keypair.fromJsonFile(keypairPath);
    deployed.push({ id: program.address, so });
    if (bank.getAccount(program.publicKey)) continue;
    let elf;
    try {
      elf = new Uint8Array(readFileSync(so));
    } catch (err) {
      throw new Error(`reading program ${so}: ${err.message}`);
    }
    const started = performance.now();
    const result = await deployProgram(chain, { elf, program, authority: authority ?? bank.faucet, payer: bank.faucet });
    if (!result.ok) throw new Error(`deploying ${so} as ${program.address} failed: ${result.error}\n${result.logs.join('\n')}`);
    log.info('program deployed', { id: program.address, so, bytes: elf.length, transactions: result.transactions, ms: Math.round(performance.now() - started) });
    any = true;
  }
  // A deployed program is invocable from the next slot on (the loader's visibility delay).
  if (any) bank.advanceSlot();
  bank.programs = deployed;
  return deployed;
}
