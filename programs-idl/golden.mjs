// Encodes fixed samples of every IDL in this directory with the official Anchor TS coder
// (@coral-xyz/anchor, pinned by package-lock.json) into golden/<name>.json. The Go clients'
// golden tests compare their encoders (anchor-go output plus the hand-written layer) with these
// bytes. Samples live in samples/<name>.mjs.
//
//   node golden.mjs [OUTDIR]   (default: golden/)
import anchor from "@coral-xyz/anchor";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const { BorshCoder } = anchor;
const here = fileURLToPath(new URL(".", import.meta.url));
const outDir = process.argv[2] ?? join(here, "golden");
mkdirSync(outDir, { recursive: true });

// JSON-friendly copy of a sample value: BN and PublicKey as strings, Buffers as byte arrays.
function plain(value) {
  if (value === null || typeof value !== "object") return value;
  if (typeof value.toBase58 === "function") return value.toBase58();
  if (typeof value.toArrayLike === "function") return value.toString(10);
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

async function encodeAll(idl, samples) {
  const coder = new BorshCoder(idl);
  const eventDisc = Object.fromEntries(idl.events.map((e) => [e.name, Buffer.from(e.discriminator)]));
  const out = [];
  for (const { name, args } of samples.instructions) {
    const bytes = coder.instruction.encode(name, args);
    out.push({ kind: "instruction", name, value: plain(args), hex: bytes.toString("hex") });
  }
  for (const { name, value } of samples.accounts) {
    const bytes = await coder.accounts.encode(name, value);
    out.push({ kind: "account", name, value: plain(value), hex: bytes.toString("hex") });
  }
  for (const { name, value } of samples.events) {
    const bytes = Buffer.concat([eventDisc[name], coder.types.encode(name, value)]);
    // The coder must read back what it wrote: proves the discriminator and layout agree.
    const decoded = coder.events.decode(bytes.toString("base64"));
    if (decoded?.name !== name) throw new Error(`event ${name}: the coder cannot decode its own bytes`);
    out.push({ kind: "event", name, value: plain(value), hex: bytes.toString("hex") });
  }
  return out;
}

for (const file of readdirSync(here).filter((f) => f.endsWith(".json") && f !== "package.json" && f !== "package-lock.json").sort()) {
  const name = basename(file, ".json");
  const idl = JSON.parse(readFileSync(join(here, file), "utf8"));
  const samplesPath = join(here, "samples", `${name}.mjs`);
  if (!existsSync(samplesPath)) {
    throw new Error(`golden: ${file} has no samples/${name}.mjs: write one (instructions, accounts, events to encode)`);
  }
  const samples = (await import(samplesPath)).default;
  const golden = { idl: file, coder: "@coral-xyz/anchor BorshCoder", samples: await encodeAll(idl, samples) };
  // Numeric arrays on one line keep the file readable.
  const text = JSON.stringify(golden, null, 2).replace(/\[\s*(\d+(?:,\s*\d+)*)\s*\]/g, (_, xs) => `[${xs.split(/,\s*/).join(", ")}]`);
  writeFileSync(join(outDir, `${name}.json`), text + "\n");
  console.log(`golden: ${name}: ${golden.samples.length} samples`);
}
