// Account encodings of the RPC (UiAccount): binary/base58, base64, base64+zstd, jsonParsed.
import zlib from 'node:zlib';
import { encodeBase58 } from './keys.mjs';
import { RawJson } from './jsonbig.mjs';
import { parseTokenAccountJson } from './token.mjs';
import { RpcError, INVALID_REQUEST, invalidParams, quoted } from './rpcerror.mjs';

const MAX_BASE58_BYTES = 128;
// Node gained zstd in 22.15; on older Node base64+zstd is refused with a clear message.
const zstdCompress = zlib.zstdCompressSync;

export const ACCOUNT_ENCODINGS = ['binary', 'base58', 'base64', 'base64+zstd', 'jsonParsed'];

export function checkAccountEncoding(encoding) {
  if (!ACCOUNT_ENCODINGS.includes(encoding)) {
    throw invalidParams(`Invalid params: unknown encoding ${quoted(encoding)}; use one of ${ACCOUNT_ENCODINGS.join(', ')}`);
  }
  if (encoding === 'base64+zstd' && !zstdCompress) {
    throw invalidParams('Invalid params: base64+zstd needs Node 22.15 or newer (no zstd in this Node); use base64');
  }
}

/** Validates a dataSlice config ({offset, length}) and returns it, or null. */
export function checkDataSlice(slice) {
  if (slice === undefined || slice === null) return null;
  const ok = (n) => Number.isSafeInteger(n) && n >= 0;
  if (typeof slice !== 'object' || !ok(slice.offset) || !ok(slice.length)) {
    throw invalidParams('Invalid params: dataSlice must be {"offset": n, "length": n} with non-negative integers');
  }
  return slice;
}

/**
 * @param account bank account {lamports, owner, data, executable, rentEpoch}
 * @param {{encoding: string, dataSlice: object|null, mintDecimals: (mint: string) => number|null,
 *   budget?: import('./rpc/budget.mjs').ReplyBudget|null}} how
 */
export function uiAccount(account, { encoding, dataSlice, mintDecimals, budget = null }) {
  budget?.charge(encodedSize(account.data.length, dataSlice));
  return {
    data: encodeData(account, encoding, dataSlice, mintDecimals),
    executable: account.executable,
    lamports: account.lamports,
    owner: account.owner,
    rentEpoch: account.rentEpoch,
    space: account.data.length,
  };
}

// What one account adds to a reply, at most: base64 of its data plus the other fields.
const ACCOUNT_OVERHEAD = 200;
function encodedSize(length, dataSlice) {
  const n = dataSlice ? Math.max(0, Math.min(length - dataSlice.offset, dataSlice.length)) : length;
  return 4 * Math.ceil(n / 3) + ACCOUNT_OVERHEAD;
}

const jsonText = (base64) => new RawJson(`"${base64}"`);

function encodeData(account, encoding, dataSlice, mintDecimals) {
  if (encoding === 'jsonParsed' && !dataSlice) {
    const parsed = parseTokenAccountJson(account.owner, account.data, mintDecimals);
    if (parsed) return parsed;
  }
  const data = dataSlice ? account.data.subarray(dataSlice.offset, dataSlice.offset + dataSlice.length) : account.data;
  if (encoding === 'binary' || encoding === 'base58') {
    if (data.length > MAX_BASE58_BYTES) {
      throw new RpcError(INVALID_REQUEST, `Encoded binary (base 58) data should be less than ${MAX_BASE58_BYTES} bytes, please use Base64 encoding.`);
    }
    return encoding === 'binary' ? encodeBase58(data) : [encodeBase58(data), 'base58'];
  }
  // Base64 needs no JSON escaping: written verbatim, a large account is not scanned again.
  if (encoding === 'base64+zstd') return [jsonText(zstdCompress(data).toString('base64')), 'base64+zstd'];
  return [jsonText(Buffer.from(data.buffer, data.byteOffset, data.length).toString('base64')), 'base64'];
}
