// The HTTP side of JSON-RPC: POST bodies to the dispatcher, GET /health for load balancers.
import http from 'node:http';

const MAX_BODY_BYTES = 1 << 20;

export function createHttpServer(dispatcher, log) {
  return http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'POST' }).end('use POST with a JSON-RPC body\n');
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(`{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request: body larger than ${MAX_BODY_BYTES} bytes"},"id":null}`);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', async () => {
      if (res.writableEnded) return;
      try {
        const reply = await dispatcher.handleText(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end(reply ?? '');
      } catch (err) {
        log.error('http request failed', { error: err.stack ?? String(err) });
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null}');
      }
    });
  });
}
