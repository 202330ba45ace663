// Solana transaction wire format (legacy and v0): a strict parser and a legacy-message builder.
// The parser must reject everything Agave's bincode decoder rejects: LiteSVM's native addon
// aborts the whole process on bytes it cannot decode.

export const PACKET_DATA_SIZE = 1232;
const VERSION_PREFIX = 0x80;

export class WireError extends Error {}

/** Decodes a compact-u16 at offset; same rules as solana-short-vec (no aliases, at most 3 bytes). */
export function decodeShortVec(bytes, offset) {
  let value = 0;
  for (let n = 0; n < 3; n++) {
    if (offset + n >= bytes.length) throw new WireError('truncated length prefix');
    const byte = bytes[offset + n];
    if (byte === 0 && n > 0) throw new WireError('length prefix has a redundant zero byte');
    if (n === 2 && byte > 0x03) throw new WireError('length prefix overflows 16 bits');
    value |= (byte & 0x7f) << (7 * n);
    if ((byte & 0x80) === 0) return [value, n + 1];
  }
  throw new WireError('length prefix longer than 3 bytes');
}

export function encodeShortVec(value) {
  const out = [];
  let rest = value;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    if (rest === 0) {
      out.push(low);
      return out;
    }
    out.push(low | 0x80);
  }
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.offset = 0;
  }
  length(what) {
    const [value, size] = decodeShortVec(this.bytes, this.offset);
    this.offset += size;
    if (value > this.bytes.length - this.offset) throw new WireError(`${what} count ${value} runs past the end of the transaction`);
    return value;
  }
  take(n, what) {
    if (this.offset + n > this.bytes.length) throw new WireError(`transaction ends inside ${what}`);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  u8(what) {
    return this.take(1, what)[0];
  }
}

/**
 * Parses transaction wire bytes.
 * @returns {{signatures: Uint8Array[], message: object, messageBytes: Uint8Array}}
 */
export function parseTransaction(bytes) {
  if (bytes.length > PACKET_DATA_SIZE) {
    throw new WireError(`transaction is ${bytes.length} bytes, more than the ${PACKET_DATA_SIZE}-byte packet limit`);
  }
  const r = new Reader(bytes);
  const signatureCount = r.length('signature');
  const signatures = [];
  for (let i = 0; i < signatureCount; i++) signatures.push(r.take(64, 'a signature'));
  const messageStart = r.offset;
  const message = parseMessageFrom(r);
  if (r.offset !== bytes.length) throw new WireError(`transaction has ${bytes.length - r.offset} trailing bytes after the message`);
  return { signatures, message, messageBytes: bytes.subarray(messageStart) };
}

/** Parses bare message bytes (as getFeeForMessage receives them). */
export function parseMessage(bytes) {
  const r = new Reader(bytes);
  const message = parseMessageFrom(r);
  if (r.offset !== bytes.length) throw new WireError(`message has ${bytes.length - r.offset} trailing bytes`);
  return message;
}

function parseMessageFrom(r) {
  const start = r.offset;
  let version = 'legacy';
  const first = r.u8('the message header');
  let numRequiredSignatures = first;
  if (first & VERSION_PREFIX) {
    version = first & 0x7f;
    if (version !== 0) throw new WireError(`unsupported transaction version ${version}`);
    numRequiredSignatures = r.u8('the message header');
  }
  const header = {
    numRequiredSignatures,
    numReadonlySigned: r.u8('the message header'),
    numReadonlyUnsigned: r.u8('the message header'),
  };
  const keyCount = r.length('account key');
  const staticKeys = [];
  for (let i = 0; i < keyCount; i++) staticKeys.push(r.take(32, 'an account key'));
  const blockhashOffset = r.offset - start; // relative to the message's first byte
  const recentBlockhash = r.take(32, 'the recent blockhash');
  const instructionCount = r.length('instruction');
  const instructions = [];
  for (let i = 0; i < instructionCount; i++) {
    const programIdIndex = r.u8('an instruction');
    const accounts = Array.from(r.take(r.length('instruction account'), 'instruction accounts'));
    const data = r.take(r.length('instruction data byte'), 'instruction data');
    instructions.push({ programIdIndex, accounts, data });
  }
  const lookups = [];
  if (version === 0) {
    const lookupCount = r.length('address table lookup');
    for (let i = 0; i < lookupCount; i++) {
      const accountKey = r.take(32, 'an address table key');
      const writableIndexes = Array.from(r.take(r.length('writable index'), 'writable indexes'));
      const readonlyIndexes = Array.from(r.take(r.length('readonly index'), 'readonly indexes'));
      lookups.push({ accountKey, writableIndexes, readonlyIndexes });
    }
  }
  return { version, header, staticKeys, recentBlockhash, blockhashOffset, instructions, lookups };
}

/** Is the account at index (in static keys followed by loaded writable then readonly keys) writable? */
export function isWritableIndex(message, index, loadedWritableCount) {
  const { header, staticKeys } = message;
  if (index < staticKeys.length) {
    if (index < header.numRequiredSignatures) return index < header.numRequiredSignatures - header.numReadonlySigned;
    return index < staticKeys.length - header.numReadonlyUnsigned;
  }
  return index - staticKeys.length < loadedWritableCount;
}

/**
 * Compiles instructions into legacy message bytes.
 * @param {{payer: Uint8Array, recentBlockhash: Uint8Array, instructions: {programId: Uint8Array,
 *   accounts: {pubkey: Uint8Array, isSigner: boolean, isWritable: boolean}[], data: Uint8Array}[]}} p
 */
export function compileLegacyMessage({ payer, recentBlockhash, instructions }) {
  const metas = new Map();
  const touch = (pubkey, isSigner, isWritable) => {
    const key = Buffer.from(pubkey).toString('hex');
    const meta = metas.get(key) ?? { pubkey, isSigner: false, isWritable: false };
    meta.isSigner ||= isSigner;
    meta.isWritable ||= isWritable;
    metas.set(key, meta);
  };
  touch(payer, true, true);
  for (const ix of instructions) {
    for (const a of ix.accounts) touch(a.pubkey, a.isSigner, a.isWritable);
    touch(ix.programId, false, false);
  }
  const all = [...metas.values()];
  const payerMeta = all.shift();
  const group = (signer, writable) => all.filter((m) => m.isSigner === signer && m.isWritable === writable);
  const ordered = [payerMeta, ...group(true, true), ...group(true, false), ...group(false, true), ...group(false, false)];
  const indexOf = new Map(ordered.map((m, i) => [Buffer.from(m.pubkey).toString('hex'), i]));
  const index = (pubkey) => indexOf.get(Buffer.from(pubkey).toString('hex'));
  const signers = ordered.filter((m) => m.isSigner);
  const out = [
    signers.length,
    signers.filter((m) => !m.isWritable).length,
    ordered.filter((m) => !m.isSigner && !m.isWritable).length,
    ...encodeShortVec(ordered.length),
  ];
  for (const m of ordered) out.push(...m.pubkey);
  out.push(...recentBlockhash, ...encodeShortVec(instructions.length));
  for (const ix of instructions) {
    out.push(index(ix.programId), ...encodeShortVec(ix.accounts.length), ...ix.accounts.map((a) => index(a.pubkey)));
    out.push(...encodeShortVec(ix.data.length), ...ix.data);
  }
  return { messageBytes: Uint8Array.from(out), signerKeys: signers.map((m) => m.pubkey) };
}

/** Signs message bytes with the keypairs matching its signer keys, in order; returns wire bytes. */
export function signTransaction(messageBytes, signerKeys, keypairs) {
  const byKey = new Map(keypairs.map((k) => [Buffer.from(k.publicKey).toString('hex'), k]));
  const out = [...encodeShortVec(signerKeys.length)];
  for (const key of signerKeys) {
    const kp = byKey.get(Buffer.from(key).toString('hex'));
    if (!kp) throw new Error(`no keypair given for required signer ${bs58.encode(key)}`);
    out.push(...kp.sign(messageBytes));
  }
  return Uint8Array.from([...out, ...messageBytes]);
}
