// Test helpers: start a server process, call its RPC, build and sign transactions.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseJson, stringifyJson } from './jsonbig.mjs';
import { compileLegacyMessage, signTransaction } from './wire.mjs';
import { Keypair, decodeBase58 } from './keys.mjs';
import { freshBank } from './genesis.mjs';
import { transactionMethods } from './rpc/transactions.mjs';
import * as ix from './instructions.mjs';

const MAIN = fileURLToPath(new URL('./main.mjs', import.meta.url));
// Ports below the kernel's ephemeral range (32768 up), so no outgoing connection holds one;
// spread by pid so test files running at once start apart.
let nextPort = 20000 + (process.pid % 500) * 24;

/** Starts main.mjs with args; resolves with {ready, rpc, call, stop, stderr}. A port pair taken
 * by another process before the bind is retried on the next pair (a few times). */
export async function startServer(args = []) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn((nextPort += 2), args);
    } catch (err) {
      if (attempt >= 5 || !/EADDRINUSE/.test(err.message)) throw err;
    }
  }
}

async function startOn(port, args) {
  const child = spawn(process.execPath, [MAIN, '--port', String(port), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before ready:\n${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const raw = async (body) => {
    const res = await fetch(ready.rpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return res.text();
  };
  const call = async (method, params = []) => {
    const reply = parseJson(await raw(stringifyJson({ jsonrpc: '2.0', id: 1, method, params })));
    if (reply.error) {
      const err = new Error(`${method}: ${reply.error.message}`);
      Object.assign(err, reply.error);
      throw err;
    }
    return reply.result;
  };
  const stop = async (signal = 'SIGTERM') => {
    child.kill(signal);
    return exited;
  };
  return { ready, port, child, raw, call, stop, exited, stderr: () => stderr };
}

/** Signs a legacy transaction (payer first) and returns its base64 wire form. */
export function legacyTx({ payer, signers = [], instructions, blockhash }) {
  const { messageBytes, signerKeys } = compileLegacyMessage({ payer: payer.publicKey, recentBlockhash: decodeBase58(blockhash), instructions });
  return Buffer.from(signTransaction(messageBytes, signerKeys, [payer, ...signers])).toString('base64');
}

/** The same instructions as a v0 transaction without lookup tables. */
export function v0Tx({ payer, signers = [], instructions, blockhash }) {
  const { messageBytes, signerKeys } = compileLegacyMessage({ payer: payer.publicKey, recentBlockhash: decodeBase58(blockhash), instructions });
  const v0 = Uint8Array.from([0x80, ...messageBytes, 0]);
  return Buffer.from(signTransaction(v0, signerKeys, [payer, ...signers])).toString('base64');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value (or throws after timeoutMs). */
export async function until(fn, timeoutMs = 10000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A process's resident memory in MB, from /proc (Linux). */
export function rssMB(pid) {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Math.round(Number(m[1]) / 1024);
}

const tempDirs = [];
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under TMPDIR, removed when the test process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

const SOL = 1_000_000_000n;
const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * An in-process bank whose LiteSVM calls are logged (`calls`: each simulate or send with whether
 * sigverify was on), its transaction RPC methods (through `verifier` when one is given), a payer
 * funded with 10 SOL, and transaction helpers: `transferTx(to, {lamports, blockhash})` a signed
 * transfer, `forge(tx)` the same with a flipped signature byte.
 */
export function bankUnderTest({ features = 'all', verifier = null } = {}) {
  const bank = freshBank({ features, options: { slotMs: 400, confirmDepth: 1, finalizeDepth: 32, maxTransactions: 1000 }, log: silentLog });
  const calls = [];
  for (const name of ['simulateVersionedTransaction', 'sendVersionedTransaction']) {
    const original = bank.svm[name].bind(bank.svm);
    bank.svm[name] = (bytes) => {
      calls.push({ name, sigverify: bank.svm.getSigverify() });
      return original(bytes);
    };
  }
  const rpc = transactionMethods(bank, verifier);
  const payer = Keypair.generate();
  rpc.requestAirdrop([payer.address, 10n * SOL], {});
  calls.length = 0;
  const lamports = (kp) => bank.getAccount(kp.publicKey)?.lamports ?? 0n;
  const transferTx = (to, { lamports: sent = SOL, blockhash = bank.latestBlockhashText() } = {}) =>
    legacyTx({ payer, blockhash, instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: sent })] });
  const forge = (tx) => {
    const bytes = Buffer.from(tx, 'base64');
    bytes[5] ^= 0xff;
    return bytes.toString('base64');
  };
  return { bank, calls, rpc, payer, lamports, transferTx, forge };
}
