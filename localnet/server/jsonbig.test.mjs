import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson, stringifyJson, RawJson, JsonParseError } from './jsonbig.mjs';

test('parses and writes 64-bit integers exactly', () => {
  const cases = [
    { text: '{"jsonrpc":"2.0","id":18446744073709551615,"method":"getSlot"}', id: '18446744073709551615' },
    { text: '{"id":12345678901234567,"params":[9007199254740993]}', id: '12345678901234567', param: 9007199254740993n },
    { text: '{"id":"abc","params":[1]}', id: '"abc"', param: 1 },
    { text: '{"id":7,"params":[1.5]}', id: '7', param: 1.5 },
  ];
  for (const c of cases) {
    const v = parseJson(c.text);
    assert.equal(stringifyJson(v.id), c.id, c.text);
    if ('param' in c) assert.equal(v.params[0], c.param, c.text);
  }
});

test('only a top-level id keeps its raw text', () => {
  const v = parseJson('{"id":1111111111111111111,"params":[{"id":1111111111111111111}]}');
  assert.ok(v.id instanceof RawJson);
  assert.equal(v.params[0].id, 1111111111111111111n);
});

test('writes BigInt, nested values and skips undefined members', () => {
  assert.equal(
    stringifyJson({ a: 18446744073709551615n, b: [1, 'x"y', null, true], c: undefined, d: { e: new RawJson('42') } }),
    '{"a":18446744073709551615,"b":[1,"x\\"y",null,true],"d":{"e":42}}',
  );
});

test('rejects malformed JSON with a position', () => {
  for (const text of ['{"id":1111111111111111111,', '{"a" 1}', '[1,2', '{"id":11111111111111111} x', '']) {
    assert.throws(() => parseJson(text), JsonParseError, text);
  }
});

test('"__proto__" is an ordinary key in both parsers, never the prototype', () => {
  for (const id of ['1', '1234567890123456789']) {
    const v = parseJson(`{"jsonrpc":"2.0","id":${id},"__proto__":{"method":"getSlot"}}`);
    assert.equal(Object.getPrototypeOf(v), Object.prototype, id);
    assert.equal(v.method, undefined, id);
    assert.ok(Object.hasOwn(v, '__proto__'), id);
  }
});

test('nesting deeper than 64 levels is a parse error in both parsers', () => {
  for (const digits of ['1', '1234567890123456789']) {
    const deep = `{"id":${digits},"params":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    assert.throws(() => parseJson(deep), /nesting deeper than 64/, digits);
  }
  const ok = `${'['.repeat(64)}${']'.repeat(64)}`;
  assert.equal(stringifyJson(parseJson(ok)), ok);
  // Brackets inside strings are not nesting.
  assert.deepEqual(parseJson(`["${'['.repeat(100)}\\"["]`), [`${'['.repeat(100)}"[`]);
});
