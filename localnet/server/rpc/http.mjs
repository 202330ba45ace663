// The HTTP side of JSON-RPC: POST bodies to the dispatcher, GET /health for load balancers.
// The request path is lean: it runs once per sendTransaction, and Node's HTTP layer costs about
// as much as the bank. One listener pair per request (no per-chunk array for the usual
// one-chunk body), headers as a flat array, and a reply of one piece written with one end().
import http from 'node:http';

const MAX_BODY_BYTES = 1 << 20;
// As Agave: a JSON-RPC body must say it is JSON (parameters such as charset allowed).
const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

// Idle keep-alive connections stay open longer than clients keep them (Go's http.Transport: 90 s).
// With Node's default of 5 s the server closes a connection a client is about to reuse, and a
// POST sent into that close fails with "connection reset by peer" (Go retries no POST).
const KEEP_ALIVE_MS = 120_000;

const TOO_LARGE = `{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request: body larger than ${MAX_BODY_BYTES} bytes"},"id":null}`;
const INTERNAL = '{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null}';

export function createHttpServer(dispatcher, log) {
  /** Writes a reply given as pieces (a batch is never joined into one string or buffer). */
  const reply = (res, parts) => {
    if (parts === null || parts.length === 0) {
      res.writeHead(200, ['content-type', 'application/json', 'content-length', '0']).end();
      return;
    }
    if (parts.length === 1) {
      const body = Buffer.from(parts[0], 'utf8'); // encoded once: its length and its bytes
      res.writeHead(200, ['content-type', 'application/json', 'content-length', String(body.length)]).end(body);
      return;
    }
    let length = 0;
    for (const part of parts) length += Buffer.byteLength(part, 'utf8');
    res.writeHead(200, ['content-type', 'application/json', 'content-length', String(length)]);
    for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
    res.end(parts[parts.length - 1]);
  };

  const failed = (res, err) => {
    log.error('http request failed', { error: err?.stack ?? String(err) });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, ['content-type', 'application/json']).end(INTERNAL);
  };

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      if (req.method === 'GET' && req.url === '/health') {
        res.writeHead(200, ['content-type', 'text/plain']).end('ok');
        return;
      }
      res.writeHead(405, ['content-type', 'text/plain', 'allow', 'POST']).end('use POST with a JSON-RPC body\n');
      return;
    }
    if (!JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) {
      res.writeHead(415, ['content-type', 'text/plain', 'connection', 'close']).end('Supported content types are: application/json\n');
      req.resume();
      return;
    }
    // The usual body arrives in one chunk: it is kept as it is; more chunks are collected in a list.
    let first = null;
    let more = null;
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        if (res.headersSent) return;
        res.writeHead(413, ['content-type', 'application/json', 'connection', 'close']).end(TOO_LARGE);
        req.destroy();
        return;
      }
      if (first === null) first = chunk;
      else (more ??= [first]).push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      const body = more !== null ? Buffer.concat(more, size) : first;
      let parts;
      try {
        parts = dispatcher.handleTextParts(body === null ? '' : body.toString('utf8'));
      } catch (err) {
        failed(res, err);
        return;
      }
      if (parts instanceof Promise) parts.then((p) => reply(res, p), (err) => failed(res, err));
      else reply(res, parts);
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000; // must exceed keepAliveTimeout
  return server;
}
