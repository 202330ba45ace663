// Websocket subscriptions (Solana's PubSub): account, program, signature, logs and slot, each
// delivered at its commitment level: processed at execution, confirmed and finalized once the
// landing slot is that old.
import { WebSocketServer } from 'ws';
import * as p from './rpc/params.mjs';
import { Dispatcher } from './rpc/dispatch.mjs';
import { accountEncoding, compileFilters } from './rpc/accounts.mjs';
import { uiAccount } from './encode.mjs';
import { decodeBase58, encodeBase58 } from './keys.mjs';
import { stringifyJson } from './jsonbig.mjs';
import { invalidParams } from './rpcerror.mjs';

const LEVELS = ['processed', 'confirmed', 'finalized'];
const MAX_PAYLOAD = 1 << 20;
const CLOSED_ACCOUNT = { lamports: 0n, owner: '11111111111111111111111111111111', data: new Uint8Array(0), executable: false, rentEpoch: 0n };

export class PubSub {
  constructor(bank, log) {
    this.bank = bank;
    this.log = log;
    this.nextId = 1;
    this.subs = new Map(); // id -> subscription
    this.pending = []; // {record, writableKeys, done: Set<level>} not yet delivered at every level
    bank.on('transaction', (record, writableKeys) => this.onTransaction(record, writableKeys));
    bank.on('slot', (info) => this.onSlot(info));
  }

  /** Starts the websocket server; resolves once it listens. */
  listen(port, host) {
    this.wss = new WebSocketServer({ port, host, maxPayload: MAX_PAYLOAD });
    this.wss.on('connection', (socket) => this.onConnection(socket));
    return new Promise((resolve, reject) => {
      this.wss.once('listening', resolve);
      this.wss.once('error', reject);
    });
  }

  close() {
    for (const client of this.wss?.clients ?? []) client.terminate();
    return new Promise((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  onConnection(socket) {
    const owned = new Set();
    const deferred = [];
    const dispatcher = new Dispatcher(this.methods(socket, owned, deferred), this.log);
    socket.on('message', async (data) => {
      let reply;
      try {
        reply = await dispatcher.handleText(data.toString('utf8'));
      } catch (err) {
        this.log.error('websocket request failed', { error: err?.stack ?? String(err) });
        reply = '{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null}';
      }
      if (reply && socket.readyState === socket.OPEN) socket.send(reply);
      while (deferred.length) deferred.shift()();
    });
    socket.on('close', () => {
      for (const id of owned) this.subs.delete(id);
    });
    socket.on('error', (err) => this.log.debug('websocket error', { error: err.message }));
  }

  methods(socket, owned, deferred) {
    const add = (sub) => {
      const id = this.nextId++;
      this.subs.set(id, { ...sub, id, socket });
      owned.add(id);
      return id;
    };
    const remove = (kind) => (params) => {
      p.positional(params, 1, 1, 'subscription id');
      const id = typeof params[0] === 'number' ? params[0] : -1;
      const sub = this.subs.get(id);
      if (!sub || sub.kind !== kind || sub.socket !== socket) throw invalidParams('Invalid subscription id.');
      this.subs.delete(id);
      owned.delete(id);
      return true;
    };
    const level = (cfg) => p.commitment(cfg);
    return {
      accountSubscribe: (params) => {
        p.positional(params, 1, 2, 'pubkey, [config]');
        const pubkey = encodeBase58(p.pubkey(params[0], 'pubkey'));
        const cfg = p.config(params[1]);
        return add({ kind: 'account', pubkey, commitment: level(cfg), how: accountEncoding(this.bank, cfg) });
      },
      programSubscribe: (params) => {
        p.positional(params, 1, 2, 'program id, [config]');
        const program = encodeBase58(p.pubkey(params[0], 'program id'));
        const cfg = p.config(params[1]);
        return add({ kind: 'program', program, commitment: level(cfg), how: accountEncoding(this.bank, cfg), matches: compileFilters(cfg.filters) });
      },
      signatureSubscribe: (params) => {
        p.positional(params, 1, 2, 'signature, [config]');
        const signature = p.signature(params[0]);
        const cfg = p.config(params[1]);
        const sub = { kind: 'signature', signature, commitment: level(cfg), received: p.bool(cfg.enableReceivedNotification, 'enableReceivedNotification', false) };
        const id = add(sub);
        // Already landed deep enough: answer at once, after the subscription reply.
        const record = this.bank.store.get(signature);
        if (record && record.slot <= this.bank.commitmentSlot(sub.commitment)) deferred.push(() => this.deliverSignature(this.subs.get(id), record));
        return id;
      },
      logsSubscribe: (params) => {
        p.positional(params, 1, 2, 'filter, [config]');
        const filter = params[0];
        let mentions = null;
        if (filter && typeof filter === 'object' && Array.isArray(filter.mentions)) {
          if (filter.mentions.length !== 1) throw invalidParams('Invalid params: mentions must hold exactly one public key');
          mentions = encodeBase58(p.pubkey(filter.mentions[0], 'mentions[0]'));
        } else if (filter !== 'all' && filter !== 'allWithVotes') {
          throw invalidParams('Invalid params: the logs filter must be "all", "allWithVotes" or {"mentions": [pubkey]}');
        }
        return add({ kind: 'logs', mentions, commitment: level(p.config(params[1])) });
      },
      slotSubscribe: (params) => {
        p.positional(params, 0, 0, 'none');
        return add({ kind: 'slot' });
      },
      accountUnsubscribe: remove('account'),
      programUnsubscribe: remove('program'),
      signatureUnsubscribe: remove('signature'),
      logsUnsubscribe: remove('logs'),
      slotUnsubscribe: remove('slot'),
    };
  }

  notify(sub, method, result) {
    if (sub.socket.readyState !== sub.socket.OPEN) return;
    sub.socket.send(stringifyJson({ jsonrpc: '2.0', method, params: { result, subscription: sub.id } }));
  }

  onTransaction(record, writableKeys) {
    for (const sub of this.subs.values()) {
      if (sub.kind === 'signature' && sub.received && sub.signature === record.signature) {
        this.notify(sub, 'signatureNotification', { context: { slot: record.slot }, value: 'receivedSignature' });
      }
    }
    const entry = { record, writable: new Set(writableKeys), done: new Set() };
    this.pending.push(entry);
    this.deliverDue();
  }

  onSlot(info) {
    for (const sub of this.subs.values()) if (sub.kind === 'slot') this.notify(sub, 'slotNotification', info);
    this.deliverDue();
  }

  /** Delivers every pending transaction at each level its slot has reached. */
  deliverDue() {
    const reached = Object.fromEntries(LEVELS.map((l) => [l, this.bank.commitmentSlot(l)]));
    for (const entry of this.pending) {
      for (const l of LEVELS) {
        if (entry.done.has(l) || entry.record.slot > reached[l]) continue;
        entry.done.add(l);
        this.deliver(entry, l);
      }
    }
    this.pending = this.pending.filter((e) => e.done.size < LEVELS.length);
  }

  deliver({ record, writable }, commitment) {
    for (const sub of [...this.subs.values()]) {
      if (sub.commitment !== commitment) continue;
      try {
        this.deliverTo(sub, record, writable);
      } catch (err) {
        // e.g. base58 asked for a large account: the subscriber misses this one, the server goes on
        this.log.warn('subscription notification failed', { subscription: sub.id, kind: sub.kind, error: err.message });
      }
    }
  }

  deliverTo(sub, record, writable) {
    const context = { slot: record.slot };
    if (sub.kind === 'signature' && sub.signature === record.signature) this.deliverSignature(sub, record);
    if (sub.kind === 'logs' && (sub.mentions === null || record.accountKeys.includes(sub.mentions))) {
      this.notify(sub, 'logsNotification', { context, value: { signature: record.signature, err: record.err, logs: record.logs } });
    }
    if (sub.kind === 'account' && writable.has(sub.pubkey)) {
      const account = this.bank.getAccount(decodeBase58(sub.pubkey)) ?? CLOSED_ACCOUNT;
      this.notify(sub, 'accountNotification', { context, value: uiAccount(account, sub.how) });
    }
    if (sub.kind === 'program') {
      for (const key of writable) {
        const account = this.bank.getAccount(decodeBase58(key));
        if (!account || account.owner !== sub.program || !sub.matches(account.data)) continue;
        this.notify(sub, 'programNotification', { context, value: { pubkey: key, account: uiAccount(account, sub.how) } });
      }
    }
  }

  deliverSignature(sub, record) {
    if (!sub || !this.subs.has(sub.id)) return;
    this.notify(sub, 'signatureNotification', { context: { slot: record.slot }, value: { err: record.err } });
    this.subs.delete(sub.id); // Solana ends a signature subscription after its notification
  }
}
