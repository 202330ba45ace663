import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from './store.mjs';

function filled(max, count) {
  const store = new Store(max);
  for (let i = 0; i < count; i++) {
    store.addBlock({ slot: i, blockhash: `h${i}`, previousBlockhash: `h${i - 1}`, parentSlot: i - 1, blockTime: i, blockHeight: i });
    store.addTransaction({ signature: `s${i}`, slot: i, accountKeys: ['sys', `a${i % 3}`] });
  }
  return store;
}

test('signaturesFor: newest first, before/until, limit and slot bound', () => {
  const store = filled(1000, 10);
  const sigs = (address, opts) => store.signaturesFor(address, { limit: 100, maxSlot: 100, ...opts }).map((r) => r.signature);
  const cases = [
    { address: 'a1', opts: {}, want: ['s7', 's4', 's1'] },
    { address: 'sys', opts: { limit: 2 }, want: ['s9', 's8'] },
    { address: 'sys', opts: { before: 's5', limit: 2 }, want: ['s4', 's3'] },
    { address: 'sys', opts: { until: 's6' }, want: ['s9', 's8', 's7'] },
    { address: 'sys', opts: { maxSlot: 2 }, want: ['s2', 's1', 's0'] },
    { address: 'nobody', opts: {}, want: [] },
  ];
  for (const c of cases) assert.deepEqual(sigs(c.address, c.opts), c.want, JSON.stringify(c));
});

test('the oldest transactions are evicted with their index entries and blocks', () => {
  const store = filled(3000, 5000);
  assert.equal(store.transactions.size, 3000);
  assert.equal(store.get('s1999'), null);
  assert.equal(store.get('s2000').slot, 2000);
  const all = store.signaturesFor('sys', { limit: 10000, maxSlot: 1e9 });
  assert.equal(all.length, 3000);
  assert.equal(all.at(-1).signature, 's2000');
  assert.equal(store.blocks.has(1999), false);
  assert.deepEqual(store.blocks.get(4999).signatures, ['s4999']);
});

test('a store with no ledger keeps no unsaved records or blocks', () => {
  const store = new Store(10);
  store.persisting = false;
  for (let i = 0; i < 100; i++) {
    store.addBlock({ slot: i, blockhash: `h${i}`, previousBlockhash: `h${i - 1}`, parentSlot: i - 1, blockTime: i, blockHeight: i });
    store.addTransaction({ signature: `s${i}`, slot: i, accountKeys: ['sys'] });
  }
  assert.deepEqual(store.takeUnsaved(), { transactions: [], blocks: [] });
  assert.equal(store.transactions.size, 10);
});
