#!/usr/bin/env node
// Throughput of the local chain in one run (`cd localnet && npm run bench`): signed SOL transfers
// through LiteSVM alone, through the Bank as the RPC drives it (preflight, records, websocket
// bookkeeping), and over JSON-RPC from 1 and 8 senders at 400 ms and 10 ms slots, each RPC run
// polled until every transfer is confirmed. Reports transfers a second (wall clock), each as a
// share of LiteSVM's rate, the RPC runs' client CPU a send (its senders are lean: a keep-alive
// connection each, transfers signed from a template), and the server's CPU time per transfer
// (from /proc: on a loaded machine the wall-clock rates understate what the server can do).
// BENCH_N sets the count.
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freshBank } from './genesis.mjs';
import { transactionMethods } from './rpc/transactions.mjs';
import { PubSub } from './ws.mjs';
import { Keypair, decodeBase58 } from './keys.mjs';
import { createSvm, litesvm, LAMPORTS_PER_SOL } from './svm.mjs';
import { compileLegacyMessage, parseMessage, signTransaction } from './wire.mjs';
import { transfer, SYSTEM_PROGRAM } from './instructions.mjs';

const N = Number(process.env.BENCH_N ?? 4000);
const MAIN = fileURLToPath(new URL('./main.mjs', import.meta.url));
const silent = { debug() {}, info() {}, warn() {}, error: (msg, a) => console.error(msg, a) };

/** N transfers from `senders` payers to one recipient, signed ahead (in-process runs time execution only). */
function transfers(senders, to, blockhash) {
  return Array.from({ length: N }, (_, i) => {
    const payer = senders[i % senders.length];
    const { messageBytes, signerKeys } = compileLegacyMessage({
      payer: payer.publicKey,
      recentBlockhash: blockhash,
      instructions: [transfer({ from: payer.publicKey, to: to.publicKey, lamports: BigInt(i + 1) })],
    });
    return signTransaction(messageBytes, signerKeys, [payer]);
  });
}

const keys = (n) => Array.from({ length: n }, () => Keypair.generate());
const rate = (count, ms) => Math.round(count / (ms / 1000));

function liteSvm(sigverify) {
  const svm = createSvm('all');
  svm.setSigverify(sigverify);
  svm.setBlockhashCheck(false);
  const payers = keys(8);
  const to = Keypair.generate();
  for (const k of [...payers, to]) svm.setAccount(k.publicKey, new litesvm.Account(1000n * LAMPORTS_PER_SOL, new Uint8Array(0), SYSTEM_PROGRAM, false, 0n));
  const txs = transfers(payers, to, decodeBase58(svm.latestBlockhash()));
  const started = performance.now();
  for (const wire of txs) svm.sendVersionedTransaction(wire);
  return rate(N, performance.now() - started);
}

function bank() {
  const b = freshBank({ features: 'all', options: { slotMs: 400, confirmDepth: 1, finalizeDepth: 32, maxTransactions: 100_000 }, log: silent });
  new PubSub(b, silent);
  const rpc = transactionMethods(b);
  const payers = keys(8);
  const to = Keypair.generate();
  for (const k of [...payers, to]) rpc.requestAirdrop([k.address, 1000n * LAMPORTS_PER_SOL], {});
  const txs = transfers(payers, to, decodeBase58(b.latestBlockhashText())).map((w) => Buffer.from(w).toString('base64'));
  const started = performance.now();
  for (const tx of txs) rpc.sendTransaction([tx, { encoding: 'base64' }], {});
  return rate(N, performance.now() - started);
}

/** A process's user and system CPU time in ms, from /proc (10 ms ticks). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 };
}

/**
 * One keep-alive HTTP/1.1 connection, one request at a time, replies read by their
 * Content-Length: the lean client the RPC runs send with (as the Go benchmark's senders).
 */
function rawConnection(url) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let waiting = null;
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0 || waiting === null) return;
    const head = buffered.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
    if (!head.startsWith('HTTP/1.1 200 ') || !Number.isInteger(length)) {
      waiting.reject(new Error(`unexpected reply: ${head}`));
      return;
    }
    if (buffered.length < end + 4 + length) return;
    const body = buffered.toString('utf8', end + 4, end + 4 + length);
    buffered = buffered.subarray(end + 4 + length);
    const w = waiting;
    waiting = null;
    w.resolve(body);
  });
  socket.on('error', (err) => waiting?.reject(err));
  const prefix = `POST / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: `;
  return {
    post: (body) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(`${prefix}${body.length}\r\n\r\n${body}`, 'latin1');
      }),
    close: () => socket.destroy(),
  };
}

/** A transfer from payer to `to`, built once: each send patches the amount and blockhash, then signs. */
function transferTemplate(payer, to) {
  const { messageBytes } = compileLegacyMessage({
    payer: payer.publicKey,
    recentBlockhash: new Uint8Array(32),
    instructions: [transfer({ from: payer.publicKey, to: to.publicKey, lamports: 1n })],
  });
  const message = Buffer.from(messageBytes);
  const blockhashAt = parseMessage(messageBytes).blockhashOffset;
  const wire = Buffer.alloc(1 + 64 + message.length);
  wire[0] = 1;
  return (lamports, blockhash) => {
    message.set(blockhash, blockhashAt);
    message.writeBigUInt64LE(lamports, message.length - 8);
    wire.set(payer.sign(message), 1);
    message.copy(wire, 65);
    return wire.toString('base64');
  };
}

async function overRpc(senders, slotMs, port) {
  // BENCH_CPU_PROF=DIR writes each server's CPU profile there (node --cpu-prof), for a flame graph.
  // BENCH_NODE_FLAGS (space-separated) are given to each server's node, e.g. V8's GC flags.
  const flags = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : [];
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...flags, ...prof, MAIN, '--port', String(port), '--slot-ms', String(slotMs), '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const ready = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: senders + 1 });
    let id = 0;
    const call = (method, params) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params });
        const req = http.request(ready.rpc, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const reply = JSON.parse(Buffer.concat(chunks).toString());
            if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
            else resolve(reply.result);
          });
        });
        req.on('error', reject);
        req.end(body);
      });
    const confirmed = async (signatures) => {
      let pending = signatures;
      while (pending.length) {
        const still = [];
        for (let i = 0; i < pending.length; i += 256) {
          const chunk = pending.slice(i, i + 256);
          const { value } = await call('getSignatureStatuses', [chunk, { searchTransactionHistory: true }]);
          value.forEach((st, j) => {
            if (st?.err) throw new Error(`transfer ${chunk[j]} failed`);
            if (!st || st.confirmationStatus === 'processed') still.push(chunk[j]);
          });
        }
        pending = still;
        if (pending.length) await new Promise((r) => setTimeout(r, 10));
      }
    };
    const payers = keys(senders);
    const to = Keypair.generate();
    await confirmed(await Promise.all([...payers, to].map((k) => call('requestAirdrop', [k.address, 1000 * 1e9]))));
    // Signed as sent, on a blockhash refreshed every 100 ms: at 10 ms slots one lives 1.5 s.
    let blockhash = decodeBase58((await call('getLatestBlockhash', [{ commitment: 'processed' }])).value.blockhash);
    const refresh = setInterval(async () => {
      blockhash = decodeBase58((await call('getLatestBlockhash', [{ commitment: 'processed' }])).value.blockhash);
    }, 100);
    // Made ahead, as a load generator does: a connection and a transfer template a sender.
    const conns = payers.map(() => rawConnection(ready.rpc));
    const templates = payers.map((payer) => transferTemplate(payer, to));
    const cpu0 = cpuMs(child.pid);
    const client0 = process.cpuUsage();
    const started = performance.now();
    const signatures = new Array(N);
    let next = 0;
    await Promise.all(
      Array.from({ length: senders }, async (_, s) => {
        for (let i = next++; i < N; i = next++) {
          const wire = templates[s](BigInt(i + 1), blockhash);
          const reply = JSON.parse(await conns[s].post(`{"jsonrpc":"2.0","id":${i},"method":"sendTransaction","params":["${wire}",{"encoding":"base64"}]}`));
          if (reply.error) throw new Error(`sendTransaction: ${reply.error.message}`);
          signatures[i] = reply.result;
        }
      }),
    );
    clearInterval(refresh);
    for (const c of conns) c.close();
    const cpu1 = cpuMs(child.pid); // sending, not polling
    const client = process.cpuUsage(client0);
    const perSend = (ms) => Math.round((1000 * ms) / N);
    const serverUs = { user: perSend(cpu1.user - cpu0.user), sys: perSend(cpu1.sys - cpu0.sys) };
    const clientUs = Math.round((client.user + client.system) / N);
    await confirmed(signatures);
    const ms = performance.now() - started;
    agent.destroy();
    return { rate: rate(N, ms), serverUs, clientUs };
  } finally {
    child.kill('SIGTERM');
  }
}

const rows = [];
const base = liteSvm(false);
rows.push(['LiteSVM alone, sigverify off', base]);
rows.push(['LiteSVM alone, native sigverify', liteSvm(true)]);
rows.push(['Bank in-process (preflight, records)', bank()]);
/** A port whose successor is free too (the websocket listens on port + 1). */
async function freePortPair() {
  const listen = (port) =>
    new Promise((resolve) => {
      const server = net.createServer().once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const got = server.address().port;
        server.close(() => resolve(got));
      });
    });
  for (;;) {
    const port = await listen(0);
    if (port < 65535 && (await listen(port + 1)) !== null) return port;
  }
}

// BENCH_ONLY=rpc skips the in-process rows; BENCH_SLOTS and BENCH_SENDERS (comma lists) pick the RPC runs.
const list = (name, fallback) => (process.env[name] ? process.env[name].split(',').map(Number) : fallback);
for (const slotMs of list('BENCH_SLOTS', [400, 10])) {
  for (const senders of list('BENCH_SENDERS', [1, 8])) {
    const r = await overRpc(senders, slotMs, await freePortPair());
    rows.push([`JSON-RPC, ${senders} sender${senders > 1 ? 's' : ''}, ${slotMs} ms slots`, r.rate, `server CPU ${r.serverUs.user + r.serverUs.sys} us a send: user ${r.serverUs.user}, sys ${r.serverUs.sys}; client ${r.clientUs} us`]);
  }
}
console.log(`${N} signed SOL transfers each`);
for (const [what, r, note] of rows) {
  console.log(`${what.padEnd(40)} ${String(r).padStart(7)}/s  ${((100 * r) / base).toFixed(1).padStart(5)}% of LiteSVM${note ? `  (${note})` : ''}`);
}
