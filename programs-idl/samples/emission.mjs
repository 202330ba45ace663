// Fixed samples for golden/emission.json. Values mirror client/emission/golden_test.go.
import anchor from "@coral-xyz/anchor";

const { BN } = anchor;
const { PublicKey } = anchor.web3;

// Key i: 32 bytes all equal to i.
const key = (i) => new PublicKey(Buffer.alloc(32, i));
const u64 = (s) => new BN(s);

const settings = {
  staker_split_bps: u64("2000"),
  crank_tip: u64("1000000"),
  max_epochs_per_crank: u64("720"),
  authority: key(1),
  treasury_authority: key(2),
};
const reason = [...Buffer.concat([Buffer.from("buyback"), Buffer.alloc(57)])];

export default {
  instructions: [
    { name: "initialize", args: { start_ts: u64("1767225600"), settings } },
    { name: "update_params", args: { settings } },
    { name: "check_params", args: { settings } },
    { name: "crank", args: { max_epochs: u64("0") } },
    { name: "burn", args: { amount: u64("12345678900"), reason: "revenue buyback, week 1" } },
    { name: "heartbeat", args: { epoch: u64("175319") } },
    { name: "open_liveness", args: {} },
    { name: "set_capacity_program", args: { program: key(5) } },
    { name: "claim_supplier_reward", args: {} },
  ],
  accounts: [
    {
      name: "EmissionState",
      value: {
        authority: key(1), treasury_authority: key(2), io_mint: key(3), staking_program: key(4), staking_config: key(5),
        reward_vault: key(6), staker_vault: key(7), supplier_vault: key(8),
        start_ts: u64("-3600"), staker_split_bps: u64("2000"), crank_tip: u64("1000000"), max_epochs_per_crank: u64("720"),
        last_minted_epoch: u64("175319"), emitted: u64("30000000000000000"), staker_emitted: u64("6000000000000000"),
        supplier_emitted: u64("23999999000000000"), tips_paid: u64("1000000000"), burned: u64("18446744073709551615"), burn_count: u64("3"),
        supplier_amounts: Array.from({ length: 72 }, (_, i) => u64(String(i * 1000003))),
        bump: 255, staker_vault_bump: 254, supplier_vault_bump: 253, capacity_link: 2, reserved: [0, 0, 0, 0],
      },
    },
    {
      name: "BurnRecord",
      value: {
        index: u64("2"), amount: u64("12345678900"), burner: key(2), source: key(9), timestamp: u64("1767229200"),
        reason, reason_len: 7, reserved: [0, 0, 0, 0, 0, 0, 0],
      },
    },
    {
      name: "LivenessPool",
      value: {
        last_epoch: u64("175319"), paid: u64("18446744073709551615"),
        total_weights: Array.from({ length: 72 }, (_, i) => u64(String(i * 2500 + 7))),
        bump: 251, reserved: [0, 0, 0, 0, 0, 0, 0],
      },
    },
    {
      name: "DeviceLiveness",
      value: {
        device_key: key(10), owner: key(11),
        weights: Array.from({ length: 72 }, (_, i) => u64(String(800000 + i))),
        unclaimed: [u64("18446744073709551614"), u64("255")],
        epochs: Array.from({ length: 72 }, (_, i) => 175248 + i),
        shared: [0, 1, 2, 4, 8, 16, 32, 64, 128], reserved: [0, 0, 0, 0, 0, 0, 0],
      },
    },
  ],
  events: [
    {
      name: "EpochsMinted",
      value: {
        cranker: key(1), first_epoch: u64("1"), last_epoch: u64("3"), staker_amount: u64("273972602739"),
        supplier_amount: u64("1094889862322"), tip: u64("1000000"), emitted: u64("1369863465061"),
      },
    },
    { name: "Burned", value: { index: u64("0"), burner: key(2), source: key(9), amount: u64("500"), total_burned: u64("500") } },
    {
      name: "HeartbeatRecorded",
      value: { device_key: key(10), owner: key(11), epoch: u64("42"), weight: u64("800000"), total_weight: u64("1302500") },
    },
    {
      name: "SupplierRewardClaimed",
      value: {
        device_key: key(10), owner: key(11), epoch: u64("42"), weight: u64("800000"), total_weight: u64("1302500"),
        amount: u64("672376357289"),
      },
    },
  ],
};
