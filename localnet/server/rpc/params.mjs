// Parameter checks shared by the RPC methods. Every failure is a -32602 naming the bad parameter.
import { invalidParams, quoted, RpcError, MIN_CONTEXT_SLOT_NOT_REACHED } from '../rpcerror.mjs';
import { decodeBase58 } from '../keys.mjs';

// A Map, not an object literal: a user's "constructor" or "__proto__" must not find a built-in.
const COMMITMENTS = new Map([
  ['processed', 'processed'],
  ['confirmed', 'confirmed'],
  ['finalized', 'finalized'],
  // Deprecated names Agave still accepts.
  ['recent', 'processed'],
  ['single', 'confirmed'],
  ['singleGossip', 'confirmed'],
  ['root', 'finalized'],
  ['max', 'finalized'],
]);

// Longest base58 text of 32 and 64 bytes. Checked before decoding: base58 decoding is quadratic
// in the text's length, and a 128,000-character "key" would stall the server for seconds.
export const MAX_BASE58_32 = 44;
export const MAX_BASE58_64 = 88;

export function positional(params, min, max, usage) {
  if (params.length < min || params.length > max) {
    throw invalidParams(`Invalid params: expected ${min === max ? min : `${min} to ${max}`} parameters (${usage}), got ${params.length}`);
  }
}

/** Decodes base58 text of exactly `size` bytes, or returns null; never decodes over-long text. */
function base58Of(value, size, maxChars) {
  if (value.length === 0 || value.length > maxChars) return null;
  try {
    const bytes = decodeBase58(value);
    return bytes.length === size ? bytes : null;
  } catch {
    return null;
  }
}

export function pubkey(value, name) {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${name} must be a base58 public key string`);
  const bytes = base58Of(value, 32, MAX_BASE58_32);
  if (!bytes) throw invalidParams(`Invalid param: ${name} ${quoted(value)} is not a base58 32-byte public key`);
  return bytes;
}

export function signature(value, name = 'signature') {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${name} must be a base58 signature string`);
  if (!base58Of(value, 64, MAX_BASE58_64)) throw invalidParams(`Invalid param: ${name} ${quoted(value)} is not a base58 64-byte signature`);
  return value;
}

/** A blockhash: base58 text of 32 bytes. Returns the text. */
export function blockhash(value, name = 'blockhash') {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${name} must be a base58 string`);
  if (!base58Of(value, 32, MAX_BASE58_32)) throw invalidParams(`Invalid param: ${name} ${quoted(value)} is not a base58 32-byte hash`);
  return value;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict, padded base64 of at most maxChars characters (Buffer.from alone skips bad characters). */
export function base64(value, name, maxChars) {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${name} must be a base64 string`);
  if (value.length > maxChars) throw invalidParams(`Invalid params: ${name} is ${value.length} characters of base64, more than the ${maxChars} allowed`);
  if (!BASE64.test(value)) throw invalidParams(`Invalid params: ${name} is not valid base64`);
  return Buffer.from(value, 'base64');
}

export function config(value, name = 'config') {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParams(`Invalid params: ${name} must be an object`);
  return value;
}

export function commitment(cfg, fallback = 'finalized') {
  if (cfg.commitment === undefined || cfg.commitment === null) return fallback;
  const level = typeof cfg.commitment === 'string' ? COMMITMENTS.get(cfg.commitment) : undefined;
  if (!level) throw invalidParams(`Invalid params: unknown commitment ${quoted(cfg.commitment)}; use processed, confirmed or finalized`);
  return level;
}

/** The slot served at this commitment, after checking minContextSlot against it. */
export function contextSlot(bank, cfg, fallback = 'finalized') {
  const slot = bank.commitmentSlot(commitment(cfg, fallback));
  if (cfg.minContextSlot !== undefined && cfg.minContextSlot !== null) {
    const min = integer(cfg.minContextSlot, 'minContextSlot');
    if (min > slot) throw new RpcError(MIN_CONTEXT_SLOT_NOT_REACHED, 'Minimum context slot has not been reached', { contextSlot: slot });
  }
  return slot;
}

export function integer(value, name, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const n = typeof value === 'bigint' ? value : Number.isInteger(value) ? BigInt(value) : null;
  if (n === null || n < BigInt(min) || n > BigInt(max)) throw invalidParams(`Invalid params: ${name} must be an integer from ${min} to ${max}`);
  return Number(n);
}

export function u64(value, name) {
  const n = typeof value === 'bigint' ? value : Number.isInteger(value) ? BigInt(value) : null;
  if (n === null || n < 0n || n > 0xffffffffffffffffn) throw invalidParams(`Invalid params: ${name} must be an unsigned 64-bit integer`);
  return n;
}

export function bool(value, name, fallback) {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidParams(`Invalid params: ${name} must be true or false`);
  return value;
}

export function oneOf(value, name, allowed, fallback) {
  if (value === undefined || value === null) return fallback;
  if (!allowed.includes(value)) {
    throw invalidParams(`Invalid params: unknown ${name} ${quoted(value)}; use one of ${allowed.join(', ')}`);
  }
  return value;
}

export const context = (slot) => ({ slot, apiVersion: API_VERSION });
export const API_VERSION = '3.0.0';
