// Transaction methods: sendTransaction, simulateTransaction, requestAirdrop,
// getSignatureStatuses, getSignaturesForAddress, getTransaction.
import * as p from './params.mjs';
import { encodedWithMeta, TRANSACTION_ENCODINGS } from './format.mjs';
import { accountEncoding } from './accounts.mjs';
import { uiAccount } from '../encode.mjs';
import { encodeBase58, decodeBase58 } from '../keys.mjs';
import { parseTransaction, WireError, PACKET_DATA_SIZE } from '../wire.mjs';
import { signatureText } from '../bank.mjs';
import {
  RpcError,
  invalidParams,
  SEND_TRANSACTION_PREFLIGHT_FAILURE,
  TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
} from '../rpcerror.mjs';

const MAX_BASE58_TX = 1683;
const MAX_BASE64_TX = 1644;
const MAX_SIGNATURE_STATUSES = 256;
const MAX_SIGNATURES_FOR_ADDRESS = 1000;

/** Decodes and parses the encoded transaction parameter, with Agave's size limits and messages. */
export function decodeTransactionParam(value, encoding) {
  if (typeof value !== 'string') throw invalidParams('Invalid params: the transaction must be an encoded string');
  const limit = encoding === 'base58' ? MAX_BASE58_TX : MAX_BASE64_TX;
  if (value.length > limit) {
    throw invalidParams(`${encoding} encoded solana_transaction::versioned::VersionedTransaction too large: ${value.length} bytes (max: encoded/raw ${limit}/${PACKET_DATA_SIZE})`);
  }
  let wire;
  if (encoding === 'base58') {
    try {
      wire = decodeBase58(value);
    } catch {
      throw invalidParams('invalid base58 encoding: the transaction is not valid base58');
    }
  } else {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw invalidParams('invalid base64 encoding: the transaction is not valid base64');
    wire = new Uint8Array(Buffer.from(value, 'base64'));
  }
  try {
    return { tx: parseTransaction(wire), wire };
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    throw invalidParams(`failed to deserialize solana_transaction::versioned::VersionedTransaction: ${err.message}`);
  }
}

function checkSanitized(tx) {
  if (tx.signatures.length === 0 || tx.signatures.length !== tx.message.header.numRequiredSignatures) {
    throw invalidParams(
      `invalid transaction: it has ${tx.signatures.length} signatures but its message requires ${tx.message.header.numRequiredSignatures}`,
    );
  }
}

function simulationValue(bank, sim, { accountsConfig, innerInstructions }) {
  return {
    err: sim.err,
    logs: sim.logs,
    accounts: accountsConfig ? simulatedAccounts(bank, sim, accountsConfig) : null,
    unitsConsumed: sim.computeUnits,
    returnData: sim.returnData && { programId: sim.returnData.programId, data: [Buffer.from(sim.returnData.data).toString('base64'), 'base64'] },
    innerInstructions: innerInstructions
      ? sim.innerInstructions
          .map((list, index) => ({ index, instructions: list.map((i) => ({ ...i, data: encodeBase58(i.data) })) }))
          .filter((e) => e.instructions.length > 0)
      : null,
    replacementBlockhash: sim.replacement,
    fee: sim.fee,
  };
}

function simulatedAccounts(bank, sim, { addresses, how }) {
  const post = new Map((sim.postAccounts ?? []).map((p) => [encodeBase58(p.address), p.account]));
  return addresses.map((address) => {
    const a = post.get(address);
    const account = a
      ? { lamports: a.lamports(), owner: encodeBase58(a.owner()), data: a.data(), executable: a.executable(), rentEpoch: a.rentEpoch() }
      : bank.getAccount(decodeBase58(address));
    return account && account.lamports > 0n ? uiAccount(account, how) : null;
  });
}

/**
 * @param {import('../bank.mjs').Bank} bank
 * @param {import('../sigverify.mjs').SignatureVerifier|null} verifier checks sent transactions'
 *   signatures off the main thread; without one the bank's LiteSVM checks them as it runs them
 */
export function transactionMethods(bank, verifier = null) {
  /**
   * Preflight (unless skipped), then execution; returns the signature like sendTransaction.
   * sigVerified: the verifier checked every signature (and what LiteSVM checks with them).
   */
  const submitChecked = (tx, wire, skipPreflight, sigVerified) => {
    let simulated = null;
    if (!skipPreflight) {
      const sim = bank.simulate(tx, wire, { sigVerify: true, sigVerified });
      if (sim.err === 'SignatureFailure') throw new RpcError(TRANSACTION_SIGNATURE_VERIFICATION_FAILURE, 'Transaction signature verification failure');
      if (sim.err === 'SanitizeFailure') throw invalidParams(`invalid transaction: ${sim.error}`);
      if (sim.err !== null) {
        throw new RpcError(
          SEND_TRANSACTION_PREFLIGHT_FAILURE,
          `Transaction simulation failed: ${sim.error}`,
          simulationValue(bank, sim, { accountsConfig: null, innerInstructions: false }),
        );
      }
      sigVerified = true;
      simulated = sim;
    }
    // The preflight's result is committed as it is: the transaction does not run twice.
    bank.execute(tx, wire, { sigVerified, simulated });
    return signatureText(tx);
  };

  /** Sends after the verifier's verdict when it gives one (a promise), else at once. */
  const submit = (tx, wire, skipPreflight) => {
    checkSanitized(tx);
    const verdict = verifier === null ? null : verifier.verify(wire);
    if (verdict === null) return submitChecked(tx, wire, skipPreflight, false);
    return verdict.then((verified) => submitChecked(tx, wire, skipPreflight, verified));
  };

  return {
    sendTransaction: (params) => {
      p.positional(params, 1, 2, 'encoded transaction, [config]');
      const cfg = p.config(params[1]);
      const encoding = p.oneOf(cfg.encoding, 'encoding', ['base58', 'base64'], 'base58');
      const skipPreflight = p.bool(cfg.skipPreflight, 'skipPreflight', false);
      p.commitment({ commitment: cfg.preflightCommitment });
      if (cfg.maxRetries !== undefined && cfg.maxRetries !== null) p.integer(cfg.maxRetries, 'maxRetries');
      p.contextSlot(bank, { minContextSlot: cfg.minContextSlot }, 'processed');
      const { tx, wire } = decodeTransactionParam(params[0], encoding);
      return submit(tx, wire, skipPreflight);
    },

    simulateTransaction: (params, { budget }) => {
      p.positional(params, 1, 2, 'encoded transaction, [config]');
      const cfg = p.config(params[1]);
      const encoding = p.oneOf(cfg.encoding, 'encoding', ['base58', 'base64'], 'base58');
      const sigVerify = p.bool(cfg.sigVerify, 'sigVerify', false);
      const replaceRecentBlockhash = p.bool(cfg.replaceRecentBlockhash, 'replaceRecentBlockhash', false);
      if (sigVerify && replaceRecentBlockhash) throw invalidParams('Invalid params: sigVerify may not be used with replaceRecentBlockhash');
      const innerInstructions = p.bool(cfg.innerInstructions, 'innerInstructions', false);
      const slot = p.contextSlot(bank, cfg);
      const { tx, wire } = decodeTransactionParam(params[0], encoding);
      checkSanitized(tx);
      let accountsConfig = null;
      if (cfg.accounts !== undefined && cfg.accounts !== null) {
        const ac = p.config(cfg.accounts, 'accounts');
        if (!Array.isArray(ac.addresses)) throw invalidParams('Invalid params: accounts.addresses must be an array of public keys');
        const keyCount = tx.message.staticKeys.length + tx.message.lookups.reduce((n, l) => n + l.writableIndexes.length + l.readonlyIndexes.length, 0);
        if (ac.addresses.length > keyCount) throw invalidParams(`Invalid params: too many accounts provided; max ${keyCount}`);
        const how = accountEncoding(bank, { encoding: ac.encoding ?? 'base64' }, 'base64', budget);
        if (how.encoding === 'binary') throw invalidParams('Invalid params: accounts.encoding "binary" is not allowed; use base64');
        accountsConfig = { addresses: ac.addresses.map((a, i) => encodeBase58(p.pubkey(a, `accounts.addresses[${i}]`))), how };
      }
      const sim = bank.simulate(tx, wire, { sigVerify, replaceRecentBlockhash });
      if (sigVerify && sim.err === 'SignatureFailure') throw new RpcError(TRANSACTION_SIGNATURE_VERIFICATION_FAILURE, 'Transaction signature verification failure');
      return { context: p.context(slot), value: simulationValue(bank, sim, { accountsConfig, innerInstructions }) };
    },

    requestAirdrop: (params) => {
      p.positional(params, 2, 3, 'pubkey, lamports, [config]');
      const to = p.pubkey(params[0], 'pubkey');
      const lamports = p.u64(params[1], 'lamports');
      if (lamports === 0n) throw invalidParams('Invalid params: lamports must be more than 0');
      p.commitment(p.config(params[2]));
      const wire = bank.airdropTransaction(to, lamports);
      try {
        const tx = parseTransaction(wire);
        checkSanitized(tx);
        return submitChecked(tx, wire, false, false);
      } catch (err) {
        if (err instanceof RpcError && err.code === SEND_TRANSACTION_PREFLIGHT_FAILURE) {
          throw new RpcError(err.code, `airdrop request failed: ${err.message}`, err.data);
        }
        throw err;
      }
    },

    getSignatureStatuses: (params) => {
      p.positional(params, 1, 2, 'signatures, [config]');
      if (!Array.isArray(params[0]) || params[0].length > MAX_SIGNATURE_STATUSES) {
        throw invalidParams(`Invalid params: signatures must be an array of at most ${MAX_SIGNATURE_STATUSES} signatures`);
      }
      // A signature the store holds is one it encoded itself: valid base58 of 64 bytes, not decoded again.
      const signatures = params[0].map((s, i) => (typeof s === 'string' && bank.store.get(s) !== null ? s : p.signature(s, `signatures[${i}]`)));
      const search = p.bool(p.config(params[1]).searchTransactionHistory, 'searchTransactionHistory', false);
      return { context: p.context(bank.slot), value: signatures.map((s) => bank.signatureStatus(s, search)) };
    },

    getSignaturesForAddress: (params) => {
      p.positional(params, 1, 2, 'address, [config]');
      const address = encodeBase58(p.pubkey(params[0], 'address'));
      const cfg = p.config(params[1]);
      const commitment = p.commitment(cfg);
      if (commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
      const slot = p.contextSlot(bank, cfg);
      const limit = cfg.limit === undefined || cfg.limit === null ? MAX_SIGNATURES_FOR_ADDRESS : p.integer(cfg.limit, 'limit', { min: 1, max: MAX_SIGNATURES_FOR_ADDRESS });
      const before = cfg.before === undefined || cfg.before === null ? null : p.signature(cfg.before, 'before');
      const until = cfg.until === undefined || cfg.until === null ? null : p.signature(cfg.until, 'until');
      return bank.store
        .signaturesFor(address, { before, until, limit, maxSlot: slot })
        .map((r) => ({
          signature: r.signature,
          slot: r.slot,
          err: r.err,
          memo: memoOf(r.logs),
          blockTime: r.blockTime,
          confirmationStatus: bank.confirmationStatus(r.slot),
        }));
    },

    getTransaction: (params) => {
      p.positional(params, 1, 2, 'signature, [config]');
      const signature = p.signature(params[0]);
      const cfg = typeof params[1] === 'string' ? { encoding: params[1] } : p.config(params[1]);
      const commitment = p.commitment(cfg);
      if (commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
      const encoding = p.oneOf(cfg.encoding, 'encoding', TRANSACTION_ENCODINGS, 'json');
      const maxSupportedTransactionVersion = cfg.maxSupportedTransactionVersion ?? null;
      if (maxSupportedTransactionVersion !== null) p.integer(maxSupportedTransactionVersion, 'maxSupportedTransactionVersion', { max: 0 });
      const record = bank.store.get(signature);
      if (!record || record.slot > bank.commitmentSlot(commitment)) return null;
      return { slot: record.slot, blockTime: record.blockTime, ...encodedWithMeta(record, { encoding, maxSupportedTransactionVersion }) };
    },
  };
}

// Agave fills `memo` from SPL Memo instructions. Memo logs `Memo (len N): "text"` (v3) or, in older
// builds such as LiteSVM's, `Memo (len N)` followed by the text on its own log line.
function memoOf(logs) {
  const memos = [];
  logs.forEach((line, i) => {
    const m = /^Program log: Memo \(len (\d+)\)(?:: "(.*)")?$/.exec(line);
    if (!m) return;
    const text = m[2] ?? logs[i + 1]?.replace(/^Program log: /, '') ?? '';
    memos.push(`[${m[1]}] ${text}`);
  });
  return memos.length ? memos.join('; ') : null;
}
