// Cluster-level methods: health, version, identity, slots, epochs, blockhashes, fees, rent.
import { createHash } from 'node:crypto';
import * as p from './params.mjs';
import { messageFee } from '../fees.mjs';
import { parseMessage, WireError } from '../wire.mjs';
import { encodeBase58 } from '../keys.mjs';
import { invalidParams } from '../rpcerror.mjs';

export const SOLANA_CORE_VERSION = '3.0.0';
const MAX_PRIORITY_FEE_ACCOUNTS = 128;
// A message fits a packet: 1232 bytes, 1644 characters of base64 (Agave's limit).
const MAX_BASE64_MESSAGE = 1644;
// Slots one localnetWarpSlots call may pass: each is a block opened (about 35 µs), so a call stays
// well under a second and cannot stall the server.
const MAX_WARP_SLOTS = 10_000;

export function chainMethods(bank) {
  // Agave reports a u32 derived from its feature set; ours hashes the active-feature choice.
  const featureSetId = createHash('sha256').update(`litesvm-1.5.0/${bank.features}`).digest().readUInt32LE(0);
  const slotAt = (params, usage) => {
    p.positional(params, 0, 1, usage);
    return p.contextSlot(bank, p.config(params[0]));
  };
  return {
    getHealth: (params) => {
      p.positional(params, 0, 0, 'none');
      return 'ok';
    },
    getVersion: (params) => {
      p.positional(params, 0, 0, 'none');
      return { 'solana-core': SOLANA_CORE_VERSION, 'feature-set': featureSetId };
    },
    getIdentity: (params) => {
      p.positional(params, 0, 0, 'none');
      return { identity: bank.identity.address };
    },
    getGenesisHash: (params) => {
      p.positional(params, 0, 0, 'none');
      return bank.genesisHash;
    },
    getSlot: (params) => slotAt(params, '[config]'),
    getBlockHeight: (params) => bank.blockHeight(slotAt(params, '[config]')),
    getTransactionCount: (params) => {
      slotAt(params, '[config]');
      return bank.transactionCount;
    },
    getEpochInfo: (params) => {
      p.positional(params, 0, 1, '[config]');
      const cfg = p.config(params[0]);
      p.contextSlot(bank, cfg);
      return bank.epochInfo(p.commitment(cfg));
    },
    getEpochSchedule: (params) => {
      p.positional(params, 0, 0, 'none');
      const s = bank.schedule;
      return {
        firstNormalEpoch: s.firstNormalEpoch,
        firstNormalSlot: s.firstNormalSlot,
        leaderScheduleSlotOffset: s.leaderScheduleSlotOffset,
        slotsPerEpoch: s.slotsPerEpoch,
        warmup: s.warmup,
      };
    },
    getLatestBlockhash: (params) => {
      p.positional(params, 0, 1, '[config]');
      const cfg = p.config(params[0]);
      p.contextSlot(bank, cfg);
      const { slot, blockhash, lastValidBlockHeight } = bank.latestBlockhash(p.commitment(cfg));
      return { context: p.context(slot), value: { blockhash, lastValidBlockHeight } };
    },
    isBlockhashValid: (params) => {
      p.positional(params, 1, 2, 'blockhash, [config]');
      const blockhash = p.blockhash(params[0]);
      const slot = p.contextSlot(bank, p.config(params[1]));
      return { context: p.context(slot), value: bank.isBlockhashValid(blockhash) };
    },
    getFeeForMessage: (params) => {
      p.positional(params, 1, 2, 'base64 message, [config]');
      const slot = p.contextSlot(bank, p.config(params[1]));
      const bytes = p.base64(params[0], 'message', MAX_BASE64_MESSAGE);
      let message;
      try {
        message = parseMessage(bytes);
      } catch (err) {
        if (!(err instanceof WireError)) throw err;
        throw invalidParams(`Invalid params: message is not a valid transaction message: ${err.message}`);
      }
      const valid = bank.isBlockhashValid(encodeBase58(message.recentBlockhash));
      return { context: p.context(slot), value: valid ? messageFee(message).fee : null };
    },
    getMinimumBalanceForRentExemption: (params) => {
      p.positional(params, 1, 2, 'data length, [config]');
      const len = p.integer(params[0], 'data length', { max: 10 * 1024 * 1024 });
      p.commitment(p.config(params[1]));
      return bank.rentExempt(len);
    },
    // Extension (localnet only): move the clock forward, e.g. past a cooldown or an emission hour.
    localnetWarp: (params) => {
      p.positional(params, 1, 1, '{seconds}');
      const cfg = p.config(params[0]);
      const seconds = p.integer(cfg.seconds, 'seconds', { min: 1, max: 100 * 365 * 86400 });
      return bank.warp(BigInt(seconds));
    },
    // Extension (localnet only): pass many slots at once, e.g. past a deadline counted in slots.
    localnetWarpSlots: (params) => {
      p.positional(params, 1, 1, '{slots}');
      const cfg = p.config(params[0]);
      return bank.warpSlots(p.integer(cfg.slots, 'slots', { min: 1, max: MAX_WARP_SLOTS }));
    },
    getRecentPrioritizationFees: (params) => {
      p.positional(params, 0, 1, '[addresses]');
      const addresses = params[0] ?? [];
      if (!Array.isArray(addresses) || addresses.length > MAX_PRIORITY_FEE_ACCOUNTS) {
        throw invalidParams(`Invalid params: addresses must be an array of at most ${MAX_PRIORITY_FEE_ACCOUNTS} public keys`);
      }
      addresses.forEach((a, i) => p.pubkey(a, `addresses[${i}]`));
      return bank.recentPrioritizationFees(addresses);
    },
  };
}
