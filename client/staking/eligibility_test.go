package staking

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestRequiredDeviceStake(t *testing.T) {
	cases := []struct {
		name                 string
		min, multiplier, gpu uint64
		want                 uint64
		ok                   bool
	}{
		{"H100 x8 is 10x", 200 * IO, 100_000, 8, 16_000 * IO, true},
		{"RTX 4070 (0.25x) counts as 1x", 200 * IO, 2_500, 1, 200 * IO, true},
		{"A100 x2 is 5x", 200 * IO, 50_000, 2, 2_000 * IO, true},
		{"1.5x rounds up to the base unit", 1, 15_000, 1, 2, true},
		{"overflow is reported", ^uint64(0), 100_000, 1, 0, false},
		{"count overflow is reported", 200 * IO, 10_000, ^uint64(0), 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := RequiredDeviceStake(c.min, c.multiplier, c.gpu)
			require.Equal(t, c.ok, ok)
			require.Equal(t, c.want, got)
		})
	}
}

func TestDeviceEligibility(t *testing.T) {
	params, err := DefaultParams(localnettest.SampleKey(1))
	require.NoError(t, err)
	cfg := &gen.Config{MinDeviceStakePerGpu: params.MinDeviceStakePerGpu, GpuClasses: params.GpuClasses, GpuClassCount: params.GpuClassCount}
	cases := []struct {
		name     string
		device   gen.Device
		eligible bool
		required uint64
		reason   string
	}{
		{"H100 x2 short by one unit", gen.Device{GpuClass: 0, GpuCount: 2, Stake: 4_000*IO - 1}, false, 4_000 * IO, "stake 3999.99999999 IO is below the 4000 IO required for 2 x H100"},
		{"H100 x2 exactly staked", gen.Device{GpuClass: 0, GpuCount: 2, Stake: 4_000 * IO}, true, 4_000 * IO, "stake covers the 4000 IO required for 2 x H100"},
		{"class left the table", gen.Device{GpuClass: 7, GpuCount: 1, Stake: 1 << 60}, false, 0, "GPU class 7 is no longer in the class table"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := DeviceEligibility(cfg, &c.device)
			require.Equal(t, c.eligible, e.Eligible)
			require.Equal(t, c.required, e.Required)
			require.Equal(t, c.reason, e.Reason)
		})
	}
}

func TestClaimableMirrorsTheProgram(t *testing.T) {
	// Index values from the reward scenario (see rewards_test.go).
	cases := []struct {
		name      string
		index     [2]uint64 // config whole, frac
		snapshot  [2]uint64
		active    uint64
		unclaimed uint64
		want      uint64
	}{
		{"thirds round down", [2]uint64{0, 13_333_333_333_333_333}, [2]uint64{0, 0}, 100 * IO, 0, 133_333_333},
		{"fraction borrow", [2]uint64{2, 100}, [2]uint64{1, 200}, 10, 5, 5 + 9},
		{"settled only", [2]uint64{1, 0}, [2]uint64{1, 0}, 7, 42, 42},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := &gen.Config{RewardIndexWhole: c.index[0], RewardIndexFrac: c.index[1]}
			p := &gen.StakePosition{RewardIndexWhole: c.snapshot[0], RewardIndexFrac: c.snapshot[1], Active: c.active, Unclaimed: c.unclaimed}
			require.Equal(t, c.want, Claimable(cfg, p))
		})
	}
}
