// The HTTP side of JSON-RPC: POST bodies to the dispatcher, GET /health for load balancers.
import http from 'node:http';

const MAX_BODY_BYTES = 1 << 20;
// As Agave: a JSON-RPC body must say it is JSON (parameters such as charset allowed).
const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

// Idle keep-alive connections stay open longer than clients keep them (Go's http.Transport: 90 s).
// With Node's default of 5 s the server closes a connection a client is about to reuse, and a
// POST sent into that close fails with "connection reset by peer" (Go retries no POST).
const KEEP_ALIVE_MS = 120_000;

export function createHttpServer(dispatcher, log) {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'POST' }).end('use POST with a JSON-RPC body\n');
      return;
    }
    if (!JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) {
      res.writeHead(415, { 'content-type': 'text/plain', connection: 'close' }).end('Supported content types are: application/json\n');
      req.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        if (res.headersSent) return;
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(`{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request: body larger than ${MAX_BODY_BYTES} bytes"},"id":null}`);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', async () => {
      if (res.writableEnded) return;
      try {
        const parts = (await dispatcher.handleTextParts(Buffer.concat(chunks).toString('utf8'))) ?? [];
        // Written piece by piece: a large batch reply is never copied into one string or buffer.
        const length = parts.reduce((n, part) => n + Buffer.byteLength(part), 0);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
        for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
        res.end(parts.at(-1)); // one write for the usual one-part reply
      } catch (err) {
        log.error('http request failed', { error: err.stack ?? String(err) });
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null}');
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000; // must exceed keepAliveTimeout
  return server;
}
