// JSON-RPC 2.0 request handling: parse (64-bit safe), validate, dispatch, and shape replies.
// Handlers take (params array) and return a result or throw RpcError.
import { parseJson, stringifyJson, JsonParseError, RawJson } from '../jsonbig.mjs';
import { RpcError, PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, INTERNAL_ERROR } from '../rpcerror.mjs';

const MAX_BATCH = 1024;

export class Dispatcher {
  /** @param {Record<string, (params: any[]) => any>} methods */
  constructor(methods, log) {
    this.methods = methods;
    this.log = log;
  }

  /** @returns {Promise<string|null>} the reply text, or null when nothing is owed (notifications only) */
  async handleText(text) {
    let request;
    try {
      request = parseJson(text);
    } catch (err) {
      if (!(err instanceof JsonParseError)) throw err;
      return stringifyJson(errorReply(null, new RpcError(PARSE_ERROR, 'Parse error', err.message)));
    }
    if (Array.isArray(request)) {
      if (request.length === 0 || request.length > MAX_BATCH) {
        return stringifyJson(errorReply(null, new RpcError(INVALID_REQUEST, `Invalid request: a batch needs 1 to ${MAX_BATCH} requests`)));
      }
      const replies = [];
      for (const r of request) {
        const reply = await this.handleOne(r);
        if (reply) replies.push(reply);
      }
      return replies.length ? stringifyJson(replies) : null;
    }
    const reply = await this.handleOne(request);
    return reply ? stringifyJson(reply) : null;
  }

  async handleOne(request) {
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      return errorReply(null, new RpcError(INVALID_REQUEST, 'Invalid request: each request must be a JSON object'));
    }
    const hasId = Object.hasOwn(request, 'id');
    const id = hasId ? request.id : null;
    if (request.jsonrpc !== '2.0' || typeof request.method !== 'string' || !validId(id)) {
      return errorReply(validId(id) ? id : null, new RpcError(INVALID_REQUEST, 'Invalid request: need "jsonrpc": "2.0", a string "method" and a number, string or null "id"'));
    }
    const reply = await this.call(request.method, request.params);
    if (!hasId) return null; // a notification: JSON-RPC owes no reply
    return reply.error ? errorReply(id, reply.error) : { jsonrpc: '2.0', result: reply.result, id };
  }

  /** @returns {Promise<{result?: any, error?: RpcError}>} */
  async call(method, params) {
    const handler = Object.hasOwn(this.methods, method) ? this.methods[method] : null;
    if (!handler) return { error: new RpcError(METHOD_NOT_FOUND, 'Method not found') };
    if (params !== undefined && params !== null && !Array.isArray(params)) {
      return { error: new RpcError(INVALID_PARAMS, 'Invalid params: params must be an array of positional parameters') };
    }
    try {
      return { result: await handler(params ?? []) };
    } catch (err) {
      if (err instanceof RpcError) return { error: err };
      this.log.error('rpc method failed', { method, error: err.stack ?? String(err) });
      return { error: new RpcError(INTERNAL_ERROR, `Internal error: ${err.message}`) };
    }
  }
}

function validId(id) {
  return id === null || typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint' || id instanceof RawJson;
}

export function errorReply(id, err) {
  const error = { code: err.code, message: err.message };
  if (err.data !== undefined) error.data = err.data;
  return { jsonrpc: '2.0', error, id };
}
