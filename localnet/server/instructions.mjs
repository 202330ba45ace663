// Builders for the few native instructions this server issues itself (System, BPF Loader
// Upgradeable, Compute Budget). Instruction = {programId, accounts: [{pubkey, isSigner, isWritable}], data}.
import { getProgramDerivedAddress } from '@solana/kit';
import { decodePubkey, encodeBase58 } from './keys.mjs';

export const SYSTEM_PROGRAM = decodePubkey('11111111111111111111111111111111');
export const BPF_LOADER_UPGRADEABLE = decodePubkey('BPFLoaderUpgradeab1e11111111111111111111111');
export const COMPUTE_BUDGET_PROGRAM = decodePubkey('ComputeBudget111111111111111111111111111111');
export const SYSVAR_RENT = decodePubkey('SysvarRent111111111111111111111111111111111');
export const SYSVAR_CLOCK = decodePubkey('SysvarC1ock11111111111111111111111111111111');

// Sizes of the upgradeable loader's account states (bincode of UpgradeableLoaderState).
export const BUFFER_METADATA_SIZE = 37;
export const PROGRAM_ACCOUNT_SIZE = 36;

const meta = (pubkey, isSigner, isWritable) => ({ pubkey, isSigner, isWritable });

function layout(size, fill) {
  const data = new Uint8Array(size);
  fill(new DataView(data.buffer));
  return data;
}

export function createAccount({ from, to, lamports, space, owner }) {
  const data = layout(52, (v) => {
    v.setUint32(0, 0, true);
    v.setBigUint64(4, BigInt(lamports), true);
    v.setBigUint64(12, BigInt(space), true);
  });
  data.set(owner, 20);
  return { programId: SYSTEM_PROGRAM, accounts: [meta(from, true, true), meta(to, true, true)], data };
}

export function transfer({ from, to, lamports }) {
  const data = layout(12, (v) => {
    v.setUint32(0, 2, true);
    v.setBigUint64(4, BigInt(lamports), true);
  });
  return { programId: SYSTEM_PROGRAM, accounts: [meta(from, true, true), meta(to, false, true)], data };
}

export function setComputeUnitLimit(units) {
  const data = layout(5, (v) => {
    v.setUint8(0, 2);
    v.setUint32(1, units, true);
  });
  return { programId: COMPUTE_BUDGET_PROGRAM, accounts: [], data };
}

export function initializeBuffer({ buffer, authority }) {
  return {
    programId: BPF_LOADER_UPGRADEABLE,
    accounts: [meta(buffer, false, true), meta(authority, false, false)],
    data: layout(4, (v) => v.setUint32(0, 0, true)),
  };
}

export function writeBuffer({ buffer, authority, offset, bytes }) {
  const data = layout(16 + bytes.length, (v) => {
    v.setUint32(0, 1, true);
    v.setUint32(4, offset, true);
    v.setBigUint64(8, BigInt(bytes.length), true);
  });
  data.set(bytes, 16);
  return { programId: BPF_LOADER_UPGRADEABLE, accounts: [meta(buffer, false, true), meta(authority, true, false)], data };
}

export function deployWithMaxDataLen({ payer, programData, program, buffer, authority, maxDataLen }) {
  const data = layout(12, (v) => {
    v.setUint32(0, 2, true);
    v.setBigUint64(4, BigInt(maxDataLen), true);
  });
  return {
    programId: BPF_LOADER_UPGRADEABLE,
    accounts: [
      meta(payer, true, true),
      meta(programData, false, true),
      meta(program, false, true),
      meta(buffer, false, true),
      meta(SYSVAR_RENT, false, false),
      meta(SYSVAR_CLOCK, false, false),
      meta(SYSTEM_PROGRAM, false, false),
      meta(authority, true, false),
    ],
    data,
  };
}

/** The upgradeable loader's programdata address for a program id (a PDA of the loader). */
export async function programDataAddress(programId) {
  const [address] = await getProgramDerivedAddress({
    programAddress: encodeBase58(BPF_LOADER_UPGRADEABLE),
    seeds: [programId],
  });
  return decodePubkey(address);
}
