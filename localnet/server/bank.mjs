// The bank: LiteSVM plus what a validator adds around it. Slots advance on a timer (clock
// sysvar, a fresh blockhash per slot), the last 150 blockhashes stay valid, transactions are
// checked (duplicate, blockhash, signatures), optionally simulated first, executed, and
// recorded in full; commitment levels follow slot age.
import { EventEmitter } from 'node:events';
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { txError } from './errors.mjs';
import { epochOf, readSchedule } from './epoch.mjs';
import { messageFee } from './fees.mjs';
import { Keypair, decodeBase58, encodeBase58, encodeKey58 } from './keys.mjs';
import { readOutcome } from './outcome.mjs';
import { litesvm } from './svm.mjs';
import { readMint, readTokenAccount, uiTokenAmount, TOKEN_PROGRAM, TOKEN_2022_PROGRAM } from './token.mjs';
import { compileLegacyMessage, isWritableIndex, signTransaction } from './wire.mjs';
import { setComputeUnitLimit, transfer } from './instructions.mjs';

// A blockhash stays usable for this many blocks after its own (Agave's MAX_PROCESSING_AGE).
export const MAX_PROCESSING_AGE = 150;
const BLOCKHASH_QUEUE_LEN = 300;
const PRIORITY_FEE_SLOTS = 150;
const STATUS_CACHE_SLOTS = 300;
const SLOT_HASHES_LEN = 512; // entries the SlotHashes sysvar holds, as on Agave
const SLOT_HASHES_DATA_LEN = 8 + SLOT_HASHES_LEN * 40;
const SLOT_HASHES_SYSVAR = decodeBase58('SysvarS1otHashes111111111111111111111111111');

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const BPF_LOADER_UPGRADEABLE = Buffer.from(decodeBase58('BPFLoaderUpgradeab1e11111111111111111111111'));
const PROGRAM_DATA_TAG = 3;
const SYSTEM_PROGRAM = '11111111111111111111111111111111';
const ALT_PROGRAM = 'AddressLookupTab1e1111111111111111111111111';
const ALT_META_LEN = 56;
const NONCE_ACCOUNT_LEN = 80;
const ADVANCE_NONCE_TAG = 4;

export class Bank extends EventEmitter {
  /**
   * @param {object} p
   * @param {object} p.svm a configured LiteSvm (sigverify and blockhash check off: the bank does both)
   * @param {object} p.chain persisted chain facts (see toChainState)
   * @param {import('./store.mjs').Store} p.store
   * @param {{slotMs: number, confirmDepth: number, finalizeDepth: number}} p.options
   */
  constructor({ svm, chain, store, options, log }) {
    super();
    this.setMaxListeners(0);
    this.svm = svm;
    this.store = store;
    this.options = options;
    this.log = log;
    this.features = chain.features;
    this.genesisHash = chain.genesisHash;
    this.identity = Keypair.fromBase58(chain.identity);
    this.faucet = Keypair.fromBase58(chain.faucet);
    this.genesisSlot = chain.genesisSlot;
    this.slot = chain.slot;
    this.epochStartTimestamp = BigInt(chain.epochStartTimestamp);
    // Seconds the clock runs ahead of the wall clock: tests and demos warp time forward.
    this.clockOffset = BigInt(chain.clockOffset ?? 0);
    this.transactionCount = chain.transactionCount;
    this.programs = chain.programs;
    this.blockhashes = new Map(chain.blockhashes); // blockhash -> slot, oldest first
    this.schedule = readSchedule(svm);
    this.priorityFees = new Map(); // slot -> {min: bigint|null, accounts: Map<address, bigint>}
    // SlotHashes, newest first, kept here and written into LiteSVM only when something reads it
    // (flushSlotHashes): a slot then costs no crossing of 512 entries each way.
    this.slotHashes = svm.getSlotHashes().map((h) => ({ slot: h.slot, hash: decodeBase58(h.hash) }));
    this.slotHashesDirty = false;
    // The sysvar's account as LiteSVM made it: flushSlotHashes writes its bytes back with it.
    this.slotHashesAccount = svm.getAccount(SLOT_HASHES_SYSVAR);
    this.airdrops = 0;
    this.timer = null;
    svm.setSigverify(false);
    svm.setBlockhashCheck(false);
  }

  toChainState() {
    return {
      features: this.features,
      genesisHash: this.genesisHash,
      identity: encodeBase58(this.identity.secretKey),
      faucet: encodeBase58(this.faucet.secretKey),
      genesisSlot: this.genesisSlot,
      slot: this.slot,
      epochStartTimestamp: this.epochStartTimestamp.toString(),
      clockOffset: this.clockOffset.toString(),
      transactionCount: this.transactionCount,
      programs: this.programs,
      blockhashes: [...this.blockhashes],
    };
  }

  // ---- slots and commitment ----

  start() {
    this.openSlot(this.slot, this.store.blocks.get(this.slot - 1)?.blockhash ?? this.latestBlockhashText());
    this.timer = setInterval(() => {
      try {
        this.advanceSlot();
      } catch (err) {
        this.log.error('advancing the slot failed', { slot: this.slot, error: err.stack ?? String(err) });
      }
    }, this.options.slotMs);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  latestBlockhashText() {
    return this.svm.latestBlockhash();
  }

  /** Opens block `slot`: clock sysvar, blockhash queue, block record. */
  openSlot(slot, previousBlockhash) {
    const now = this.unixTimestamp();
    const { epoch } = epochOf(this.schedule, BigInt(slot));
    const clock = this.svm.getClock();
    if (epoch !== clock.epoch) this.epochStartTimestamp = now;
    this.svm.setClock(new litesvm.Clock(BigInt(slot), this.epochStartTimestamp, epoch, epoch + 1n, now));
    const blockhash = this.latestBlockhashText();
    this.blockhashes.set(blockhash, slot);
    while (this.blockhashes.size > BLOCKHASH_QUEUE_LEN) this.blockhashes.delete(this.blockhashes.keys().next().value);
    if (!this.store.blocks.has(slot)) {
      this.store.addBlock({
        slot,
        blockhash,
        previousBlockhash,
        parentSlot: Math.max(this.genesisSlot, slot - 1),
        blockTime: Number(now),
        blockHeight: slot - this.genesisSlot,
      });
    }
  }

  /** The clock sysvar's unix_timestamp for a slot opened now. */
  unixTimestamp() {
    return BigInt(Math.floor(Date.now() / 1000)) + this.clockOffset;
  }

  /**
   * Moves the clock forward by `seconds` (the next slot opens at once, so programs see the new
   * time immediately). Time only moves forward, as on a real cluster.
   */
  warp(seconds) {
    if (seconds <= 0n) throw new RangeError('seconds must be positive: the clock only moves forward');
    this.clockOffset += seconds;
    this.advanceSlot();
    return { slot: this.slot, unixTimestamp: Number(this.svm.getClock().unixTimestamp) };
  }

  /**
   * Passes `slots` slots at once, each opened as the timer would (fresh blockhash, slot hash,
   * block), so deadlines counted in slots pass without waiting for them. The clock's time stays
   * the wall clock's (plus any warp); blockhashes older than 150 of these slots expire.
   */
  warpSlots(slots) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError('slots must be a positive integer: slots only move forward');
    for (let i = 0; i < slots; i++) this.advanceSlot();
    return { slot: this.slot, unixTimestamp: Number(this.svm.getClock().unixTimestamp) };
  }

  advanceSlot() {
    const previous = this.latestBlockhashText();
    const parent = this.slot;
    this.slot += 1;
    this.svm.expireBlockhash();
    this.recordSlotHash(parent, previous);
    this.openSlot(this.slot, previous);
    for (const old of this.priorityFees.keys()) {
      if (old > this.slot - PRIORITY_FEE_SLOTS) break;
      this.priorityFees.delete(old);
    }
    this.emit('slot', { slot: this.slot, parent, root: this.commitmentSlot('finalized') });
  }

  /**
   * Pushes the completed slot's hash into the SlotHashes sysvar (newest first, 512 kept), as a
   * validator does with its bank hash. LiteSVM keeps no SlotHashes of its own, and its blockhashes
   * follow from genesis, so the hash mixes in fresh randomness: like a bank hash, nobody knows it
   * before the slot is over (programs seed challenges with it).
   */
  recordSlotHash(slot, blockhash) {
    const hash = createHash('sha256').update(decodeBase58(blockhash)).update(randomBytes(32)).digest();
    const hashes = this.slotHashes;
    while (hashes.length && hashes[0].slot >= BigInt(slot)) hashes.shift(); // newest first: only the front can be as new
    hashes.unshift({ slot: BigInt(slot), hash });
    if (hashes.length > SLOT_HASHES_LEN) hashes.length = SLOT_HASHES_LEN;
    this.slotHashesDirty = true;
  }

  /**
   * Writes the SlotHashes kept by recordSlotHash into LiteSVM; run before anything reads its
   * accounts. The sysvar's account data is written as bytes (LiteSVM refreshes its sysvar cache
   * from it): setSlotHashes would parse 512 base58 hashes, 1.5 ms a slot.
   */
  flushSlotHashes() {
    if (!this.slotHashesDirty) return;
    const data = Buffer.alloc(SLOT_HASHES_DATA_LEN); // bincode Vec<(u64, [u8; 32])>, padded as on Agave
    data.writeBigUInt64LE(BigInt(this.slotHashes.length), 0);
    this.slotHashes.forEach(({ slot, hash }, i) => {
      data.writeBigUInt64LE(slot, 8 + 40 * i);
      data.set(hash, 16 + 40 * i);
    });
    const a = this.slotHashesAccount;
    this.svm.setAccount(SLOT_HASHES_SYSVAR, new litesvm.Account(a.lamports(), data, a.owner(), false, a.rentEpoch()));
    this.slotHashesDirty = false;
  }

  blockHeight(slot = this.slot) {
    return slot - this.genesisSlot;
  }

  /** The newest slot at a commitment level: processed = current, then by slot age. */
  commitmentSlot(commitment = 'finalized') {
    const depth = commitment === 'processed' ? 0 : commitment === 'confirmed' ? this.options.confirmDepth : commitment === 'finalized' ? this.options.finalizeDepth : undefined;
    return Math.max(this.genesisSlot, this.slot - depth);
  }

  /** confirmationStatus of something that landed in `slot` ('processed' | 'confirmed' | 'finalized'). */
  confirmationStatus(slot) {
    // By age alone: commitmentSlot is floored at genesis, which would finalize the first slots' transactions at once.
    const age = this.slot - slot;
    if (age >= this.options.finalizeDepth) return 'finalized';
    if (age >= this.options.confirmDepth) return 'confirmed';
    return 'processed';
  }

  latestBlockhash(commitment) {
    const slot = this.commitmentSlot(commitment);
    const blockhash = slot === this.slot ? this.latestBlockhashText() : this.store.blocks.get(slot)?.blockhash ?? this.latestBlockhashText();
    const hashSlot = this.blockhashes.get(blockhash) ?? this.slot;
    return { slot, blockhash, lastValidBlockHeight: this.blockHeight(hashSlot) + MAX_PROCESSING_AGE };
  }

  isBlockhashValid(blockhash) {
    const slot = this.blockhashes.get(blockhash);
    return slot !== undefined && this.slot - slot <= MAX_PROCESSING_AGE;
  }

  epochInfo(commitment) {
    const slot = this.commitmentSlot(commitment);
    const { epoch, slotIndex, slotsInEpoch } = epochOf(this.schedule, BigInt(slot));
    return {
      absoluteSlot: slot,
      blockHeight: this.blockHeight(slot),
      epoch: Number(epoch),
      slotIndex: Number(slotIndex),
      slotsInEpoch: Number(slotsInEpoch),
      transactionCount: this.transactionCount,
    };
  }

  // ---- accounts ----

  /** @returns {{lamports: bigint, owner: string, data: Uint8Array, executable: boolean, rentEpoch: bigint}|null} */
  getAccount(pubkey) {
    this.flushSlotHashes();
    const a = this.svm.getAccount(pubkey);
    if (!a) return null;
    const lamports = a.lamports();
    if (lamports === 0n) return null;
    return { lamports, owner: encodeBase58(a.owner()), data: a.data(), executable: a.executable(), rentEpoch: a.rentEpoch() };
  }

  programAccounts(owner) {
    return this.svm
      .getProgramAccounts(owner)
      .map((p) => {
        const a = p.account();
        return {
          pubkey: encodeBase58(p.address),
          account: { lamports: a.lamports(), owner: encodeBase58(a.owner()), data: a.data(), executable: a.executable(), rentEpoch: a.rentEpoch() },
        };
      })
      .filter((p) => p.account.lamports > 0n);
  }

  mintDecimals(mint) {
    const account = this.getAccount(decodeBase58(mint));
    return account ? readMint(account.owner, account.data)?.decimals ?? null : null;
  }

  rentExempt(dataLen) {
    return this.svm.minimumBalanceForRentExemption(BigInt(dataLen));
  }

  // ---- transactions ----

  /**
   * Checks that happen before execution; a failure means the transaction is dropped.
   * @returns {{json, message}|null} the error, or null when the transaction may run
   */
  precheck(tx, { sigVerify, checkBlockhash = true }) {
    // The store holds every included transaction; LiteSVM's own history check backs it up as it runs.
    if (this.store.get(signatureText(tx))) return txError('AlreadyProcessed');
    if (checkBlockhash && !this.isBlockhashValid(blockhashText(tx)) && !this.nonceIsValid(tx.message)) {
      // A bad signature is reported before a bad blockhash. Signatures are otherwise checked by
      // LiteSVM's native sigverify as it runs the transaction (see run): only this path,
      // where it never runs, checks them here.
      if (sigVerify && !verifySignatures(tx)) return txError('SignatureFailure');
      return txError('BlockhashNotFound');
    }
    return null;
  }

  /** Runs LiteSVM (simulate or send) with its native signature check on or off for this call. */
  run(method, bytes, sigVerify) {
    this.flushSlotHashes();
    this.svm.setSigverify(sigVerify);
    try {
      return readOutcome(method === 'simulate' ? this.svm.simulateVersionedTransaction(bytes) : this.svm.sendVersionedTransaction(bytes));
    } finally {
      this.svm.setSigverify(false);
    }
  }

  /**
   * Commits a successful simulation's writable accounts, as LiteSVM's send does after executing
   * (its sync_accounts: program-data accounts first, so a program deployed here finds its code).
   * Only valid when nothing changed since the simulation: the caller runs both in one turn.
   */
  commitSimulation(tx, postAccounts) {
    let ordered = postAccounts;
    // Only a transaction that names the upgradeable loader can have written program data.
    if (tx.message.staticKeys.some((k) => BPF_LOADER_UPGRADEABLE.equals(k))) {
      const programData = (a) => BPF_LOADER_UPGRADEABLE.equals(a.account.owner()) && a.account.data()[0] === PROGRAM_DATA_TAG;
      ordered = [...postAccounts.filter(programData), ...postAccounts.filter((a) => !programData(a))];
    }
    for (const { address, account } of ordered) this.svm.setAccount(address, account);
  }

  /** A durable-nonce transaction: first instruction AdvanceNonceAccount, blockhash = the stored nonce. */
  nonceIsValid(message) {
    const first = message.instructions[0];
    if (!first || first.data.length < 4 || first.accounts.length < 1) return false;
    if (encodeBase58(message.staticKeys[first.programIdIndex] ?? new Uint8Array(32)) !== SYSTEM_PROGRAM) return false;
    if (new DataView(first.data.buffer, first.data.byteOffset).getUint32(0, true) !== ADVANCE_NONCE_TAG) return false;
    const nonceKey = message.staticKeys[first.accounts[0]];
    const account = nonceKey && this.getAccount(nonceKey);
    if (!account || account.owner !== SYSTEM_PROGRAM || account.data.length !== NONCE_ACCOUNT_LEN) return false;
    return Buffer.from(account.data.subarray(40, 72)).equals(Buffer.from(message.recentBlockhash));
  }

  /** Static keys followed by the keys loaded from address lookup tables (writable, then readonly). */
  resolveKeys(message) {
    const writable = [];
    const readonly = [];
    for (const lookup of message.lookups) {
      const table = this.getAccount(lookup.accountKey);
      if (!table || table.owner !== ALT_PROGRAM) return null;
      const at = (i) => {
        const start = ALT_META_LEN + i * 32;
        return start + 32 <= table.data.length ? table.data.slice(start, start + 32) : null;
      };
      for (const i of lookup.writableIndexes) writable.push(at(i));
      for (const i of lookup.readonlyIndexes) readonly.push(at(i));
    }
    if ([...writable, ...readonly].some((k) => k === null)) return null;
    return { keys: [...message.staticKeys, ...writable, ...readonly], writableLoaded: writable.length, loaded: { writable, readonly } };
  }

  /**
   * Balances, and token balances when the transaction names a token program (as Agave's
   * collect_token_balances: no token program, no token balances). Without one only lamports are
   * read: LiteSVM's getBalance, or lamportsOf's answer when it has one.
   * @param accountOf (key, index) => the account as it is now; defaults to reading LiteSVM
   * @param lamportsOf (key) => lamports as they are now, or undefined to read them from LiteSVM
   */
  snapshot(keys, accountOf = null, lamportsOf = null) {
    this.flushSlotHashes();
    if (!keys.some(isTokenProgram)) {
      return { balances: keys.map((key) => lamportsOf?.(key) ?? this.svm.getBalance(key) ?? 0n), tokenBalances: [] };
    }
    const balances = [];
    const tokenBalances = [];
    keys.forEach((key, accountIndex) => {
      // Lean: only lamports, and the data of token accounts (read once a transaction, twice).
      const a = accountOf ? accountOf(key, accountIndex) : this.svm.getAccount(key);
      const lamports = a ? a.lamports() : 0n;
      balances.push(lamports);
      if (lamports === 0n) return;
      const owner = a.owner();
      if (!isTokenProgram(owner)) return;
      const token = readTokenAccount(encodeKey58(owner), a.data());
      if (!token) return;
      const decimals = this.mintDecimals(token.mint);
      if (decimals === null) return;
      tokenBalances.push({
        accountIndex,
        mint: token.mint,
        owner: token.owner,
        programId: token.programId,
        uiTokenAmount: uiTokenAmount(token.amount, decimals),
      });
    });
    return { balances, tokenBalances };
  }

  /**
   * Simulates without committing. replaceRecentBlockhash swaps in the latest blockhash first;
   * sigVerified: the signatures were verified already (sigverify.mjs), so sigVerify is off.
   * @returns outcome (outcome.mjs) plus fee, keys, and the replacement blockhash when one was used
   */
  simulate(tx, wire, { sigVerify = false, sigVerified = false, replaceRecentBlockhash = false } = {}) {
    // Signatures a SignatureVerifier already checked (sigverify.mjs) are not checked again.
    if (sigVerified) sigVerify = false;
    let bytes = wire;
    let replacement = null;
    if (replaceRecentBlockhash) {
      const latest = this.latestBlockhash('processed');
      bytes = Uint8Array.from(wire);
      bytes.set(decodeBase58(latest.blockhash), wire.length - tx.messageBytes.length + tx.message.blockhashOffset);
      replacement = { blockhash: latest.blockhash, lastValidBlockHeight: latest.lastValidBlockHeight };
    }
    const fees = messageFee(tx.message);
    const fee = fees.fee;
    const rejected = this.precheck(tx, { sigVerify, checkBlockhash: !replaceRecentBlockhash });
    if (rejected) return { ...emptyOutcome(rejected), fee, fees, replacement, resolved: this.resolveKeys(tx.message) };
    const outcome = this.run('simulate', bytes, sigVerify);
    outcome.fee = fee;
    outcome.fees = fees;
    outcome.replacement = replacement;
    outcome.resolved = this.resolveKeys(tx.message);
    return outcome;
  }

  /**
   * Executes and records a transaction, as a validator's banking stage would.
   * simulated: this transaction's successful preflight (simulate with sigVerify, its own
   * blockhash) in the same turn of the event loop: its result is committed instead of running
   * the transaction a second time.
   * @returns {{included: boolean, record?: object, error: {json, message}|null}}
   */
  execute(tx, wire, { sigVerified = false, simulated = null } = {}) {
    // A committed preflight ran in this turn with the same checks and keys: they still hold.
    const commit = simulated?.ok && simulated.postAccounts && simulated.replacement === null;
    const rejected = commit ? null : this.precheck(tx, { sigVerify: !sigVerified });
    if (rejected) return this.dropped(tx, rejected);
    const resolved = commit ? simulated.resolved : this.resolveKeys(tx.message);
    const keys = resolved?.keys ?? tx.message.staticKeys;
    const pre = this.snapshot(keys);
    let outcome;
    let post;
    if (commit) {
      this.commitSimulation(tx, simulated.postAccounts);
      outcome = simulated;
      // The accounts just committed are the post state as LiteSVM now holds it; the others
      // (read-only to the transaction) are read from LiteSVM as before.
      const committed = simulated.postAccounts;
      const committedAccount = (key) => {
        for (const p of committed) if (Buffer.compare(p.address, key) === 0) return p.account;
        return undefined;
      };
      post = this.snapshot(
        keys,
        (key) => committedAccount(key) ?? this.svm.getAccount(key),
        (key) => committedAccount(key)?.lamports(),
      );
    } else {
      outcome = this.run('send', wire, !sigVerified);
      if (!outcome.ok && this.svm.getTransaction(tx.signatures[0]) === null) {
        return this.dropped(tx, { json: outcome.err, message: outcome.error });
      }
    }
    post ??= this.snapshot(keys);
    const { fee, computeUnitPrice } = commit ? simulated.fees : messageFee(tx.message);
    const accountKeys = keys.map(encodeKey58);
    const writableKeys = accountKeys.filter((_, i) => isWritableIndex(tx.message, i, resolved?.writableLoaded ?? 0));
    const record = {
      signature: signatureText(tx),
      slot: this.slot,
      blockTime: this.store.blocks.get(this.slot)?.blockTime ?? Math.floor(Date.now() / 1000),
      version: tx.message.version,
      wire: Buffer.from(wire).toString('base64'),
      err: outcome.err,
      fee,
      preBalances: pre.balances,
      postBalances: post.balances,
      preTokenBalances: pre.tokenBalances,
      postTokenBalances: post.tokenBalances,
      logs: outcome.logs,
      computeUnits: outcome.computeUnits,
      innerInstructions: uiInnerInstructions(outcome.innerInstructions),
      loadedAddresses: {
        writable: (resolved?.loaded.writable ?? []).map(encodeKey58),
        readonly: (resolved?.loaded.readonly ?? []).map(encodeKey58),
      },
      returnData: outcome.returnData && { programId: outcome.returnData.programId, data: Buffer.from(outcome.returnData.data).toString('base64') },
      accountKeys,
    };
    this.store.addTransaction(record);
    this.transactionCount += 1;
    this.notePriorityFee(computeUnitPrice, writableKeys);
    this.emit('transaction', record, writableKeys);
    return { included: true, record, error: outcome.ok ? null : { json: outcome.err, message: outcome.error } };
  }

  dropped(tx, error) {
    this.log.debug('transaction dropped', { signature: signatureText(tx), error: error.message });
    return { included: false, error };
  }

  notePriorityFee(price, writableKeys) {
    let entry = this.priorityFees.get(this.slot);
    if (!entry) this.priorityFees.set(this.slot, (entry = { min: null, accounts: new Map() }));
    if (entry.min === null || price < entry.min) entry.min = price;
    for (const key of writableKeys) {
      const current = entry.accounts.get(key);
      if (current === undefined || price < current) entry.accounts.set(key, price);
    }
  }

  /** Agave's getRecentPrioritizationFees: per recent slot, max over the accounts of their min fee. */
  recentPrioritizationFees(addresses) {
    const out = [];
    for (let slot = Math.max(this.genesisSlot, this.slot - PRIORITY_FEE_SLOTS + 1); slot <= this.slot; slot++) {
      const entry = this.priorityFees.get(slot);
      let fee = entry?.min ?? 0n;
      for (const a of addresses) {
        const f = entry?.accounts.get(a);
        if (f !== undefined && f > fee) fee = f;
      }
      out.push({ slot, prioritizationFee: fee });
    }
    return out;
  }

  /** Wire bytes of a transfer from the faucet: airdrops are ordinary, recorded transactions. */
  airdropTransaction(to, lamports) {
    this.airdrops += 1;
    const { messageBytes, signerKeys } = compileLegacyMessage({
      payer: this.faucet.publicKey,
      recentBlockhash: decodeBase58(this.latestBlockhashText()),
      instructions: [
        // A distinct compute-unit limit per request keeps repeated equal airdrops distinct transactions.
        setComputeUnitLimit(10_000 + (this.airdrops % 1_000_000)),
        transfer({ from: this.faucet.publicKey, to, lamports }),
      ],
    });
    return signTransaction(messageBytes, signerKeys, [this.faucet]);
  }

  signatureStatus(signature, searchTransactionHistory) {
    const record = this.store.get(signature);
    if (!record) return null;
    if (!searchTransactionHistory && this.slot - record.slot > STATUS_CACHE_SLOTS) return null;
    const status = this.confirmationStatus(record.slot);
    return {
      slot: record.slot,
      confirmations: status === 'finalized' ? null : this.slot - record.slot,
      err: record.err,
      status: record.err === null ? { Ok: null } : { Err: record.err },
      confirmationStatus: status,
    };
  }
}

// A parsed transaction's base58 texts, encoded once however often they are needed.
export const signatureText = (tx) => (tx.signatureText ??= encodeBase58(tx.signatures[0]));
const blockhashText = (tx) => (tx.blockhashText ??= encodeKey58(tx.message.recentBlockhash));

const TOKEN_PROGRAM_KEYS = [TOKEN_PROGRAM, TOKEN_2022_PROGRAM].map((k) => Buffer.from(decodeBase58(k)));
const isTokenProgram = (owner) => TOKEN_PROGRAM_KEYS.some((k) => k.equals(owner));

function emptyOutcome(error) {
  return { ok: false, err: error.json, error: error.message, logs: [], computeUnits: 0, returnData: null, innerInstructions: [], postAccounts: null };
}

function verifySignatures(tx) {
  if (tx.signatures.length !== tx.message.header.numRequiredSignatures) return false;
  return tx.signatures.every((signature, i) => {
    const key = tx.message.staticKeys[i];
    if (!key) return false;
    try {
      const publicKey = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, key]), format: 'der', type: 'spki' });
      return verify(null, tx.messageBytes, publicKey, signature);
    } catch {
      return false;
    }
  });
}

/** Inner instructions in the RPC's form: only top-level indexes that had any, data in base58. */
function uiInnerInstructions(lists) {
  return lists
    .map((list, index) => ({
      index,
      instructions: list.map((i) => ({ programIdIndex: i.programIdIndex, accounts: i.accounts, data: encodeBase58(i.data), stackHeight: i.stackHeight })),
    }))
    .filter((entry) => entry.instructions.length > 0);
}
