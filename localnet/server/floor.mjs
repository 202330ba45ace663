// The throughput floor of sendTransaction over Node's HTTP server: a JSON-RPC server that does
// nothing but what any server must (read the body, take the transaction's first signature from
// its base64, answer it in base58), so that a benchmark against it measures the HTTP layer, the
// client and the machine, not the bank. Go's BenchmarkSendFloor drives it like BenchmarkTransfers.
// Usage: node server/floor.mjs (prints {"rpc": url} once listening on a free port).
import http from 'node:http';
import { encodeBase58 } from './keys.mjs';

const TX_FIELD = '"params":["';
const ID = /"id":\s*("[^"\\]*"|\d+|null)/;
const KEEP_ALIVE_MS = 120_000;

const server = http.createServer((req, res) => {
  let first = null;
  let more = null;
  req.on('data', (chunk) => {
    if (first === null) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  req.on('end', () => {
    const text = (more !== null ? Buffer.concat(more) : first ?? Buffer.alloc(0)).toString('utf8');
    const id = ID.exec(text)?.[1] ?? 'null';
    const txAt = text.indexOf(TX_FIELD);
    let body;
    if (txAt < 0) {
      body = `{"jsonrpc":"2.0","result":null,"id":${id}}`;
    } else {
      const start = txAt + TX_FIELD.length;
      const tx = Buffer.from(text.slice(start, text.indexOf('"', start)), 'base64');
      body = `{"jsonrpc":"2.0","result":"${encodeBase58(tx.subarray(1, 65))}","id":${id}}`;
    }
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(200, ['content-type', 'application/json', 'content-length', String(bytes.length)]).end(bytes);
  });
});
server.keepAliveTimeout = KEEP_ALIVE_MS;
server.headersTimeout = KEEP_ALIVE_MS + 5_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ rpc: `http://127.0.0.1:${server.address().port}` })}\n`);
});
