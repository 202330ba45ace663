import test from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { encodeBase58, encodeKey58 } from './keys.mjs';

test('encodeKey58 gives base58 of any bytes, the same text from a cached key and from a view into a larger buffer', () => {
  for (let i = 0; i < 200; i++) {
    const key = randomBytes(32);
    assert.equal(encodeKey58(key), bs58.encode(key));
    assert.equal(encodeKey58(key), bs58.encode(key)); // the cached text
    const wire = new Uint8Array(100);
    wire.set(key, 7);
    assert.equal(encodeKey58(wire.subarray(7, 39)), bs58.encode(key));
  }
  assert.equal(encodeKey58(new Uint8Array(32)), '11111111111111111111111111111111');
  const signature = randomBytes(64);
  assert.equal(encodeKey58(signature), bs58.encode(signature)); // not a key: encoded, not cached
});

test('encodeBase58 matches bs58 on every length to 80 bytes, leading zeros, all zeros and all ones', () => {
  for (let n = 0; n <= 80; n++) {
    for (let t = 0; t < 60; t++) {
      const b = randomBytes(n);
      for (let i = 0; i < Math.min(n, t % 5); i++) b[i] = 0;
      if (t === 1) b.fill(0);
      if (t === 2) b.fill(255);
      if (t === 3 && n) (b.fill(0), (b[n - 1] = 1));
      if (t === 4 && n > 1) (b.fill(0), (b[1] = 58));
      assert.equal(encodeBase58(b), bs58.encode(b), b.toString('hex'));
    }
  }
});
