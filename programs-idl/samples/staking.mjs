// Fixed samples for golden/staking.json. Values mirror client/staking/golden_test.go.
import anchor from "@coral-xyz/anchor";

const { BN } = anchor;
const { PublicKey } = anchor.web3;

// Key i: 32 bytes all equal to i.
const key = (i) => new PublicKey(Buffer.alloc(32, i));
const name16 = (s) => [...Buffer.concat([Buffer.from(s), Buffer.alloc(16 - s.length)])];
const u64 = (s) => new BN(s);

const classes = [
  { name: name16("H100"), multiplier_bps: u64("100000") },
  { name: name16("RTX4070"), multiplier_bps: u64("2500") },
  ...Array.from({ length: 6 }, () => ({ name: name16(""), multiplier_bps: u64("0") })),
];
const params = {
  cooldown_seconds: u64("1209600"),
  min_device_stake_per_gpu: u64("20000000000"),
  slash_burn_bps: u64("5000"),
  slasher: key(7),
  gpu_class_count: 2,
  gpu_classes: classes,
};
const cooldowns = (n) => Array.from({ length: n }, (_, i) => ({ amount: u64(String(i * 1000)), unlock_ts: u64(String(-i)) }));

export default {
  instructions: [
    { name: "initialize", args: { params } },
    { name: "update_params", args: { params } },
    { name: "set_authority", args: { new_authority: key(9) } },
    { name: "open_position", args: {} },
    { name: "stake", args: { amount: u64("18446744073709551615") } },
    { name: "unstake", args: { amount: u64("1") } },
    { name: "withdraw", args: {} },
    { name: "claim", args: {} },
    { name: "fund_rewards", args: { amount: u64("456621004566"), epochs_end_ts: u64("1767225600") } },
    { name: "register_device", args: { gpu_class: 1, gpu_count: u64("8") } },
    { name: "stake_device", args: { amount: u64("160000000000") } },
    { name: "unstake_device", args: { amount: u64("2") } },
    { name: "withdraw_device", args: {} },
    { name: "slash", args: { amount: u64("300") } },
    { name: "lock_position", args: { until: u64("1767225600") } },
    { name: "activate_stake", args: {} },
    { name: "check_params", args: { params } },
  ],
  accounts: [
    {
      name: "Config",
      value: {
        authority: key(1), slasher: key(2), io_mint: key(3), stake_vault: key(4), reward_vault: key(5),
        cooldown_seconds: u64("-1"), min_device_stake_per_gpu: u64("20000000000"), slash_burn_bps: u64("5000"),
        total_stake: u64("1"), total_device_stake: u64("2"), reward_index_whole: u64("3"), reward_index_frac: u64("999999999999999999"),
        total_warming: u64("4"), rewards_funded: u64("5"), rewards_claimed: u64("6"), slashed_burned: u64("7"), slashed_paid: u64("8"),
        gpu_classes: classes, gpu_class_count: 2, bump: 255, stake_vault_bump: 254, reward_vault_bump: 253, reserved: [0, 0, 0, 0],
        epoch_index_whole: u64("9"), epoch_index_frac: u64("10"), funded_through_ts: u64("1767225600"),
      },
    },
    {
      name: "StakePosition",
      value: {
        owner: key(1), active: u64("18446744073709551615"), reward_index_whole: u64("2"), reward_index_frac: u64("3"),
        unclaimed: u64("4"), claimed: u64("5"), cooldowns: cooldowns(8), unused: 0, locked_until: [0x80, 0x51, 0x01, 0, 0, 0, 0],
        warming: u64("6"), warming_ts: u64("7"), epoch_index_whole: u64("8"), epoch_index_frac: u64("9"),
        stake_ts: u64("10"), prev_stake_ts: u64("11"), prior_active: u64("12"),
      },
    },
    {
      name: "Device",
      value: {
        owner: key(1), device_key: key(2), gpu_count: u64("8"), stake: u64("160000000000"), registered_ts: u64("1700000000"),
        cooldowns: cooldowns(4), gpu_class: 3, unused: 0, offer: 0, reserved: [0, 0, 0, 0, 0],
      },
    },
  ],
  events: [
    { name: "Staked", value: { owner: key(1), amount: u64("10"), active: u64("20") } },
    { name: "Unstaked", value: { owner: key(1), amount: u64("10"), unlock_ts: u64("-5") } },
    { name: "Withdrawn", value: { owner: key(1), amount: u64("10") } },
    { name: "RewardsClaimed", value: { owner: key(1), amount: u64("10") } },
    { name: "RewardsFunded", value: { funder: key(1), amount: u64("10"), epochs_end_ts: u64("1767225600") } },
    { name: "StakeActivated", value: { owner: key(1), amount: u64("10") } },
    { name: "DeviceRegistered", value: { device_key: key(2), owner: key(1), gpu_class: 1, gpu_count: u64("4") } },
    { name: "DeviceStaked", value: { device_key: key(2), amount: u64("10"), stake: u64("30") } },
    { name: "DeviceUnstaked", value: { device_key: key(2), amount: u64("10"), unlock_ts: u64("1700001209") } },
    { name: "DeviceWithdrawn", value: { device_key: key(2), amount: u64("10") } },
    { name: "Slashed", value: { device_key: key(2), slasher: key(3), beneficiary: key(4), amount: u64("300"), burned: u64("150"), paid: u64("150") } },
  ],
};
