// Persistence of the chain in a ledger directory: the LiteSVM snapshot (accounts, sysvars,
// features), chain facts (slot, blockhash queue, keys), and append-only JSON-lines logs of
// transaction records and blocks. Each file is written to a temporary name and renamed.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, stringifyJson } from './jsonbig.mjs';
import { litesvm } from './svm.mjs';

const FILES = { svm: 'svm.bin', chain: 'chain.json', transactions: 'transactions.jsonl', blocks: 'blocks.jsonl' };

export class Ledger {
  constructor(dir) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  path(name) {
    return join(this.dir, FILES[name]);
  }

  exists() {
    return existsSync(this.path('svm')) && existsSync(this.path('chain'));
  }

  /** Removes this server's files (and nothing else a user may keep in the directory). */
  reset() {
    for (const name of Object.keys(FILES)) rmSync(this.path(name), { force: true });
  }

  /** @returns {{svm, chain, transactions: object[], blocks: object[]}} */
  load() {
    let chain;
    try {
      chain = parseJson(readFileSync(this.path('chain'), 'utf8'));
    } catch (err) {
      throw new Error(`reading ledger ${this.path('chain')}: ${err.message} (start with --reset to begin a new chain)`);
    }
    let svm;
    try {
      svm = litesvm.LiteSvm.loadFromFile(this.path('svm'));
    } catch (err) {
      throw new Error(`loading the LiteSVM snapshot ${this.path('svm')}: ${err.message} (start with --reset to begin a new chain)`);
    }
    const readLines = (name) =>
      existsSync(this.path(name))
        ? readFileSync(this.path(name), 'utf8')
            .split('\n')
            .filter((line) => line.trim())
            .map((line) => parseJson(line))
            .filter((item) => item.slot <= chain.slot)
        : [];
    return { svm, chain, transactions: readLines('transactions'), blocks: readLines('blocks') };
  }

  /** Appends new records and blocks, then replaces the snapshot and chain facts. */
  save(bank) {
    const { transactions, blocks } = bank.store.takeUnsaved();
    const lines = (items) => items.map((item) => `${stringifyJson(item)}\n`).join('');
    if (transactions.length) appendFileSync(this.path('transactions'), lines(transactions));
    if (blocks.length) appendFileSync(this.path('blocks'), lines(blocks.map(({ signatures, ...block }) => block)));
    const tmp = `${this.path('svm')}.tmp`;
    bank.flushSlotHashes();
    bank.svm.saveToFile(tmp);
    renameSync(tmp, this.path('svm'));
    writeFileSync(`${this.path('chain')}.tmp`, stringifyJson(bank.toChainState()));
    renameSync(`${this.path('chain')}.tmp`, this.path('chain'));
  }

  /** Rewrites the append-only logs with only what the store still holds (bounds their growth). */
  compact(store) {
    const write = (name, items) => {
      writeFileSync(`${this.path(name)}.tmp`, items.map((item) => `${stringifyJson(item)}\n`).join(''));
      renameSync(`${this.path(name)}.tmp`, this.path(name));
    };
    write('transactions', [...store.transactions.values()]);
    write('blocks', [...store.blocks.values()].map(({ signatures, ...block }) => block));
  }
}
