// Account reads: getBalance, getAccountInfo, getMultipleAccounts, getProgramAccounts.
import * as p from './params.mjs';
import { checkAccountEncoding, checkDataSlice, uiAccount } from '../encode.mjs';
import { decodeBase58 } from '../keys.mjs';
import { invalidParams } from '../rpcerror.mjs';

const MAX_MULTIPLE_ACCOUNTS = 100;
const MAX_FILTERS = 4;
// Agave's memcmp limits: 128 bytes, so at most 175 base58 or 172 base64 characters.
const MAX_MEMCMP_BYTES = 128;
const MAX_MEMCMP_BASE58 = 175;
const MAX_MEMCMP_BASE64 = 172;

/**
 * Encoding options from a config: {encoding, dataSlice, mintDecimals}. The default differs by
 * method, as in Agave: legacy base58 'binary' for getAccountInfo, base64 for getMultipleAccounts.
 * budget (a ReplyBudget) is charged for each account's encoded data before it is encoded.
 */
export function accountEncoding(bank, cfg, fallback = 'binary', budget = null) {
  const encoding = cfg.encoding ?? fallback;
  checkAccountEncoding(encoding);
  return { encoding, dataSlice: checkDataSlice(cfg.dataSlice), mintDecimals: (mint) => bank.mintDecimals(mint), budget };
}

export function accountMethods(bank) {
  return {
    getBalance: (params) => {
      p.positional(params, 1, 2, 'pubkey, [config]');
      const key = p.pubkey(params[0], 'pubkey');
      const slot = p.contextSlot(bank, p.config(params[1]));
      return { context: p.context(slot), value: bank.getAccount(key)?.lamports ?? 0 };
    },
    getAccountInfo: (params, { budget }) => {
      p.positional(params, 1, 2, 'pubkey, [config]');
      const key = p.pubkey(params[0], 'pubkey');
      const cfg = p.config(params[1]);
      const slot = p.contextSlot(bank, cfg);
      const how = accountEncoding(bank, cfg, 'binary', budget);
      const account = bank.getAccount(key);
      return { context: p.context(slot), value: account && uiAccount(account, how) };
    },
    getMultipleAccounts: (params, { budget }) => {
      p.positional(params, 1, 2, 'pubkeys, [config]');
      if (!Array.isArray(params[0]) || params[0].length > MAX_MULTIPLE_ACCOUNTS) {
        throw invalidParams(`Invalid params: pubkeys must be an array of at most ${MAX_MULTIPLE_ACCOUNTS} public keys`);
      }
      const keys = params[0].map((k, i) => p.pubkey(k, `pubkeys[${i}]`));
      const cfg = p.config(params[1]);
      const slot = p.contextSlot(bank, cfg);
      const how = accountEncoding(bank, cfg, 'base64', budget);
      return {
        context: p.context(slot),
        value: keys.map((k) => {
          const account = bank.getAccount(k);
          return account && uiAccount(account, how);
        }),
      };
    },
    getProgramAccounts: (params, { budget }) => {
      p.positional(params, 1, 2, 'program id, [config]');
      const owner = p.pubkey(params[0], 'program id');
      const cfg = p.config(params[1]);
      const slot = p.contextSlot(bank, cfg);
      const how = accountEncoding(bank, cfg, 'binary', budget);
      const matches = compileFilters(cfg.filters);
      const value = bank
        .programAccounts(owner)
        .filter(({ account }) => matches(account.data))
        .map(({ pubkey, account }) => ({ pubkey, account: uiAccount(account, how) }));
      return p.bool(cfg.withContext, 'withContext', false) ? { context: p.context(slot), value } : value;
    },
  };
}

/** Compiles RPC filters (dataSize, memcmp) into a predicate over account data. */
export function compileFilters(filters) {
  if (filters === undefined || filters === null) return () => true;
  if (!Array.isArray(filters) || filters.length > MAX_FILTERS) {
    throw invalidParams(`Invalid params: filters must be an array of at most ${MAX_FILTERS} filters`);
  }
  const tests = filters.map((f, i) => {
    if (f && typeof f === 'object' && 'dataSize' in f) {
      const size = p.integer(f.dataSize, `filters[${i}].dataSize`);
      return (data) => data.length === size;
    }
    if (f && typeof f === 'object' && f.memcmp && typeof f.memcmp === 'object') {
      const offset = p.integer(f.memcmp.offset, `filters[${i}].memcmp.offset`);
      const bytes = memcmpBytes(f.memcmp, i);
      return (data) => offset + bytes.length <= data.length && Buffer.from(data.buffer, data.byteOffset + offset, bytes.length).equals(bytes);
    }
    if (f && typeof f === 'object' && 'tokenAccountState' in f) {
      return (data) => data.length >= 165 && data[108] !== 0;
    }
    throw invalidParams(`Invalid params: filters[${i}] must be {"dataSize": n} or {"memcmp": {"offset": n, "bytes": s}}`);
  });
  return (data) => tests.every((t) => t(data));
}

function memcmpBytes(memcmp, i) {
  const name = `filters[${i}].memcmp.bytes`;
  const encoding = p.oneOf(memcmp.encoding, `filters[${i}].memcmp.encoding`, ['base58', 'base64'], 'base58');
  if (typeof memcmp.bytes !== 'string') throw invalidParams(`Invalid params: ${name} must be a string`);
  let bytes;
  if (encoding === 'base64') {
    bytes = p.base64(memcmp.bytes, name, MAX_MEMCMP_BASE64);
  } else {
    if (memcmp.bytes.length > MAX_MEMCMP_BASE58) throw invalidParams(`Invalid params: ${name} is longer than ${MAX_MEMCMP_BASE58} base58 characters`);
    try {
      bytes = Buffer.from(decodeBase58(memcmp.bytes));
    } catch {
      throw invalidParams(`Invalid params: ${name} is not valid base58`);
    }
  }
  if (bytes.length > MAX_MEMCMP_BYTES) throw invalidParams(`Invalid params: ${name} is longer than ${MAX_MEMCMP_BYTES} bytes`);
  return bytes;
}
