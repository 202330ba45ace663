// JSON that keeps 64-bit integers exact. Parsing: integers beyond Number's safe range become
// BigInt, and a top-level "id" keeps its original text (solana-go sends random u64 ids and
// matches replies by them). Writing: BigInt as integer text, RawJson as its text verbatim.
// Both parsers refuse nesting deeper than MAX_DEPTH, and both keep a "__proto__" key as an
// ordinary own property (as JSON.parse does), never as the object's prototype.

export class RawJson {
  constructor(text) {
    this.text = text;
  }
}

export class JsonParseError extends Error {}

// Any run of 16+ digits might be an unsafe integer; only then is the slow exact parser needed.
const LONG_DIGITS = /\d{16}/;
export const MAX_DEPTH = 64;

export function parseJson(text) {
  checkDepth(text);
  if (!LONG_DIGITS.test(text)) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new JsonParseError(err.message);
    }
  }
  return new ExactParser(text).parseDocument();
}

/** Refuses text whose arrays and objects nest deeper than MAX_DEPTH (brackets in strings do not count). */
function checkDepth(text) {
  if (!hasManyBrackets(text)) return; // the usual request: a few brackets, found natively
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) throw new JsonParseError(`nesting deeper than ${MAX_DEPTH} levels at position ${i}`);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
}

/** Whether the text holds more than MAX_DEPTH opening brackets, the least that can nest too deep. */
function hasManyBrackets(text) {
  let n = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) {
      if (++n > MAX_DEPTH) return true;
    }
  }
  return false;
}

class ExactParser {
  constructor(text) {
    this.s = text;
    this.i = 0;
  }

  fail(what) {
    throw new JsonParseError(`${what} at position ${this.i}`);
  }

  ws() {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.i++;
    }
  }

  parseDocument() {
    const value = this.value(0);
    this.ws();
    if (this.i !== this.s.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  value(depth) {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number().value;
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  }

  object(depth) {
    this.i++;
    const out = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a string key');
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":"');
      this.i++;
      this.ws();
      const c = this.s[this.i];
      const value = depth === 0 && key === 'id' && (c === '-' || (c >= '0' && c <= '9')) ? new RawJson(this.number().text) : this.value(depth + 1);
      // defineProperty: assigning to "__proto__" would set the prototype instead of a property.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      this.ws();
      const sep = this.s[this.i++];
      if (sep === '}') return out;
      if (sep !== ',') this.fail('expected "," or "}"');
    }
  }

  array(depth) {
    this.i++;
    const out = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const sep = this.s[this.i++];
      if (sep === ']') return out;
      if (sep !== ',') this.fail('expected "," or "]"');
    }
  }

  string() {
    const start = this.i;
    this.i++;
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '"') {
        this.i++;
        try {
          return JSON.parse(s.slice(start, this.i));
        } catch {
          this.i = start;
          this.fail('invalid string');
        }
      }
      this.i += c === '\\' ? 2 : 1;
    }
    return this.fail('unterminated string');
  }

  number() {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.fail('invalid number');
    const text = m[0];
    this.i += text.length;
    if (m[2] === undefined && m[3] === undefined) {
      const n = Number(text);
      return { text, value: Number.isSafeInteger(n) ? n : BigInt(text) };
    }
    return { text, value: Number(text) };
  }
}

/** Serialises like JSON.stringify, writing BigInt as integer text and RawJson verbatim. */
export function stringifyJson(value) {
  const parts = [];
  write(value, parts);
  return parts.join('');
}

function write(v, out) {
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'number':
      out.push(Number.isFinite(v) ? String(v) : 'null');
      return;
    case 'bigint':
      out.push(v.toString());
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'undefined':
      out.push('null');
      return;
    default:
  }
  if (v === null) {
    out.push('null');
  } else if (v instanceof RawJson) {
    out.push(v.text);
  } else if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(',');
      write(v[i], out);
    }
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const key of Object.keys(v)) {
      if (v[key] === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      write(v[key], out);
    }
    out.push('}');
  }
}
