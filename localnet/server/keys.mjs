// Ed25519 keypairs in Solana's formats: 64-byte secret (seed || public key), base58 text, and the
// Solana CLI's JSON file (an array of 64 numbers).
import { createPrivateKey, createPublicKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import bs58 from 'bs58';

// PKCS#8 DER header for a raw Ed25519 seed: node:crypto has no "import raw seed" call.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class Keypair {
  #privateKey;

  /** @param {Uint8Array} secret 64 bytes: 32-byte seed then the 32-byte public key. */
  constructor(secret) {
    if (!(secret instanceof Uint8Array) || secret.length !== 64) {
      throw new Error(`keypair secret must be 64 bytes (seed + public key), got ${secret?.length ?? 'nothing'}`);
    }
    this.#privateKey = privateKeyFromSeed(secret.subarray(0, 32));
    this.publicKey = publicKeyOf(this.#privateKey);
    if (!Buffer.from(secret.subarray(32)).equals(Buffer.from(this.publicKey))) {
      throw new Error('keypair secret is inconsistent: its last 32 bytes are not the public key of its seed');
    }
    this.secretKey = Uint8Array.from(secret);
    this.address = bs58.encode(this.publicKey);
  }

  static generate() {
    const seed = randomBytes(32);
    const publicKey = publicKeyOf(privateKeyFromSeed(seed));
    return new Keypair(Uint8Array.from([...seed, ...publicKey]));
  }

  static fromBase58(text) {
    let bytes;
    try {
      bytes = bs58.decode(text);
    } catch (err) {
      throw new Error(`keypair is not valid base58: ${err.message}`);
    }
    return new Keypair(bytes);
  }

  /** Reads a Solana CLI keypair file: a JSON array of 64 byte values. */
  static fromJsonFile(path) {
    let values;
    try {
      values = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`reading keypair file ${path}: ${err.message}`);
    }
    if (!Array.isArray(values) || values.length !== 64 || !values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
      throw new Error(`keypair file ${path} must hold a JSON array of 64 byte values (Solana CLI format)`);
    }
    return new Keypair(Uint8Array.from(values));
  }

  /** @returns {Uint8Array} the 64-byte Ed25519 signature of message. */
  sign(message) {
    return new Uint8Array(sign(null, message, this.#privateKey));
  }
}

function privateKeyFromSeed(seed) {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyOf(privateKey) {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

/** Decodes a base58 public key, failing with a message that names what was wrong. */
export function decodePubkey(text, what = 'public key') {
  if (typeof text !== 'string') throw new Error(`${what} must be a base58 string`);
  let bytes;
  try {
    bytes = bs58.decode(text);
  } catch {
    throw new Error(`${what} ${JSON.stringify(text)} is not valid base58`);
  }
  if (bytes.length !== 32) throw new Error(`${what} ${JSON.stringify(text)} decodes to ${bytes.length} bytes, want 32`);
  return bytes;
}

const BASE58_ALPHABET = Buffer.from('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 'latin1');
const BASE58_5 = 58 ** 5; // < 2^29.3: a remainder times 2^16 plus a 16-bit word stays below 2^53
const encodeScratch = Buffer.alloc(256);

/**
 * Base58 (Bitcoin alphabet), as bs58.encode, about twice as fast for signatures: the number is
 * divided by 58^5 a pass over 16-bit words (exact in doubles), five digits a pass. The text is
 * one flat string: built by appending characters (as bs58 does), a signature's text is a rope of
 * 88 pieces, about 2.8 KB that every stored record keeps and every garbage collection copies.
 */
export function encodeBase58(bytes) {
  const n = bytes.length;
  let zeros = 0;
  while (zeros < n && bytes[zeros] === 0) zeros++;
  const m = (n - zeros + 1) >> 1;
  const words = new Array(m);
  for (let i = n, k = m - 1; k >= 0; i -= 2, k--) words[k] = i - 2 >= zeros ? (bytes[i - 2] << 8) | bytes[i - 1] : bytes[i - 1];
  // At most 1.3658 digits a byte, written from the end.
  const size = zeros + Math.ceil((n - zeros) * 1.3658) + 5;
  const out = size <= encodeScratch.length ? encodeScratch : Buffer.allocUnsafe(size);
  let pos = size;
  let start = 0;
  while (start < m) {
    let rem = 0;
    for (let i = start; i < m; i++) {
      const cur = rem * 65536 + words[i];
      const q = Math.floor(cur / BASE58_5);
      words[i] = q;
      rem = cur - q * BASE58_5;
    }
    while (start < m && words[start] === 0) start++;
    for (let d = 0; d < 5 && (start < m || rem !== 0); d++) {
      const q = Math.floor(rem / 58);
      out[--pos] = BASE58_ALPHABET[rem - q * 58];
      rem = q;
    }
  }
  for (let i = 0; i < zeros; i++) out[--pos] = 0x31; // '1'
  return out.latin1Slice(pos, size);
}

// Account keys recur (payers, programs, sysvars): their base58 text is remembered by their bytes
// (hex, a native and cheap key), up to KEY_CACHE_MAX keys, then the cache starts over.
const KEY_CACHE_MAX = 65_536;
let keyTexts = new Map();

/** encodeBase58 for 32-byte account keys, remembered. */
export function encodeKey58(bytes) {
  if (bytes.length !== 32) return encodeBase58(bytes);
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, 32).toString('hex');
  let text = keyTexts.get(hex);
  if (text === undefined) {
    text = encodeBase58(bytes);
    if (keyTexts.size >= KEY_CACHE_MAX) keyTexts = new Map();
    keyTexts.set(hex, text);
  }
  return text;
}
export const decodeBase58 = (text) => bs58.decode(text);
