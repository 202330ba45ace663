// Fixed samples for golden/capacity.json. Values mirror client/capacity/golden_test.go.
import anchor from "@coral-xyz/anchor";

const { BN } = anchor;
const { PublicKey } = anchor.web3;

const key = (i) => new PublicKey(Buffer.alloc(32, i));
const u64 = (s) => new BN(s);
const bytes = (n, v) => Array.from({ length: n }, (_, i) => (v + i) % 256);

const cls = (n, k, d) => ({ n: u64(n), k: u64(k), deadline_slots: u64(d) });
const classes = [cls("16", "4", "40"), cls("0", "0", "0"), cls("4096", "1", "400"), cls("8", "4", "10"), cls("0", "0", "0"), cls("0", "0", "0"), cls("0", "0", "0"), cls("0", "0", "0")];
const params = { validity_epochs: u64("24"), interval_slots: u64("150"), classes };

export default {
  instructions: [
    { name: "initialize", args: { authority: key(7), params } },
    { name: "update_params", args: { params } },
    { name: "request_challenge", args: {} },
    { name: "commit", args: { root: bytes(32, 5) } },
    { name: "prove", args: { entries: [{ m: 3, value: u64("2305843009213693950"), path: [bytes(32, 1), bytes(32, 2)] }] } },
    { name: "expire", args: {} },
  ],
  accounts: [
    {
      name: "CapacityConfig",
      value: { authority: key(1), staking_program: key(2), validity_epochs: u64("24"), interval_slots: u64("150"), classes, bump: 253, reserved: [0, 0, 0, 0, 0, 0, 0] },
    },
    {
      name: "DeviceCapacity",
      value: {
        device_key: key(4), n: u64("16"), k: u64("4"), deadline_slots: u64("40"), request_slot: u64("100"), commit_slot: u64("103"),
        closed_slot: u64("107"), seed: bytes(32, 9), root: bytes(32, 11), proved_mask: u64("15"), challenges: u64("2"), passes: u64("1"),
        misses: u64("1"), faults: u64("0"), last_pass_slot: u64("107"), last_pass_ts: u64("1765000000"), status: 3, gpu_class: 0, unused: 0,
        fault_slashed: 0, reserved: [0, 0, 0, 0],
      },
    },
  ],
  events: [],
};
