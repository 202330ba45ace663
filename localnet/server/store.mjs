// The bank's history: full transaction records by signature, an address -> signatures index,
// and blocks by slot. Bounded: the oldest transactions (and the blocks they emptied) go first.

// Empty blocks are only kept this many slots back; blocks with transactions live as long as those do.
const EMPTY_BLOCK_RETENTION = 1024;

export class Store {
  constructor(maxTransactions) {
    this.maxTransactions = maxTransactions;
    this.transactions = new Map(); // signature -> record, in execution order
    this.byAddress = new Map(); // address -> {signatures (oldest first), head: index of the oldest kept}
    this.blocks = new Map(); // slot -> {slot, blockhash, previousBlockhash, parentSlot, blockTime, blockHeight, signatures}
    this.unsaved = []; // records not yet appended to the ledger
    this.unsavedBlocks = [];
    // False for a chain with no ledger: nothing would ever take the unsaved lists, which would
    // otherwise hold every record and block (a block a slot) for the life of the server.
    this.persisting = true;
  }

  addBlock(block, { persist = true } = {}) {
    this.blocks.set(block.slot, { ...block, signatures: block.signatures ?? [] });
    if (persist && this.persisting) this.unsavedBlocks.push(block);
    const old = this.blocks.get(block.slot - EMPTY_BLOCK_RETENTION);
    if (old && old.signatures.length === 0) this.blocks.delete(old.slot);
  }

  firstSlot() {
    for (const slot of this.blocks.keys()) return slot;
    return null;
  }

  /** @param record {signature, slot, accountKeys: string[], ...} */
  addTransaction(record, { persist = true } = {}) {
    this.transactions.set(record.signature, record);
    for (const key of new Set(record.accountKeys)) {
      let entry = this.byAddress.get(key);
      if (!entry) this.byAddress.set(key, (entry = { signatures: [], head: 0 }));
      entry.signatures.push(record.signature);
    }
    this.blocks.get(record.slot)?.signatures.push(record.signature);
    if (persist && this.persisting) this.unsaved.push(record);
    while (this.transactions.size > this.maxTransactions) this.evictOldest();
  }

  evictOldest() {
    const [signature, record] = this.transactions.entries().next().value;
    this.transactions.delete(signature);
    for (const key of new Set(record.accountKeys)) {
      // Advance a head index instead of shift(): busy addresses (System) hold every signature.
      const entry = this.byAddress.get(key);
      entry.head += 1;
      if (entry.head === entry.signatures.length) this.byAddress.delete(key);
      else if (entry.head > 1024 && entry.head * 2 > entry.signatures.length) {
        entry.signatures = entry.signatures.slice(entry.head);
        entry.head = 0;
      }
    }
    const block = this.blocks.get(record.slot);
    if (block) {
      block.signatures = block.signatures.filter((s) => s !== signature);
      if (block.signatures.length === 0) this.blocks.delete(record.slot);
    }
  }

  get(signature) {
    return this.transactions.get(signature) ?? null;
  }

  /** Records touching address, newest first, at or below maxSlot, bounded by before/until (exclusive). */
  signaturesFor(address, { before = null, until = null, limit, maxSlot }) {
    const entry = this.byAddress.get(address);
    if (!entry) return [];
    const list = entry.signatures;
    let end = list.length;
    if (before !== null) end = Math.max(list.lastIndexOf(before), entry.head);
    const out = [];
    for (let i = end - 1; i >= entry.head && out.length < limit; i--) {
      if (list[i] === until) break;
      const record = this.transactions.get(list[i]);
      if (record.slot <= maxSlot) out.push(record);
    }
    return out;
  }

  /** Records and blocks added since the last call (for appending to the ledger). */
  takeUnsaved() {
    const out = { transactions: this.unsaved, blocks: this.unsavedBlocks };
    this.unsaved = [];
    this.unsavedBlocks = [];
    return out;
  }
}
