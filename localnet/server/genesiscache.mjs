// A cache of deployed genesis states (--genesis-cache DIR), for test suites that start many
// chains with the same programs: the first start deploys them through the upgradeable loader as
// always (about 600 transactions for the protocol's five programs) and keeps the resulting ledger
// under a key naming everything that shaped it; later starts restore that ledger instead of
// deploying again, each as a chain of its own (fresh genesis hash and identity, clock from now).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { restoredBank } from './genesis.mjs';
import { Keypair, encodeBase58 } from './keys.mjs';
import { Ledger } from './ledger.mjs';

// Server sources whose change changes a deployed genesis, and LiteSVM's own version (its
// snapshot format and loader): part of every key.
const SOURCES = ['genesis.mjs', 'deploy.mjs', 'instructions.mjs', 'wire.mjs', 'svm.mjs', 'bank.mjs', 'ledger.mjs', 'genesiscache.mjs', '../node_modules/litesvm/package.json'];
// Entries kept: a rebuilt program makes a new key, and the older ones are removed.
const KEEP = 4;

export class GenesisCache {
  /**
   * @param {string} dir the cache directory (created when missing)
   * @param {{features: string, authority: Keypair|null, programs: {so: string, keypairPath: string}[]}} genesis
   */
  constructor(dir, { features, authority, programs }) {
    this.dir = dir;
    const h = createHash('sha256');
    for (const file of SOURCES) h.update(readFileSync(new URL(file, import.meta.url)));
    h.update(JSON.stringify({ features, authority: authority?.address ?? null }));
    for (const { so, keypairPath } of programs) {
      h.update(Keypair.fromJsonFile(keypairPath).address);
      h.update(createHash('sha256').update(readFileSync(so)).digest());
    }
    this.key = h.digest('hex').slice(0, 32);
    this.entry = join(dir, this.key);
  }

  /** The cached genesis as a new chain's bank, or null when there is none (or it cannot be read). */
  restore({ options, log }) {
    if (!existsSync(join(this.entry, 'chain.json'))) return null;
    let loaded;
    try {
      loaded = new Ledger(this.entry).load();
    } catch (err) {
      log.warn('genesis cache entry unreadable: deploying instead', { entry: this.entry, error: err.message });
      return null;
    }
    Object.assign(loaded.chain, {
      genesisHash: encodeBase58(randomBytes(32)),
      identity: encodeBase58(Keypair.generate().secretKey),
      epochStartTimestamp: Math.floor(Date.now() / 1000),
    });
    const now = new Date();
    utimesSync(this.entry, now, now); // recently used: kept by the pruning below
    log.info('genesis restored from the cache', { entry: this.entry });
    return restoredBank({ loaded, options, log });
  }

  /** Keeps bank (just deployed, not yet started) as this key's entry; another process's entry wins. */
  save(bank, log) {
    if (existsSync(this.entry)) return;
    const tmp = join(this.dir, `.${this.key}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(this.dir, { recursive: true });
      const ledger = new Ledger(tmp);
      ledger.compact(bank.store); // every record and block the deploy made
      ledger.save(bank); // the LiteSVM snapshot and chain facts
      renameSync(tmp, this.entry);
    } catch (err) {
      if (!existsSync(this.entry)) log.warn('genesis cache: keeping the deployed genesis failed', { entry: this.entry, error: err.message });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    this.prune();
  }

  prune() {
    const entries = readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => ({ name: e.name, path: join(this.dir, e.name), mtime: statSync(join(this.dir, e.name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    // Half-written entries of a process killed while saving go once they are an hour old.
    const stale = entries.filter((e) => e.name.startsWith('.') && Date.now() - e.mtime > 3_600_000);
    for (const old of [...entries.filter((e) => !e.name.startsWith('.')).slice(KEEP), ...stale]) rmSync(old.path, { recursive: true, force: true });
  }
}
