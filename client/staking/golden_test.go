package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The samples of programs-idl/samples/staking.mjs, built with the Go encoders. Their bytes must
// equal what the official Anchor TS coder produced (programs-idl/golden/staking.json).

func sampleClasses() [8]gen.GpuClass {
	var c [8]gen.GpuClass
	copy(c[0].Name[:], "H100")
	c[0].MultiplierBps = 100_000
	copy(c[1].Name[:], "RTX4070")
	c[1].MultiplierBps = 2_500
	return c
}

func sampleParams() gen.Params {
	return gen.Params{
		CooldownSeconds: 1_209_600, MinDeviceStakePerGpu: 20_000_000_000, SlashBurnBps: 5_000,
		Slasher: localnettest.SampleKey(7), GpuClassCount: 2, GpuClasses: sampleClasses(),
	}
}

func sampleCooldowns(s []gen.Cooldown) {
	for i := range s {
		s[i] = gen.Cooldown{Amount: uint64(i * 1000), UnlockTs: -int64(i)}
	}
}

func goldenEncodings(t *testing.T) map[string][]byte {
	c, err := New(nil, gen.ProgramID)
	require.NoError(t, err)
	k := localnettest.SampleKey
	ixData := localnettest.InstructionData(t)
	config := gen.Config{
		Authority: k(1), Slasher: k(2), IoMint: k(3), StakeVault: k(4), RewardVault: k(5),
		CooldownSeconds: -1, MinDeviceStakePerGpu: 20_000_000_000, SlashBurnBps: 5_000,
		TotalStake: 1, TotalDeviceStake: 2, RewardIndexWhole: 3, RewardIndexFrac: 999_999_999_999_999_999,
		TotalWarming: 4, RewardsFunded: 5, RewardsClaimed: 6, SlashedBurned: 7, SlashedPaid: 8,
		GpuClasses: sampleClasses(), GpuClassCount: 2, Bump: 255, StakeVaultBump: 254, RewardVaultBump: 253,
		EpochIndexWhole: 9, EpochIndexFrac: 10, FundedThroughTs: 1_767_225_600,
	}
	position := gen.StakePosition{Owner: k(1), Active: ^uint64(0), RewardIndexWhole: 2, RewardIndexFrac: 3, Unclaimed: 4, Claimed: 5, LockedUntil: [7]uint8{0x80, 0x51, 0x01},
		Warming: 6, WarmingTs: 7, EpochIndexWhole: 8, EpochIndexFrac: 9, StakeTs: 10, PrevStakeTs: 11, PriorActive: 12}
	sampleCooldowns(position.Cooldowns[:])
	device := gen.Device{Owner: k(1), DeviceKey: k(2), GpuCount: 8, Stake: 160_000_000_000, RegisteredTs: 1_700_000_000, GpuClass: 3}
	sampleCooldowns(device.Cooldowns[:])

	return map[string][]byte{
		"instruction/initialize":      ixData(c.InitializeInstruction(k(1), k(1), k(2), sampleParams())),
		"instruction/update_params":   ixData(c.UpdateParamsInstruction(k(1), sampleParams())),
		"instruction/set_authority":   ixData(c.SetAuthorityInstruction(k(1), k(9))),
		"instruction/open_position":   ixData(c.OpenPositionInstruction(k(1))),
		"instruction/stake":           ixData(c.StakeInstruction(k(1), k(2), ^uint64(0))),
		"instruction/unstake":         ixData(c.UnstakeInstruction(k(1), 1)),
		"instruction/withdraw":        ixData(c.WithdrawInstruction(k(1), k(2))),
		"instruction/claim":           ixData(c.ClaimInstruction(k(1), k(2))),
		"instruction/fund_rewards":    ixData(c.FundRewardsInstruction(k(1), k(2), k(3), 456_621_004_566, 1_767_225_600)),
		"instruction/register_device": ixData(c.RegisterDeviceInstruction(k(1), k(2), 1, 8)),
		"instruction/stake_device":    ixData(c.StakeDeviceInstruction(k(1), k(2), k(3), 160_000_000_000)),
		"instruction/unstake_device":  ixData(c.UnstakeDeviceInstruction(k(1), k(2), 2)),
		"instruction/withdraw_device": ixData(c.WithdrawDeviceInstruction(k(1), k(2), k(3))),
		"instruction/slash":           ixData(c.SlashInstruction(k(1), k(2), k(3), k(4), 300, BurnLedger{Program: k(5), State: k(6)})),
		"instruction/lock_position":   ixData(c.LockPositionInstruction(k(1), k(2), 1_767_225_600)),
		"instruction/activate_stake":  ixData(c.ActivateStakeInstruction(k(1))),
		"instruction/check_params":    ixData(c.CheckParamsInstruction(sampleParams())),
		"account/Config":              localnettest.WithDiscriminator(t, gen.Account_Config, config),
		"account/StakePosition":       localnettest.WithDiscriminator(t, gen.Account_StakePosition, position),
		"account/Device":              localnettest.WithDiscriminator(t, gen.Account_Device, device),
		"event/Staked":                localnettest.WithDiscriminator(t, gen.Event_Staked, gen.Staked{Owner: k(1), Amount: 10, Active: 20}),
		"event/Unstaked":              localnettest.WithDiscriminator(t, gen.Event_Unstaked, gen.Unstaked{Owner: k(1), Amount: 10, UnlockTs: -5}),
		"event/Withdrawn":             localnettest.WithDiscriminator(t, gen.Event_Withdrawn, gen.Withdrawn{Owner: k(1), Amount: 10}),
		"event/RewardsClaimed":        localnettest.WithDiscriminator(t, gen.Event_RewardsClaimed, gen.RewardsClaimed{Owner: k(1), Amount: 10}),
		"event/RewardsFunded":         localnettest.WithDiscriminator(t, gen.Event_RewardsFunded, gen.RewardsFunded{Funder: k(1), Amount: 10, EpochsEndTs: 1_767_225_600}),
		"event/StakeActivated":        localnettest.WithDiscriminator(t, gen.Event_StakeActivated, gen.StakeActivated{Owner: k(1), Amount: 10}),
		"event/DeviceRegistered":      localnettest.WithDiscriminator(t, gen.Event_DeviceRegistered, gen.DeviceRegistered{DeviceKey: k(2), Owner: k(1), GpuClass: 1, GpuCount: 4}),
		"event/DeviceStaked":          localnettest.WithDiscriminator(t, gen.Event_DeviceStaked, gen.DeviceStaked{DeviceKey: k(2), Amount: 10, Stake: 30}),
		"event/DeviceUnstaked":        localnettest.WithDiscriminator(t, gen.Event_DeviceUnstaked, gen.DeviceUnstaked{DeviceKey: k(2), Amount: 10, UnlockTs: 1_700_001_209}),
		"event/DeviceWithdrawn":       localnettest.WithDiscriminator(t, gen.Event_DeviceWithdrawn, gen.DeviceWithdrawn{DeviceKey: k(2), Amount: 10}),
		"event/Slashed": localnettest.WithDiscriminator(t, gen.Event_Slashed, gen.Slashed{
			DeviceKey: k(2), Slasher: k(3), Beneficiary: k(4), Amount: 300, Burned: 150, Paid: 150,
		}),
	}
}

func TestGoldenEncodings(t *testing.T) {
	localnettest.RequireGolden(t, "staking", goldenEncodings(t))
}

// The decoders read the TS coder's bytes back into the same values (a round trip through both).
func TestGoldenDecodings(t *testing.T) {
	ours := goldenEncodings(t)
	cfg, err := gen.ParseAccount_Config(ours["account/Config"])
	require.NoError(t, err)
	require.Equal(t, uint64(999_999_999_999_999_999), cfg.RewardIndexFrac)
	require.Equal(t, "RTX4070", ClassName(cfg.GpuClasses[1]))
	ev, err := gen.ParseAnyEvent(ours["event/Slashed"])
	require.NoError(t, err)
	require.Equal(t, &gen.Slashed{DeviceKey: localnettest.SampleKey(2), Slasher: localnettest.SampleKey(3), Beneficiary: localnettest.SampleKey(4), Amount: 300, Burned: 150, Paid: 150}, ev)
}

// The program's accounts are exactly as long as the IDL's layouts: the IDL is byte-truthful.
func TestAccountSizesMatchIDL(t *testing.T) {
	owner := newStaker(t, 10*IO, IO)
	device := registerDevice(t, owner, "H100", 1)
	ctx := localnettest.Context(t)
	for _, c := range []struct {
		name string
		addr solana.PublicKey
		zero localnettest.Marshaler
	}{
		{"Config", stk.Addresses.Config, gen.Config{}},
		{"StakePosition", positionAddr(t, owner.PublicKey()), gen.StakePosition{}},
		{"Device", device, gen.Device{}},
	} {
		info, err := stk.sx.RPC.GetAccountInfoWithOpts(ctx, c.addr, &rpc.GetAccountInfoOpts{Encoding: solana.EncodingBase64})
		require.NoError(t, err, c.name)
		want, err := c.zero.Marshal()
		require.NoError(t, err)
		require.Len(t, info.Value.Data.GetBinary(), 8+len(want), c.name)
	}
}
