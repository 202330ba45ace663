import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, legacyTx, until } from './testing.mjs';
import { Keypair, encodeBase58 } from './keys.mjs';
import { parseJson } from './jsonbig.mjs';
import * as ix from './instructions.mjs';

let s;
before(async () => {
  s = await startServer(['--slot-ms', '50', '--finalize-depth', '4']);
});
after(async () => {
  await s.stop();
});

/** A websocket client that collects every message. */
async function client() {
  const ws = new WebSocket(s.ready.ws);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const messages = [];
  ws.on('message', (d) => messages.push(parseJson(d.toString())));
  let id = 0;
  const request = async (method, params = []) => {
    const myId = ++id;
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: myId, method, params }));
    return until(() => messages.find((m) => m.id === myId), 5000, `${method} reply`);
  };
  const notifications = (subscription) => messages.filter((m) => m.params?.subscription === subscription);
  return { ws, messages, request, notifications };
}

test('subscriptions deliver at their commitment and unsubscribe', async () => {
  const c = await client();
  const payer = Keypair.generate();
  const to = Keypair.generate();
  const slotSub = (await c.request('slotSubscribe')).result;
  await until(() => c.notifications(slotSub).length >= 2, 5000, 'slot notifications');
  const slotNote = c.notifications(slotSub)[0];
  assert.equal(slotNote.method, 'slotNotification');
  assert.deepEqual(Object.keys(slotNote.params.result).sort(), ['parent', 'root', 'slot']);
  assert.equal((await c.request('slotUnsubscribe', [slotSub])).result, true);
  assert.equal((await c.request('slotUnsubscribe', [slotSub])).error.code, -32602);

  const accountSub = (await c.request('accountSubscribe', [to.address, { encoding: 'base64', commitment: 'confirmed' }])).result;
  const logsSub = (await c.request('logsSubscribe', [{ mentions: [to.address] }, { commitment: 'processed' }])).result;
  const programSub = (await c.request('programSubscribe', ['11111111111111111111111111111111', { encoding: 'base64', filters: [{ dataSize: 0 }] }])).result;

  const airdrop = await s.call('requestAirdrop', [payer.address, 2_000_000_000]);
  const early = (await c.request('signatureSubscribe', [airdrop, { commitment: 'finalized' }])).result;
  await until(() => c.notifications(early).length === 1, 5000, 'airdrop finalized');
  assert.deepEqual(c.notifications(early)[0].params.result.value, { err: null });

  const { value } = await s.call('getLatestBlockhash', [{ commitment: 'processed' }]);
  const tx = legacyTx({ payer, blockhash: value.blockhash, instructions: [ix.transfer({ from: payer.publicKey, to: to.publicKey, lamports: 1_000_000_000 })] });
  const sigText = encodeBase58(Buffer.from(tx, 'base64').subarray(1, 65));
  const sigSub = (await c.request('signatureSubscribe', [sigText, { commitment: 'confirmed', enableReceivedNotification: true }])).result;
  assert.equal(await s.call('sendTransaction', [tx, { encoding: 'base64' }]), sigText);

  await until(() => c.notifications(sigSub).length === 2, 5000, 'signature notifications');
  assert.equal(c.notifications(sigSub)[0].params.result.value, 'receivedSignature');
  assert.deepEqual(c.notifications(sigSub)[1].params.result.value, { err: null });
  assert.equal((await c.request('signatureUnsubscribe', [sigSub])).error.code, -32602, 'a delivered signature subscription ends');

  await until(() => c.notifications(accountSub).length === 1, 5000, 'account notification');
  const acct = c.notifications(accountSub)[0].params.result;
  assert.equal(acct.value.lamports, 1_000_000_000);
  assert.equal(typeof acct.context.slot, 'number');

  await until(() => c.notifications(logsSub).length === 1, 5000, 'logs notification');
  const logs = c.notifications(logsSub)[0].params.result.value;
  assert.equal(logs.signature, sigText);
  assert.equal(logs.err, null);
  assert.ok(logs.logs.length > 0);

  await until(() => c.notifications(programSub).some((n) => n.params.result.value.pubkey === to.address), 5000, 'program notification');
  for (const [method, id] of [['accountUnsubscribe', accountSub], ['logsUnsubscribe', logsSub], ['programUnsubscribe', programSub]]) {
    assert.equal((await c.request(method, [id])).result, true, method);
  }
  assert.equal((await c.request('nope')).error.code, -32601);
  c.ws.close();
});
