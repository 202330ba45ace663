// Signature checks off the main thread. A worker thread holds a LiteSVM of its own, with no user
// accounts, and simulates each sent transaction there with LiteSVM's native sigverify on: the
// same code (sanitize, ed25519 verify_strict of every signature, account-lock limits) the bank's
// own LiteSVM would run. Only a transaction that passed all of it and then stopped at its fee
// payer (AccountNotFound: the worker's LiteSVM holds no user accounts) counts as verified; the
// bank runs that one with sigverify off. Any other answer (a bad signature, a sanitize error, a
// lookup table the worker cannot see, a worker that failed) sends the transaction down the
// native path as before, so every error stays exactly what it was. The main thread pays one
// message a batch instead of about 55 µs a signature. A lone request (one sender waiting for each
// reply) is checked on the main thread as before: its round trip to the worker would cost the
// main thread more (two more wake-ups a request) than the check; the worker takes over while
// requests overlap (two in one turn of the event loop, or one arriving while others wait).
import { Worker } from 'node:worker_threads';
import { convertTxError } from './errors.mjs';

// LiteSVM's fieldless errors are numbers (a TypeScript const enum): AccountNotFound's, as errors.mjs reads them.
// After requests last overlapped, the worker keeps checking for this long.
const OVERLAP_MS = 1000;

const ACCOUNT_NOT_FOUND = Array.from({ length: 64 }, (_, i) => i).find((i) => convertTxError(i).json === 'AccountNotFound');

// The worker's side: batches of length-prefixed wire transactions in, one verdict byte each out.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
// Messages wait in the port until the listener below is attached.
import(workerData.svmModule).then(({ litesvm, featureSetOf }) => {
const svm = new litesvm.LiteSvm();
// The bank's own feature set: sanitize and signature rules must be the bank's exactly.
svm.setFeatureSet(featureSetOf(workerData.features));
svm.setSigverify(true);
svm.setBlockhashCheck(false);
const ACCOUNT_NOT_FOUND = workerData.accountNotFound;
parentPort.on('message', (batch) => {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  const count = view.getUint32(0, true);
  const verdicts = new Uint8Array(count);
  let at = 4;
  for (let i = 0; i < count; i++) {
    const len = view.getUint16(at, true);
    const wire = batch.subarray(at + 2, at + 2 + len);
    at += 2 + len;
    try {
      const result = svm.simulateVersionedTransaction(wire);
      verdicts[i] = result instanceof litesvm.FailedTransactionMetadata && result.err() === ACCOUNT_NOT_FOUND ? 1 : 0;
    } catch {
      verdicts[i] = 0;
    }
  }
  parentPort.postMessage(verdicts, [verdicts.buffer]);
});
});
`;

export class SignatureVerifier {
  /**
   * @param {object} p
   * @param {'all'|'default'} p.features the bank's feature set (the sanitize and lock limits follow it)
   * @param {object} p.log
   */
  constructor({ features, log }) {
    this.log = log;
    this.queue = []; // {wire, resolve} waiting for the next batch
    this.inFlight = []; // batches sent, oldest first: each a list of resolvers
    this.turnScheduled = false; // a setImmediate that ends this turn's count (and sends its batch)
    this.turnRequests = 0; // requests seen in this turn of the event loop
    this.overlapUntil = 0; // performance.now() until which the worker checks
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { features, accountNotFound: ACCOUNT_NOT_FOUND, svmModule: new URL('./svm.mjs', import.meta.url).href },
    });
    this.worker.unref();
    this.worker.on('message', (verdicts) => {
      const resolvers = this.inFlight.shift();
      for (let i = 0; i < resolvers.length; i++) resolvers[i](verdicts[i] === 1);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`signature worker exited with code ${code}`)));
  }

  /**
   * A promise of the worker's verdict: true when the transaction's signatures were verified off
   * the main thread (run it with sigverify off), false when the bank must check them itself.
   * Verdicts come back in call order. Null when the bank should check them itself now (a lone
   * request, or no worker).
   * @param {Uint8Array} wire
   * @returns {Promise<boolean>|null}
   */
  verify(wire) {
    if (this.worker === null) return null;
    const now = performance.now();
    if (++this.turnRequests > 1 || this.queue.length > 0 || this.inFlight.length > 0) this.overlapUntil = now + OVERLAP_MS;
    if (!this.turnScheduled) {
      this.turnScheduled = true;
      // After this turn's other requests are read: they go in the same batch.
      setImmediate(() => this.flush());
    }
    if (now >= this.overlapUntil) return null;
    return new Promise((resolve) => this.queue.push({ wire, resolve }));
  }

  flush() {
    this.turnScheduled = false;
    this.turnRequests = 0;
    if (this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];
    if (this.worker === null) {
      for (const item of items) item.resolve(false);
      return;
    }
    let size = 4;
    for (const item of items) size += 2 + item.wire.length;
    const batch = new Uint8Array(size);
    const view = new DataView(batch.buffer);
    view.setUint32(0, items.length, true);
    let at = 4;
    for (const item of items) {
      view.setUint16(at, item.wire.length, true);
      batch.set(item.wire, at + 2);
      at += 2 + item.wire.length;
    }
    this.inFlight.push(items.map((item) => item.resolve));
    this.worker.postMessage(batch, [batch.buffer]);
  }

  /** A failed worker: everything waiting, and everything after, takes the native path. */
  fail(err) {
    if (this.worker === null) return;
    this.log.error('signature worker failed: signatures are checked on the main thread from now on', { error: err?.stack ?? String(err) });
    this.worker = null;
    for (const resolvers of this.inFlight) for (const resolve of resolvers) resolve(false);
    this.inFlight = [];
  }

  async close() {
    const worker = this.worker;
    this.worker = null;
    for (const resolvers of this.inFlight) for (const resolve of resolvers) resolve(false);
    this.inFlight = [];
    if (worker) await worker.terminate();
  }
}
