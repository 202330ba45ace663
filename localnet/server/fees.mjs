// Transaction fees as the bank charges them: 5000 lamports per signature (transaction signatures
// plus those verified by the signature precompiles) plus the priority fee from Compute Budget
// instructions, ceil(price in micro-lamports * compute unit limit / 1e6).
import { encodeBase58 } from './keys.mjs';

export const LAMPORTS_PER_SIGNATURE = 5000n;
const MICRO_LAMPORTS_PER_LAMPORT = 1_000_000n;
const MAX_COMPUTE_UNIT_LIMIT = 1_400_000;
const DEFAULT_INSTRUCTION_UNITS = 200_000;
const BUILTIN_INSTRUCTION_UNITS = 3_000;

const COMPUTE_BUDGET = 'ComputeBudget111111111111111111111111111111';
const SIGNATURE_PRECOMPILES = new Set([
  'Ed25519SigVerify111111111111111111111111111',
  'KeccakSecp256k11111111111111111111111111111',
  'Secp256r1SigVerify1111111111111111111111111',
]);
// Programs whose instructions get the small builtin default compute allotment.
const BUILTINS = new Set([
  '11111111111111111111111111111111',
  COMPUTE_BUDGET,
  'Vote111111111111111111111111111111111111111',
  'BPFLoader1111111111111111111111111111111111',
  'BPFLoader2111111111111111111111111111111111',
  'BPFLoaderUpgradeab1e11111111111111111111111',
  'LoaderV411111111111111111111111111111111111',
  ...SIGNATURE_PRECOMPILES,
]);

/**
 * @param {object} message a parsed message (wire.mjs)
 * @returns {{fee: bigint, signatureFee: bigint, priorityFee: bigint, computeUnitLimit: number, computeUnitPrice: bigint}}
 */
export function messageFee(message) {
  let signatures = BigInt(message.header.numRequiredSignatures);
  let price = 0n;
  let limit = null;
  let defaultLimit = 0;
  for (const ix of message.instructions) {
    const programKey = message.staticKeys[ix.programIdIndex];
    const program = programKey ? encodeBase58(programKey) : '';
    if (SIGNATURE_PRECOMPILES.has(program) && ix.data.length > 0) signatures += BigInt(ix.data[0]);
    if (program === COMPUTE_BUDGET) {
      const v = new DataView(ix.data.buffer, ix.data.byteOffset, ix.data.byteLength);
      if (ix.data[0] === 2 && ix.data.length === 5) limit = v.getUint32(1, true);
      if (ix.data[0] === 3 && ix.data.length === 9) price = v.getBigUint64(1, true);
    }
    defaultLimit += BUILTINS.has(program) ? BUILTIN_INSTRUCTION_UNITS : DEFAULT_INSTRUCTION_UNITS;
  }
  const computeUnitLimit = Math.min(limit ?? defaultLimit, MAX_COMPUTE_UNIT_LIMIT);
  const priorityFee = (price * BigInt(computeUnitLimit) + MICRO_LAMPORTS_PER_LAMPORT - 1n) / MICRO_LAMPORTS_PER_LAMPORT;
  const signatureFee = signatures * LAMPORTS_PER_SIGNATURE;
  return { fee: signatureFee + priorityFee, signatureFee, priorityFee, computeUnitLimit, computeUnitPrice: price };
}
