// Fixed samples for golden/jobs.json. Values mirror client/jobs/golden_test.go.
import anchor from "@coral-xyz/anchor";

const { BN } = anchor;
const { PublicKey } = anchor.web3;

// Key i: 32 bytes all equal to i.
const key = (i) => new PublicKey(Buffer.alloc(32, i));
const bytes32 = (i) => Array.from({ length: 32 }, () => i);
const u64 = (s) => new BN(s);

const params = {
  authority: key(1),
  arbiter: key(2),
  reservation_fee_bps: u64("25"),
  usdc_fee_bps: u64("200"),
  challenge_window_seconds: u64("3600"),
  expiry_grace_seconds: u64("-1"),
  expiry_penalty: u64("5000000000"),
  fraud_penalty: u64("18446744073709551615"),
  min_bond_bps: u64("500"),
  min_checker_stake: u64("10000000000"),
  audit_rate_bps: u64("1000"),
  audit_fee_bps: u64("5000"),
  verdict_seconds: u64("3600"),
  checker_miss_penalty: u64("2000000000"),
  checker_minority_penalty: u64("5000000000"),
};

// CheckerRegistry (3,088 bytes) is left out: the Anchor accounts coder encodes into 1,000 bytes.
export default {
  instructions: [
    { name: "initialize", args: { params } },
    { name: "update_params", args: { params } },
    { name: "check_params", args: { params } },
    {
      name: "create_job",
      args: {
        job_id: u64("42"), spec_hash: bytes32(7), gpu_class: 3, gpu_count: u64("8"),
        price_per_hour: u64("250000000"), max_duration_seconds: u64("10800"), audit_exempt: 1,
        job_bump: 254, escrow_bump: 255,
      },
    },
    { name: "cancel_job", args: {} },
    { name: "claim_job", args: {} },
    {
      name: "submit_attestation",
      args: { result_hash: bytes32(9), started_ts: u64("1700000000"), ended_ts: u64("-2"), metrics_digest: bytes32(10) },
    },
    {
      name: "attest_failure",
      args: { result_hash: bytes32(9), started_ts: u64("1700000000"), ended_ts: u64("-2"), metrics_digest: bytes32(10) },
    },
    { name: "publish_spec", args: { total_len: 1000, offset: 400, chunk: Buffer.from("ionet spec"), bump: 253 } },
    { name: "close_spec", args: {} },
    { name: "extend_job", args: { extra_seconds: u64("7200") } },
    { name: "settle_job", args: {} },
    { name: "expire_job", args: {} },
    { name: "challenge_job", args: { bond: u64("123456789") } },
    { name: "resolve_challenge", args: { fraud: true } },
    { name: "register_checker", args: { verdict_key: key(5), classes: 3, stake: u64("10000000000") } },
    { name: "draw_audit", args: {} },
    { name: "submit_verdict", args: { commitment: bytes32(9) } },
    { name: "reveal_verdict", args: { digest: bytes32(10) } },
    { name: "escalate_audit", args: {} },
  ],
  accounts: [
    {
      name: "JobsConfig",
      value: {
        authority: key(1), arbiter: key(2), io_mint: key(3), usdc_mint: key(4), io_treasury: key(5), usdc_treasury: key(6),
        staking_program: key(7), checker_vault: key(8), reservation_fee_bps: u64("25"), usdc_fee_bps: u64("200"), challenge_window_seconds: u64("3600"),
        expiry_grace_seconds: u64("600"), expiry_penalty: u64("5000000000"), fraud_penalty: u64("20000000000"), min_bond_bps: u64("500"),
        min_checker_stake: u64("10000000000"), next_job_id: u64("18446744073709551615"), audit_rate_bps: u64("1000"),
        audit_fee_bps: u64("5000"), verdict_seconds: u64("3600"), checker_miss_penalty: u64("2000000000"), checker_minority_penalty: u64("5000000000"),
        bump: 255, io_treasury_bump: 254, usdc_treasury_bump: 253, checker_vault_bump: 252, registry_bump: 251, reserved: [0, 0, 0],
      },
    },
    {
      name: "Job",
      value: {
        id: u64("42"), buyer: key(1), mint: key(2), escrow: key(3), spec_hash: bytes32(5), device_key: key(6),
        device: key(7), worker: key(8), challenger: key(9), result_hash: bytes32(11), metrics_digest: bytes32(12),
        price_per_hour: u64("250000000"), max_duration_seconds: u64("10800"), escrowed: u64("751875000"), fee_bps: u64("25"),
        bond: u64("1"), gpu_count: u64("8"), created_ts: u64("1700000000"), claimed_ts: u64("1700000001"), started_ts: u64("1700000002"),
        ended_ts: u64("1700000003"), window_end_ts: u64("-4"), attested_slot: u64("4242"), gpu_class: 3, state: 2, bump: 250, escrow_bump: 249,
        failed: 1, audit: 2, audit_exempt: 1, reserved: [0],
      },
    },
    {
      name: "JobSpec",
      value: { job: key(1), buyer: key(2), len: 1000, written: 400, complete: 0, bump: 251, reserved: [0, 0, 0, 0, 0, 0] },
    },
    {
      name: "Checker",
      value: {
        owner: key(1), verdict_key: key(2), stake: u64("10000000000"), rewards: u64("7"), unlock_ts: u64("-1"), open_audits: u64("2"),
        classes: 5, reserved: [0, 0, 0, 0, 0, 0, 0],
      },
    },
    {
      name: "Audit",
      value: {
        job: key(1), device: key(2), worker: key(3), payer: key(4), seed: bytes32(5), checkers: [key(6), key(7), key(0)],
        results: [bytes32(8), bytes32(9), bytes32(0)], excluded: [key(10), key(0), key(0), key(0), key(0), key(0), key(0), key(0)],
        commitments: [bytes32(11), bytes32(12), bytes32(0)],
        draws: u64("3"), seed_slot: u64("4243"), deadlines: [u64("1700000000"), u64("-1"), u64("0")], needed: 3, reason: 1,
        verdicts: [2, 1, 3], excluded_count: 1, exhausted: 0, seeded: 1, spare: 0, seen: [0, 1, 3], reserved: Array(4).fill(0),
      },
    },
  ],
  events: [
    { name: "AuditDrawn", value: { job_id: u64("42"), selected: 1 } },
    { name: "CheckerAssigned", value: { job_id: u64("42"), checker: key(6), slot: 2, deadline: u64("1700000300") } },
    { name: "CheckerSkipped", value: { job_id: u64("42"), checker: key(7) } },
    { name: "VerdictSubmitted", value: { job_id: u64("42"), checker: key(6), slot: 1, matched: 0 } },
    { name: "CheckerPenalized", value: { job_id: u64("42"), checker: key(6), amount: u64("5000000000"), reason: 1 } },
    { name: "JobCreated", value: { job_id: u64("42"), buyer: key(1), mint: key(2), escrowed: u64("751875000") } },
    { name: "JobClaimed", value: { job_id: u64("42"), device_key: key(6) } },
    { name: "JobAttested", value: { job_id: u64("42"), result_hash: bytes32(11), started_ts: u64("1700000002"), ended_ts: u64("1700000003") } },
    { name: "JobExtended", value: { job_id: u64("42"), max_duration_seconds: u64("18000"), escrowed: u64("1253125000"), added: u64("501250000") } },
    { name: "JobFailed", value: { job_id: u64("42"), device_key: key(6), refunded: u64("751875000"), started_ts: u64("1700000002"), ended_ts: u64("-3") } },
    { name: "JobChallenged", value: { job_id: u64("42"), challenger: key(9), bond: u64("1") } },
    {
      name: "JobClosed",
      value: { job_id: u64("42"), outcome: 4, paid: u64("250000000"), fee: u64("625000"), refunded: u64("501250000"), bond: u64("1"), slashed: u64("0") },
    },
  ],
};
