// A cap on the bytes of one reply (or one batch of replies), charged while a reply is built so
// that a request for too much stops with a clean error before the server holds it in memory.
import { RpcError, INVALID_REQUEST } from '../rpcerror.mjs';

// 16 MiB: a getMultipleAccounts of 100 accounts of 120 KB each (base64) still fits, and
// building the largest reply takes a fraction of a second.
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

export class ReplyBudget {
  /** @param {number} limit bytes this reply may still take */
  constructor(limit = MAX_REPLY_BYTES) {
    this.left = limit;
  }

  /** Takes n bytes, or throws the error a too-large reply gets. */
  charge(n) {
    this.left -= n;
    if (this.left < 0) throw tooLarge();
  }
}

export function tooLarge() {
  return new RpcError(
    INVALID_REQUEST,
    `Invalid request: the reply would be larger than ${MAX_REPLY_BYTES / (1024 * 1024)} MiB; ask for fewer accounts, use a dataSlice, or split the batch`,
  );
}
