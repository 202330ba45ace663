import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './testing.mjs';
import { Keypair } from './keys.mjs';

test('a transaction in the first slot is not finalized before its slots have passed', async () => {
  // Slots never advance here: everything lands in the genesis slot.
  const s = await startServer(['--slot-ms', '60000']);
  try {
    const sig = await s.call('requestAirdrop', [Keypair.generate().address, 1_000_000_000]);
    const { value } = await s.call('getSignatureStatuses', [[sig]]);
    assert.equal(value[0].confirmationStatus, 'processed');
    assert.equal(value[0].confirmations, 0);
  } finally {
    await s.stop();
  }
});
