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
import { invalidParams, RpcError, INVALID_REQUEST } from './rpcerror.mjs';

const LEVELS = ['processed', 'confirmed', 'finalized'];
const MAX_PAYLOAD = 1 << 20;
// Subscriptions one connection may hold: each costs memory and delivery work.
export const MAX_SUBSCRIPTIONS = 10_000;
// Notifications a client may leave unread before it is disconnected.
const MAX_BUFFERED = 16 * 1024 * 1024;
const CLOSED_ACCOUNT = { lamports: 0n, owner: '11111111111111111111111111111111', data: new Uint8Array(0), executable: false, rentEpoch: 0n };

/** Subscriptions of one commitment level, indexed by what they wait for. */
class LevelIndex {
  constructor() {
    this.size = 0; // subscriptions of every kind below
    this.signature = new Map(); // signature -> Set<sub>
    this.account = new Map(); // pubkey -> Set<sub>
    this.program = new Map(); // program id -> Set<sub>
    this.logsAll = new Set();
    this.logsMentions = new Map(); // pubkey -> Set<sub>
  }

  where(sub) {
    if (sub.kind === 'signature') return [this.signature, sub.signature];
    if (sub.kind === 'account') return [this.account, sub.pubkey];
    if (sub.kind === 'program') return [this.program, sub.program];
    return sub.mentions === null ? [null, null] : [this.logsMentions, sub.mentions];
  }

  add(sub) {
    const [map, key] = this.where(sub);
    if (map === null) this.logsAll.add(sub);
    else if (map.has(key)) map.get(key).add(sub);
    else map.set(key, new Set([sub]));
    this.size += 1;
  }

  delete(sub) {
    const [map, key] = this.where(sub);
    if (map === null) this.logsAll.delete(sub);
    else {
      const set = map.get(key);
      set?.delete(sub);
      if (set?.size === 0) map.delete(key);
    }
    this.size -= 1;
  }
}

export class PubSub {
  constructor(bank, log) {
    this.bank = bank;
    this.log = log;
    this.nextId = 1;
    this.subs = new Map(); // id -> subscription
    this.slotSubs = new Set();
    this.levels = new Map(LEVELS.map((l) => [l, new LevelIndex()]));
    // Transactions in execution (so slot) order, kept until finalized: a subscription made after
    // a transaction landed still hears of it at the levels it has not reached yet. Each level
    // delivers from its own cursor, so a new transaction or slot costs only what it delivers.
    this.queue = [];
    this.head = 0; // queue entries before head are finalized and done
    this.cursor = new Map(LEVELS.map((l) => [l, 0]));
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
      if (socket.bufferedAmount > MAX_BUFFERED) {
        this.log.warn('websocket client is not reading its replies; closing it', { buffered: socket.bufferedAmount });
        socket.terminate();
        return;
      }
      if (reply && socket.readyState === socket.OPEN) socket.send(reply);
      while (deferred.length) deferred.shift()();
    });
    socket.on('close', () => {
      for (const id of owned) {
        const sub = this.subs.get(id);
        if (sub) this.unsubscribe(sub);
      }
    });
    socket.on('error', (err) => this.log.debug('websocket error', { error: err.message }));
  }

  methods(socket, owned, deferred) {
    const add = (sub) => {
      if (owned.size >= MAX_SUBSCRIPTIONS) {
        throw new RpcError(INVALID_REQUEST, `Invalid request: a connection may hold at most ${MAX_SUBSCRIPTIONS} subscriptions; unsubscribe some first`);
      }
      const id = this.nextId++;
      const entry = { ...sub, id, socket, owned };
      this.subs.set(id, entry);
      if (entry.kind === 'slot') this.slotSubs.add(entry);
      else this.levels.get(entry.commitment).add(entry);
      owned.add(id);
      return id;
    };
    const remove = (kind) => (params) => {
      p.positional(params, 1, 1, 'subscription id');
      const id = typeof params[0] === 'number' ? params[0] : -1;
      const sub = this.subs.get(id);
      if (!sub || sub.kind !== kind || sub.socket !== socket) throw invalidParams('Invalid subscription id.');
      this.unsubscribe(sub);
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

  unsubscribe(sub) {
    if (!this.subs.delete(sub.id)) return;
    sub.owned.delete(sub.id);
    if (sub.kind === 'slot') this.slotSubs.delete(sub);
    else this.levels.get(sub.commitment).delete(sub);
  }

  notify(sub, method, result) {
    const { socket } = sub;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED) {
      // A client that does not read would make the server hold its notifications without bound.
      this.log.warn('websocket client is not reading its notifications; closing it', { subscription: sub.id, buffered: socket.bufferedAmount });
      socket.terminate();
      return;
    }
    socket.send(stringifyJson({ jsonrpc: '2.0', method, params: { result, subscription: sub.id } }));
  }

  onTransaction(record, writableKeys) {
    for (const index of this.levels.values()) {
      for (const sub of index.signature.get(record.signature) ?? []) {
        if (sub.received) this.notify(sub, 'signatureNotification', { context: { slot: record.slot }, value: 'receivedSignature' });
      }
    }
    this.queue.push({ record, writableKeys });
    this.deliverDue();
  }

  onSlot(info) {
    for (const sub of this.slotSubs) this.notify(sub, 'slotNotification', info);
    this.deliverDue();
  }

  /** Delivers, at each level, the queued transactions whose slot that level has now reached. */
  deliverDue() {
    for (const level of LEVELS) {
      const reached = this.bank.commitmentSlot(level);
      const index = this.levels.get(level);
      let i = Math.max(this.cursor.get(level), this.head);
      for (; i < this.queue.length && this.queue[i].record.slot <= reached; i++) {
        if (index.size > 0) this.deliver(this.queue[i], index);
      }
      this.cursor.set(level, i);
    }
    // Finalized entries are done at every level (finalized is the deepest).
    this.head = this.cursor.get('finalized');
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      for (const level of LEVELS) this.cursor.set(level, this.cursor.get(level) - this.head);
      this.head = 0;
    }
  }

  /** Notifies the subscriptions of one level that this transaction concerns. */
  deliver({ record, writableKeys }, index) {
    const context = { slot: record.slot };
    const guarded = (sub, send) => {
      try {
        send();
      } catch (err) {
        // e.g. base58 asked for a large account: the subscriber misses this one, the server goes on
        this.log.warn('subscription notification failed', { subscription: sub.id, kind: sub.kind, error: err.message });
      }
    };
    for (const sub of [...(index.signature.get(record.signature) ?? [])]) this.deliverSignature(sub, record);
    if (index.logsAll.size > 0 || index.logsMentions.size > 0) {
      const logs = new Set(index.logsAll);
      for (const key of record.accountKeys) for (const sub of index.logsMentions.get(key) ?? []) logs.add(sub);
      const value = { signature: record.signature, err: record.err, logs: record.logs };
      for (const sub of logs) guarded(sub, () => this.notify(sub, 'logsNotification', { context, value }));
    }
    if (index.account.size > 0) {
      for (const key of writableKeys) {
        for (const sub of index.account.get(key) ?? []) {
          guarded(sub, () => {
            const account = this.bank.getAccount(decodeBase58(key)) ?? CLOSED_ACCOUNT;
            this.notify(sub, 'accountNotification', { context, value: uiAccount(account, sub.how) });
          });
        }
      }
    }
    if (index.program.size > 0) {
      for (const key of writableKeys) {
        const account = this.bank.getAccount(decodeBase58(key));
        for (const sub of (account && index.program.get(account.owner)) ?? []) {
          guarded(sub, () => {
            if (sub.matches(account.data)) this.notify(sub, 'programNotification', { context, value: { pubkey: key, account: uiAccount(account, sub.how) } });
          });
        }
      }
    }
  }

  deliverSignature(sub, record) {
    if (!sub || !this.subs.has(sub.id)) return;
    this.notify(sub, 'signatureNotification', { context: { slot: record.slot }, value: { err: record.err } });
    this.unsubscribe(sub); // Solana ends a signature subscription after its notification
  }
}
