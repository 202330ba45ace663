import test from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { encodeKey58 } from './keys.mjs';

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
