// JSON-RPC errors with Solana's codes; thrown anywhere below the RPC layer, answered as-is.
export class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
export const SEND_TRANSACTION_PREFLIGHT_FAILURE = -32002;
export const TRANSACTION_SIGNATURE_VERIFICATION_FAILURE = -32003;
export const BLOCK_NOT_AVAILABLE = -32004;
export const LONG_TERM_STORAGE_SLOT_SKIPPED = -32009;
export const UNSUPPORTED_TRANSACTION_VERSION = -32015;
export const MIN_CONTEXT_SLOT_NOT_REACHED = -32016;

export const invalidParams = (message) => new RpcError(INVALID_PARAMS, message);

/** A user's value for an error message: strings quoted and cut short, anything else by its type. */
export function quoted(value) {
  if (typeof value !== 'string') return value === null ? 'null' : `a ${Array.isArray(value) ? 'array' : typeof value}`;
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
}
