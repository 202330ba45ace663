// Block methods: getBlock (recent slots, as long as the store keeps them), getBlockTime, getBlocks.
import * as p from './params.mjs';
import { encodedWithMeta, TRANSACTION_ENCODINGS, checkVersion } from './format.mjs';
import { RpcError, invalidParams, BLOCK_NOT_AVAILABLE, LONG_TERM_STORAGE_SLOT_SKIPPED } from '../rpcerror.mjs';

const MAX_GET_BLOCKS_RANGE = 500_000;

function committedBlock(bank, slot, commitment) {
  if (slot > bank.commitmentSlot(commitment)) throw new RpcError(BLOCK_NOT_AVAILABLE, `Block not available for slot ${slot}`);
  const block = bank.store.blocks.get(slot);
  if (!block) throw new RpcError(LONG_TERM_STORAGE_SLOT_SKIPPED, `Slot ${slot} was skipped, or missing in long-term storage`);
  return block;
}

function blockCommitment(cfg) {
  const commitment = p.commitment(cfg);
  if (commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
  return commitment;
}

export function blockMethods(bank) {
  return {
    getBlock: (params) => {
      p.positional(params, 1, 2, 'slot, [config]');
      const slot = p.integer(params[0], 'slot');
      const cfg = typeof params[1] === 'string' ? { encoding: params[1] } : p.config(params[1]);
      const block = committedBlock(bank, slot, blockCommitment(cfg));
      const encoding = p.oneOf(cfg.encoding, 'encoding', TRANSACTION_ENCODINGS, 'json');
      const details = p.oneOf(cfg.transactionDetails, 'transactionDetails', ['full', 'signatures', 'none'], 'full');
      const rewards = p.bool(cfg.rewards, 'rewards', true);
      const maxSupportedTransactionVersion = cfg.maxSupportedTransactionVersion ?? null;
      if (maxSupportedTransactionVersion !== null) p.integer(maxSupportedTransactionVersion, 'maxSupportedTransactionVersion', { max: 0 });
      const records = block.signatures.map((s) => bank.store.get(s)).filter(Boolean);
      const out = {
        blockHeight: block.blockHeight,
        blockTime: block.blockTime,
        blockhash: block.blockhash,
        parentSlot: block.parentSlot,
        previousBlockhash: block.previousBlockhash,
      };
      if (details === 'full') out.transactions = records.map((r) => encodedWithMeta(r, { encoding, maxSupportedTransactionVersion }));
      if (details === 'signatures') {
        records.forEach((r) => checkVersion(r, maxSupportedTransactionVersion));
        out.signatures = records.map((r) => r.signature);
      }
      if (rewards) out.rewards = [];
      return out;
    },
    getBlockTime: (params) => {
      p.positional(params, 1, 1, 'slot');
      const slot = p.integer(params[0], 'slot');
      return committedBlock(bank, slot, 'finalized').blockTime;
    },
    getBlocks: (params) => {
      p.positional(params, 1, 3, 'start slot, [end slot], [config]');
      const start = p.integer(params[0], 'start slot');
      // The second parameter is the end slot or, with no end slot, the config.
      const second = params[1];
      const endOnly = second === undefined || second === null || typeof second !== 'object' || Array.isArray(second);
      const third = p.config(params[2]);
      const cfg = endOnly || params[2] !== undefined ? third : second; // as Agave: a third parameter wins
      const top = bank.commitmentSlot(blockCommitment(cfg));
      const end = endOnly && second !== undefined && second !== null ? Math.min(Number(p.u64(second, 'end slot')), top) : top;
      if (end - start > MAX_GET_BLOCKS_RANGE) throw invalidParams(`Invalid params: slot range exceeds ${MAX_GET_BLOCKS_RANGE}`);
      const slots = [];
      for (const slot of bank.store.blocks.keys()) if (slot >= start && slot <= end) slots.push(slot);
      return slots.sort((a, b) => a - b);
    },
    getFirstAvailableBlock: (params) => {
      p.positional(params, 0, 0, 'none');
      return bank.store.firstSlot() ?? bank.genesisSlot;
    },
  };
}
