// Fixed samples for golden/governance.json. Values mirror client/governance/golden_test.go.
import anchor from "@coral-xyz/anchor";

const { BN } = anchor;
const { PublicKey } = anchor.web3;

// Key i: 32 bytes all equal to i.
const key = (i) => new PublicKey(Buffer.alloc(32, i));
const u64 = (s) => new BN(s);
const bytes = (n, v) => Array.from({ length: n }, (_, i) => (v + i) % 256);

const params = {
  voting_period_seconds: u64("259200"),
  quorum_bps: u64("400"),
  timelock_seconds: u64("86400"),
  min_stake_to_propose: u64("100000000000"),
};
const action = {
  program_id: key(3),
  accounts: [
    { pubkey: key(9), is_signer: true, is_writable: false },
    { pubkey: key(4), is_signer: false, is_writable: true },
  ],
  data: Buffer.from([1, 2, 3, 250]),
};

// No Proposal account sample: at 3,088 bytes it exceeds the 1,000-byte buffer of the Anchor TS
// accounts coder. client/governance decodes real proposals from the localnet instead.
export default {
  instructions: [
    { name: "initialize", args: { params } },
    { name: "update_config", args: { params } },
    {
      name: "create_proposal",
      args: { title: "Cooldown 7 days", uri: "https://example.org/p/1", description_hash: bytes(32, 7), actions: [action, action] },
    },
    { name: "cast_vote", args: { choice: 2 } },
    { name: "finalize", args: {} },
    { name: "execute", args: {} },
    { name: "cancel", args: {} },
  ],
  accounts: [
    {
      name: "Governance",
      value: {
        staking_program: key(1), voting_period_seconds: u64("259200"), quorum_bps: u64("400"), timelock_seconds: u64("-1"),
        min_stake_to_propose: u64("18446744073709551615"), proposal_count: u64("7"), bump: 254, reserved: [0, 0, 0, 0, 0, 0, 0],
        jobs_program: key(2), emission_program: key(3), capacity_program: key(4),
      },
    },
    {
      name: "VoteRecord",
      value: { proposal: key(1), position: key(2), voter: key(3), weight: u64("5"), voted_ts: u64("-7"), choice: 1, reserved: [0, 0, 0, 0, 0, 0, 0] },
    },
  ],
  events: [],
};
