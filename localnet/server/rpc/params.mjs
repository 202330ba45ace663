// Parameter checks shared by the RPC methods. Every failure is a -32602 naming the bad parameter.
import { invalidParams, RpcError, MIN_CONTEXT_SLOT_NOT_REACHED } from '../rpcerror.mjs';
import { decodeBase58 } from '../keys.mjs';

const COMMITMENTS = {
  processed: 'processed',
  confirmed: 'confirmed',
  finalized: 'finalized',
  // Deprecated names Agave still accepts.
  recent: 'processed',
  single: 'confirmed',
  singleGossip: 'confirmed',
  root: 'finalized',
  max: 'finalized',
};

export function positional(params, min, max, usage) {
  if (params.length < min || params.length > max) {
    throw invalidParams(`Invalid params: expected ${min === max ? min : `${min} to ${max}`} parameters (${usage}), got ${params.length}`);
  }
}

export function pubkey(value, name) {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${name} must be a base58 public key string`);
  let bytes;
  try {
    bytes = decodeBase58(value);
  } catch {
    bytes = null;
  }
  if (!bytes || bytes.length !== 32) throw invalidParams(`Invalid param: ${name} ${JSON.stringify(value)} is not a base58 32-byte public key`);
  return bytes;
}

export function signature(value, name = 'signature') {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${name} must be a base58 signature string`);
  let bytes;
  try {
    bytes = decodeBase58(value);
  } catch {
    bytes = null;
  }
  if (!bytes || bytes.length !== 64) throw invalidParams(`Invalid param: ${name} ${JSON.stringify(value)} is not a base58 64-byte signature`);
  return value;
}

export function config(value, name = 'config') {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParams(`Invalid params: ${name} must be an object`);
  return value;
}

export function commitment(cfg, fallback = 'finalized') {
  if (cfg.commitment === undefined || cfg.commitment === null) return fallback;
  const level = COMMITMENTS[cfg.commitment];
  if (!level) throw invalidParams(`Invalid params: unknown commitment ${JSON.stringify(cfg.commitment)}; use processed, confirmed or finalized`);
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
  if (!allowed.includes(value)) throw invalidParams(`Invalid params: unknown ${name} ${JSON.stringify(value)}; use one of ${allowed.join(', ')}`);
  return value;
}

export const context = (slot) => ({ slot, apiVersion: API_VERSION });
export const API_VERSION = '3.0.0';
