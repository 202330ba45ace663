// PubSub's delivery work, in-process over a stand-in bank: it grows with what is delivered, not
// with the number of transactions waiting for their confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PubSub, MAX_SUBSCRIPTIONS } from './ws.mjs';
import { encodeBase58 } from './keys.mjs';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

class StandInBank extends EventEmitter {
  slot = 100;
  store = { get: () => null };
  commitmentSlot(level) {
    return this.slot - { processed: 0, confirmed: 1, finalized: 4 }[level];
  }
  getAccount() {
    return { lamports: 1n, owner: '11111111111111111111111111111111', data: new Uint8Array(0), executable: false, rentEpoch: 0n };
  }
  mintDecimals() {
    return null;
  }
}

/** A transaction record whose slot reads are counted: each read is a pending entry looked at. */
function record(i, slot, reads) {
  return {
    signature: signatureOf(i),
    get slot() {
      reads.count += 1;
      return slot;
    },
    err: null,
    logs: [],
    accountKeys: [`key${i}`],
  };
}

const signatureOf = (i) => encodeBase58(new Uint8Array(64).fill(1 + (i % 250)));

function socket() {
  const sent = [];
  const ws = { sent, readyState: 1, OPEN: 1, bufferedAmount: 0, terminated: false };
  ws.send = (m) => sent.push(JSON.parse(m));
  ws.terminate = () => {
    ws.terminated = true;
    ws.readyState = 3;
  };
  return ws;
}

test('delivery work does not grow with the pending transactions', () => {
  const bank = new StandInBank();
  const pubsub = new PubSub(bank, silent);
  const ws = socket();
  const methods = pubsub.methods(ws, new Set(), []);
  const watched = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T';
  methods.accountSubscribe([watched, { commitment: 'finalized', encoding: 'base64' }]);
  const reads = { count: 0 };
  const n = 4000;
  // n transactions in one slot: none confirmed yet, all pending at confirmed and finalized.
  for (let i = 0; i < n; i++) bank.emit('transaction', record(i, bank.slot, reads), i === 7 ? [watched] : [`key${i}`]);
  assert.ok(reads.count < 10 * n, `${reads.count} pending entries looked at for ${n} transactions`);
  assert.equal(ws.sent.length, 0, 'nothing is finalized yet');
  // Four slots later all are finalized: the one that wrote the watched account is delivered once.
  for (let k = 0; k < 4; k++) {
    bank.slot += 1;
    bank.emit('slot', { slot: bank.slot, parent: bank.slot - 1, root: bank.commitmentSlot('finalized') });
  }
  assert.equal(ws.sent.length, 1);
  assert.equal(ws.sent[0].method, 'accountNotification');
  assert.ok(reads.count < 20 * n, `${reads.count} pending entries looked at`);
});

test('with no subscribers nothing is delivered, and a late signature subscriber still hears', () => {
  const bank = new StandInBank();
  const pubsub = new PubSub(bank, silent);
  let delivered = 0;
  const deliver = pubsub.deliver.bind(pubsub);
  pubsub.deliver = (...args) => {
    delivered += 1;
    return deliver(...args);
  };
  const reads = { count: 0 };
  for (let i = 0; i < 100; i++) bank.emit('transaction', record(i, bank.slot, reads), [`key${i}`]);
  assert.equal(delivered, 0, 'no subscriber: no delivery');
  // A signature subscription made after its transaction was processed, before it is confirmed.
  const ws = socket();
  pubsub.methods(ws, new Set(), []).signatureSubscribe([signatureOf(42), { commitment: 'confirmed' }]);
  bank.slot += 1;
  bank.emit('slot', { slot: bank.slot, parent: bank.slot - 1, root: bank.commitmentSlot('finalized') });
  assert.equal(ws.sent.length, 1);
  assert.deepEqual(ws.sent[0].params.result.value, { err: null });
  assert.equal(pubsub.subs.size, 0, 'a delivered signature subscription ends');
});

test('a client that does not read its notifications is disconnected, not buffered for without end', () => {
  const bank = new StandInBank();
  const pubsub = new PubSub(bank, silent);
  const ws = socket();
  pubsub.methods(ws, new Set(), []).slotSubscribe([]);
  bank.emit('slot', { slot: 101, parent: 100, root: 97 });
  assert.equal(ws.sent.length, 1);
  ws.bufferedAmount = 64 * 1024 * 1024; // the client stopped reading
  bank.emit('slot', { slot: 102, parent: 101, root: 98 });
  assert.equal(ws.sent.length, 1, 'nothing more is queued');
  assert.ok(ws.terminated, 'the connection is closed');
});

test('a connection holds a bounded number of subscriptions', () => {
  const pubsub = new PubSub(new StandInBank(), silent);
  const ws = socket();
  const owned = new Set();
  const methods = pubsub.methods(ws, owned, []);
  for (let i = 0; i < MAX_SUBSCRIPTIONS; i++) methods.slotSubscribe([]);
  assert.throws(() => methods.slotSubscribe([]), (err) => err.code === -32600 && /at most 10000 subscriptions/.test(err.message));
  methods.slotUnsubscribe([[...owned][0]]);
  assert.equal(typeof methods.slotSubscribe([]), 'number', 'room again after an unsubscribe');
});

test('delivered signature subscriptions leave room for new ones', () => {
  const bank = new StandInBank();
  const pubsub = new PubSub(bank, silent);
  const ws = socket();
  const owned = new Set();
  const methods = pubsub.methods(ws, owned, []);
  const reads = { count: 0 };
  for (let i = 0; i < MAX_SUBSCRIPTIONS + 10; i++) {
    methods.signatureSubscribe([signatureOf(i), { commitment: 'processed' }]);
    bank.emit('transaction', record(i, bank.slot, reads), []);
  }
  assert.equal(ws.sent.length, MAX_SUBSCRIPTIONS + 10, 'each delivered');
  assert.equal(owned.size, 0);
});
