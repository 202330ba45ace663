// Transaction records -> the RPC's EncodedTransactionWithStatusMeta (json, jsonParsed, base64, base58).
import { encodeBase58 } from '../keys.mjs';
import { parseTransaction, isWritableIndex } from '../wire.mjs';
import { RpcError, UNSUPPORTED_TRANSACTION_VERSION } from '../rpcerror.mjs';

export const TRANSACTION_ENCODINGS = ['json', 'jsonParsed', 'base64', 'base58'];

/** Refuses a v0 transaction to a client that did not declare maxSupportedTransactionVersion >= 0. */
export function checkVersion(record, maxSupportedTransactionVersion) {
  if (record.version === 'legacy') return;
  if (maxSupportedTransactionVersion === undefined || maxSupportedTransactionVersion === null || maxSupportedTransactionVersion < record.version) {
    throw new RpcError(
      UNSUPPORTED_TRANSACTION_VERSION,
      `Transaction version (${record.version}) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": ${record.version}`,
    );
  }
}

export function uiMeta(record) {
  const meta = {
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    fee: record.fee,
    preBalances: record.preBalances,
    postBalances: record.postBalances,
    innerInstructions: record.innerInstructions,
    logMessages: record.logs,
    preTokenBalances: record.preTokenBalances,
    postTokenBalances: record.postTokenBalances,
    rewards: [],
    loadedAddresses: record.loadedAddresses,
    computeUnitsConsumed: record.computeUnits,
  };
  if (record.returnData) meta.returnData = { programId: record.returnData.programId, data: [record.returnData.data, 'base64'] };
  return meta;
}

export function uiTransaction(record, encoding) {
  if (encoding === 'base64') return [record.wire, 'base64'];
  const wire = Buffer.from(record.wire, 'base64');
  if (encoding === 'base58') return [encodeBase58(wire), 'base58'];
  const { signatures, message } = parseTransaction(wire);
  const base = {
    header: message.header,
    recentBlockhash: encodeBase58(message.recentBlockhash),
  };
  if (encoding === 'jsonParsed') {
    const keys = record.accountKeys;
    const writableLoaded = record.loadedAddresses.writable.length;
    base.accountKeys = keys.map((pubkey, i) => ({
      pubkey,
      writable: isWritableIndex(message, i, writableLoaded),
      signer: i < message.header.numRequiredSignatures,
      source: i < message.staticKeys.length ? 'transaction' : 'lookupTable',
    }));
    // Instructions stay in the partially decoded form Agave uses for programs it cannot parse.
    base.instructions = message.instructions.map((ix) => ({
      programId: keys[ix.programIdIndex],
      accounts: ix.accounts.map((a) => keys[a]),
      data: encodeBase58(ix.data),
      stackHeight: null,
    }));
  } else {
    base.accountKeys = message.staticKeys.map(encodeBase58);
    base.instructions = message.instructions.map((ix) => ({
      programIdIndex: ix.programIdIndex,
      accounts: ix.accounts,
      data: encodeBase58(ix.data),
      stackHeight: null,
    }));
  }
  if (message.version !== 'legacy') {
    base.addressTableLookups = message.lookups.map((l) => ({
      accountKey: encodeBase58(l.accountKey),
      writableIndexes: l.writableIndexes,
      readonlyIndexes: l.readonlyIndexes,
    }));
  }
  const ordered = { accountKeys: base.accountKeys, header: base.header, recentBlockhash: base.recentBlockhash, instructions: base.instructions };
  if (base.addressTableLookups) ordered.addressTableLookups = base.addressTableLookups;
  return { signatures: signatures.map(encodeBase58), message: ordered };
}

/** {transaction, meta, version?} as getTransaction and getBlock return it. */
export function encodedWithMeta(record, { encoding, maxSupportedTransactionVersion }) {
  checkVersion(record, maxSupportedTransactionVersion);
  const out = { transaction: uiTransaction(record, encoding), meta: uiMeta(record) };
  if (maxSupportedTransactionVersion !== undefined && maxSupportedTransactionVersion !== null) out.version = record.version;
  return out;
}
