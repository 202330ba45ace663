// The official Anchor TS client fills in every PDA of stake, unstake, create_job and cancel_job
// from our IDLs alone (their `pda` seeds): the test passes only the wallets, token accounts and
// mints (the job, whose id is not an argument of cancel_job, and the stake position, at a
// seeded address the IDL cannot express: PublicKey.createWithSeed), asks
// Anchor for the instruction's accounts, and checks each PDA against the program's derivation
// (the seeds of programs/staking-state/src/layout.rs and programs/jobs/src/state.rs). No chain:
// every seed here is a constant, an account's key or an argument, so nothing is fetched.
// Records at seeded addresses (a Checker, an Audit: `create_with_seed`, no PDA) are passed, as
// a client derives them: the IDL's `pda` has no such kind.
// Then every program's errors: Anchor decodes them by name from the log line the programs write.
//
//   node --test   (in programs-idl/; make test-idl)
import anchor from "@coral-xyz/anchor";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const { Program, BN } = anchor;
const { Connection, Keypair, PublicKey } = anchor.web3;

const idl = (name) => JSON.parse(readFileSync(new URL(`${name}.json`, import.meta.url), "utf8"));
// A connection nothing is sent to: resolution must not need the chain.
const provider = { connection: new Connection("http://127.0.0.1:9") };
const staking = new Program(idl("staking"), provider);
const jobs = new Program(idl("jobs"), provider);

const pda = (programId, ...seeds) =>
  PublicKey.findProgramAddressSync(seeds.map((s) => (typeof s === "string" ? Buffer.from(s) : s)), programId)[0];
const u64 = (n) => new BN(n).toArrayLike(Buffer, "le", 8);
// create_job takes the job's and escrow's bumps (the program does not search for them).
const createJobBumps = (id) => {
  const [job, jobBump] = PublicKey.findProgramAddressSync([Buffer.from("job"), u64(id)], jobs.programId);
  const [, escrowBump] = PublicKey.findProgramAddressSync([Buffer.from("escrow"), job.toBuffer()], jobs.programId);
  return [jobBump, escrowBump];
};

const owner = Keypair.generate().publicKey;
// The owner's stake position: the seeded address of "position" under the owner.
const position = await PublicKey.createWithSeed(owner, "position", staking.programId);
const ownerToken = Keypair.generate().publicKey;
const mint = Keypair.generate().publicKey;
const checker = await PublicKey.createWithSeed(owner, "checker", jobs.programId);
const audit = await PublicKey.createWithSeed(pda(jobs.programId, "job", u64(42)), "audit", jobs.programId);

// Each case: the instruction, the accounts Anchor resolves itself, and their derivation.
const cases = [
  {
    name: "open_position",
    build: () => staking.methods.openPosition().accounts({ owner, position }),
    want: {},
  },
  {
    name: "stake",
    build: () => staking.methods.stake(new BN(5)).accounts({ owner, position, ownerToken }),
    want: {
      config: pda(staking.programId, "config"),
      stakeVault: pda(staking.programId, "stake_vault"),
    },
  },
  {
    name: "unstake",
    build: () => staking.methods.unstake(new BN(5)).accounts({ owner, position }),
    want: { config: pda(staking.programId, "config") },
  },
  {
    name: "create_job",
    build: () =>
      jobs.methods
        .createJob(new BN(42), Array(32).fill(7), 1, new BN(2), new BN(1_000_000), new BN(3_600), 0, ...createJobBumps(42))
        .accounts({ buyer: owner, mint, buyerToken: ownerToken }),
    want: {
      config: pda(jobs.programId, "config"),
      job: pda(jobs.programId, "job", u64(42)),
      escrow: pda(jobs.programId, "escrow", pda(jobs.programId, "job", u64(42)).toBuffer()),
    },
  },
  {
    name: "cancel_job",
    build: () =>
      jobs.methods
        .cancelJob()
        .accounts({ buyer: owner, job: pda(jobs.programId, "job", u64(42)), buyerToken: ownerToken }),
    want: { escrow: pda(jobs.programId, "escrow", pda(jobs.programId, "job", u64(42)).toBuffer()) },
  },
  {
    name: "register_checker",
    build: () => jobs.methods.registerChecker(mint, 1, new BN(5)).accountsPartial({ owner, ownerToken, checker }),
    want: {
      config: pda(jobs.programId, "config"),
      registry: pda(jobs.programId, "checkers"),
      checkerVault: pda(jobs.programId, "checker_vault"),
    },
  },
  {
    name: "draw_audit",
    build: () => jobs.methods.drawAudit().accountsPartial({ payer: owner, job: pda(jobs.programId, "job", u64(42)), audit }),
    want: { config: pda(jobs.programId, "config") },
  },
];

for (const c of cases) {
  test(`Anchor resolves the PDAs of ${c.name} from the IDL`, async () => {
    const accounts = await c.build().pubkeys();
    for (const [name, want] of Object.entries(c.want)) {
      assert.ok(accounts[name], `${c.name}: Anchor left ${name} unresolved`);
      assert.equal(accounts[name].toBase58(), want.toBase58(), `${c.name}.${name}`);
    }
    // The whole instruction builds: every account it needs is known.
    const ix = await c.build().instruction();
    assert.equal(ix.programId.toBase58(), (c.name.endsWith("_job") || c.name.includes("checker") || c.name.includes("audit") ? jobs : staking).programId.toBase58());
  });
}

// Anchor decodes every program error by name: the log line programs/sdk/src/error.rs `fail`
// writes, parsed by AnchorError.parse, gives back the IDL's name, code and message.
for (const name of ["staking", "jobs", "emission", "governance", "capacity"]) {
  test(`Anchor decodes the ${name} errors by name`, () => {
    const { address, errors } = idl(name);
    assert.ok(errors.length > 0);
    for (const { code, name: errorName, msg } of errors) {
      const logs = [
        `Program ${address} invoke [1]`,
        `Program log: AnchorError occurred. Error Code: ${errorName}. Error Number: ${code}. Error Message: ${msg}.`,
        `Program ${address} consumed 1000 of 200000 compute units`,
        `Program ${address} failed: custom program error: 0x${code.toString(16)}`,
      ];
      const parsed = anchor.AnchorError.parse(logs);
      assert.ok(parsed, `${name} ${errorName}: not parsed`);
      assert.deepEqual(parsed.error.errorCode, { code: errorName, number: code });
      assert.equal(parsed.error.errorMessage, msg, `${name} ${errorName}`);
      assert.equal(parsed.program.toBase58(), address);
    }
  });
}
