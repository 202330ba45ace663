// JSON-RPC 2.0 request handling: parse (64-bit safe), validate, dispatch, and shape replies.
// Handlers take (params array, {budget}) and return a result or throw RpcError. Each reply of a
// batch stays a piece of its own (written one after another, never joined into one string), and
// all are counted against one byte budget, so no request makes the server build more than
// MAX_REPLY_BYTES.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parseJson, stringifyJson, JsonParseError, RawJson } from '../jsonbig.mjs';
import { RpcError, PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, INTERNAL_ERROR } from '../rpcerror.mjs';
import { ReplyBudget, tooLarge, MAX_REPLY_BYTES } from './budget.mjs';

export const MAX_BATCH = 1024;
const U64_MAX = 0xffffffffffffffffn;
// A batch gives other connections a turn after this many milliseconds of work.
const BATCH_SLICE_MS = 20;

export class Dispatcher {
  /** @param {Record<string, (params: any[], ctx: {budget: ReplyBudget}) => any>} methods */
  constructor(methods, log) {
    this.methods = methods;
    this.log = log;
  }

  /** @returns {Promise<string|null>} the reply text, or null when nothing is owed (notifications only) */
  async handleText(text) {
    const parts = await this.handleTextParts(text);
    return parts && parts.join('');
  }

  /**
   * The reply as pieces to be written one after the other (a batch is not joined into one string),
   * or null when nothing is owed. A single request whose method answers at once is answered in
   * the same turn (no promise): the hot methods (sendTransaction, getSignatureStatuses) take
   * that path; a batch, or a method that waits, gives a promise.
   * @returns {string[]|null|Promise<string[]|null>}
   */
  handleTextParts(text) {
    let request;
    try {
      request = parseJson(text);
    } catch (err) {
      if (!(err instanceof JsonParseError)) throw err;
      return [stringifyJson(errorReply(null, new RpcError(PARSE_ERROR, 'Parse error', err.message)))];
    }
    if (!Array.isArray(request)) {
      const reply = this.handleOne(request, new ReplyBudget());
      if (reply instanceof Promise) return reply.then((r) => (r === null ? null : [this.fit(r, MAX_REPLY_BYTES)]));
      return reply === null ? null : [this.fit(reply, MAX_REPLY_BYTES)];
    }
    if (request.length === 0 || request.length > MAX_BATCH) {
      return [stringifyJson(errorReply(null, new RpcError(INVALID_REQUEST, `Invalid request: a batch needs 1 to ${MAX_BATCH} requests`)))];
    }
    return this.handleBatch(request);
  }

  async handleBatch(request) {
    const parts = [];
    let left = MAX_REPLY_BYTES;
    let sliceStart = performance.now();
    for (const r of request) {
      if (performance.now() - sliceStart > BATCH_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
      const budget = new ReplyBudget(left);
      const reply = left > 0 ? await this.handleOne(r, budget) : this.refused(r, tooLarge());
      // What a request tried to take stays taken, even when it was refused for it: a batch that
      // asks for too much is not read in full again by each of its remaining requests.
      const tried = left - budget.left;
      if (reply === null) {
        left -= tried;
        continue;
      }
      const text = this.fit(reply, left);
      left -= Math.max(tried, text.length + 1);
      parts.push(parts.length ? ',' : '[', text);
    }
    if (!parts.length) return null;
    parts.push(']');
    return parts;
  }

  /** The reply's text, or a too-large error in its place when the text exceeds `left` bytes. */
  fit(reply, left) {
    const text = stringifyJson(reply);
    if (text.length <= left) return text;
    return stringifyJson(errorReply(reply.id ?? null, tooLarge()));
  }

  /** The error reply for a request that is not run; null for a notification. */
  refused(request, err) {
    if (request === null || typeof request !== 'object' || Array.isArray(request)) return errorReply(null, err);
    if (!Object.hasOwn(request, 'id')) return null;
    return errorReply(validId(request.id) ? request.id : null, err);
  }

  /** The reply object, null for a notification, or a promise of either when the method waits. */
  handleOne(request, budget) {
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      return errorReply(null, new RpcError(INVALID_REQUEST, 'Invalid request: each request must be a JSON object'));
    }
    const hasId = Object.hasOwn(request, 'id');
    const id = hasId ? request.id : null;
    if (!validId(id)) {
      return errorReply(null, new RpcError(INVALID_REQUEST, 'Invalid request: "id" must be null, a string, or an integer from 0 to 18446744073709551615'));
    }
    if (request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
      return errorReply(id, new RpcError(INVALID_REQUEST, 'Invalid request: need "jsonrpc": "2.0" and a string "method"'));
    }
    const shape = (reply) => {
      if (!hasId) return null; // a notification: JSON-RPC owes no reply
      return reply.error ? errorReply(id, reply.error) : { jsonrpc: '2.0', result: reply.result, id };
    };
    const reply = this.call(request.method, request.params, budget);
    return reply instanceof Promise ? reply.then(shape) : shape(reply);
  }

  /** @returns {{result?: any, error?: RpcError} | Promise<{result?: any, error?: RpcError}>} */
  call(method, params, budget = new ReplyBudget()) {
    const handler = Object.hasOwn(this.methods, method) ? this.methods[method] : null;
    if (!handler) return { error: new RpcError(METHOD_NOT_FOUND, 'Method not found') };
    if (params !== undefined && params !== null && !Array.isArray(params)) {
      return { error: new RpcError(INVALID_PARAMS, 'Invalid params: params must be an array of positional parameters') };
    }
    let result;
    try {
      result = handler(params ?? [], { budget });
    } catch (err) {
      return this.failure(method, err);
    }
    if (result instanceof Promise) return result.then((r) => ({ result: r }), (err) => this.failure(method, err));
    return { result };
  }

  failure(method, err) {
    if (err instanceof RpcError) return { error: err };
    // The exception's text is for the log: a reply says only that the server failed.
    this.log.error('rpc method failed', { method, error: err?.stack ?? String(err) });
    return { error: new RpcError(INTERNAL_ERROR, 'Internal error') };
  }
}

/** JSON-RPC ids as Agave takes them: null, a string, or an unsigned 64-bit integer. */
export function validId(id) {
  if (id === null || typeof id === 'string') return true;
  if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 0;
  if (typeof id === 'bigint') return id >= 0n && id <= U64_MAX;
  if (id instanceof RawJson) return /^(0|[1-9]\d*)$/.test(id.text) && BigInt(id.text) <= U64_MAX;
  return false;
}

export function errorReply(id, err) {
  const error = { code: err.code, message: err.message };
  if (err.data !== undefined) error.data = err.data;
  return { jsonrpc: '2.0', error, id };
}
