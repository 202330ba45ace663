package emission

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The samples of programs-idl/samples/emission.mjs, built with the Go encoders. Their bytes must
// equal what the official Anchor TS coder produced (programs-idl/golden/emission.json).

func sampleSettings() gen.Settings {
	return gen.Settings{StakerSplitBps: 2_000, CrankTip: 1_000_000, MaxEpochsPerCrank: 720, Authority: localnettest.SampleKey(1), TreasuryAuthority: localnettest.SampleKey(2)}
}

func goldenEncodings(t *testing.T) map[string][]byte {
	c, err := New(nil, gen.ProgramID, solana.PublicKey{})
	require.NoError(t, err)
	k := localnettest.SampleKey
	ixData := localnettest.InstructionData(t)
	state := gen.EmissionState{
		Authority: k(1), TreasuryAuthority: k(2), IoMint: k(3), StakingProgram: k(4), StakingConfig: k(5),
		RewardVault: k(6), StakerVault: k(7), SupplierVault: k(8),
		StartTs: -3600, StakerSplitBps: 2_000, CrankTip: 1_000_000, MaxEpochsPerCrank: 720,
		LastMintedEpoch: 175_319, Emitted: 30_000_000_000_000_000, StakerEmitted: 6_000_000_000_000_000,
		SupplierEmitted: 23_999_999_000_000_000, TipsPaid: 1_000_000_000, Burned: ^uint64(0), BurnCount: 3,
		Bump: 255, StakerVaultBump: 254, SupplierVaultBump: 253, CapacityLink: 2,
	}
	for i := range state.SupplierAmounts {
		state.SupplierAmounts[i] = uint64(i) * 1_000_003
	}
	record := gen.BurnRecord{Index: 2, Amount: 12_345_678_900, Burner: k(2), Source: k(9), Timestamp: 1_767_229_200, ReasonLen: 7}
	copy(record.Reason[:], "buyback")
	pool := gen.LivenessPool{LastEpoch: 175_319, Paid: ^uint64(0), Bump: 251}
	for i := range pool.TotalWeights {
		pool.TotalWeights[i] = uint64(i)*2_500 + 7
	}
	liveness := gen.DeviceLiveness{DeviceKey: k(10), Owner: k(11), Unclaimed: [2]uint64{^uint64(0) - 1, 255}, Shared: [9]uint8{0, 1, 2, 4, 8, 16, 32, 64, 128}}
	for i := range liveness.Weights {
		liveness.Weights[i] = 800_000 + uint64(i)
		liveness.Epochs[i] = 175_248 + uint32(i)
	}

	return map[string][]byte{
		"instruction/initialize":            ixData(c.InitializeInstruction(k(1), k(2), k(3), 1_767_225_600, sampleSettings())),
		"instruction/update_params":         ixData(c.UpdateParamsInstruction(k(1), sampleSettings())),
		"instruction/check_params":          ixData(c.CheckParamsInstruction(k(1), sampleSettings())),
		"instruction/crank":                 ixData(c.CrankInstruction(k(1), k(2), k(3), 0)),
		"instruction/burn":                  ixData(c.BurnInstruction(k(1), k(1), k(2), k(3), 0, 12_345_678_900, "revenue buyback, week 1")),
		"instruction/heartbeat":             ixData(c.HeartbeatInstruction(k(10), 175_319)),
		"instruction/open_liveness":         ixData(c.OpenLivenessInstruction(k(10), k(11))),
		"instruction/set_capacity_program":  ixData(c.SetCapacityProgramInstruction(k(1), k(5))),
		"instruction/claim_supplier_reward": ixData(c.ClaimSupplierRewardInstruction(k(11), k(10), k(12))),
		"account/EmissionState":             localnettest.WithDiscriminator(t, gen.Account_EmissionState, state),
		"account/BurnRecord":                localnettest.WithDiscriminator(t, gen.Account_BurnRecord, record),
		"account/LivenessPool":              localnettest.WithDiscriminator(t, gen.Account_LivenessPool, pool),
		"account/DeviceLiveness":            localnettest.WithDiscriminator(t, gen.Account_DeviceLiveness, liveness),
		"event/EpochsMinted": localnettest.WithDiscriminator(t, gen.Event_EpochsMinted, gen.EpochsMinted{
			Cranker: k(1), FirstEpoch: 1, LastEpoch: 3, StakerAmount: 273_972_602_739, SupplierAmount: 1_094_889_862_322, Tip: 1_000_000, Emitted: 1_369_863_465_061,
		}),
		"event/Burned": localnettest.WithDiscriminator(t, gen.Event_Burned, gen.Burned{Index: 0, Burner: k(2), Source: k(9), Amount: 500, TotalBurned: 500}),
		"event/HeartbeatRecorded": localnettest.WithDiscriminator(t, gen.Event_HeartbeatRecorded, gen.HeartbeatRecorded{
			DeviceKey: k(10), Owner: k(11), Epoch: 42, Weight: 800_000, TotalWeight: 1_302_500,
		}),
		"event/SupplierRewardClaimed": localnettest.WithDiscriminator(t, gen.Event_SupplierRewardClaimed, gen.SupplierRewardClaimed{
			DeviceKey: k(10), Owner: k(11), Epoch: 42, Weight: 800_000, TotalWeight: 1_302_500, Amount: 672_376_357_289,
		}),
	}
}

func TestGoldenEncodings(t *testing.T) {
	localnettest.RequireGolden(t, "emission", goldenEncodings(t))
}

// The IDL's account layouts have the sizes programs/emission/src/state.rs asserts for its
// #[repr(C)] structs, so the program and the clients read the same bytes.
func TestAccountSizesMatchTheProgram(t *testing.T) {
	ours := goldenEncodings(t)
	require.Len(t, ours["account/EmissionState"], 8+8*32+12*8+SupplierRing*8+8)
	require.Len(t, ours["account/BurnRecord"], 8+2*8+2*32+8+MaxReasonLen+8)
	require.Len(t, ours["account/LivenessPool"], 8+2*8+SupplierRing*8+8)
	require.Len(t, ours["account/DeviceLiveness"], livenessSize)
	l, err := gen.ParseAccount_DeviceLiveness(ours["account/DeviceLiveness"])
	require.NoError(t, err)
	e, ok := Entry(l, 175_248+8)
	require.True(t, ok)
	require.Equal(t, LivenessEntry{Epoch: 175_256, Weight: 800_008, Shared: true}, e, "slot 8 (175256 mod 72): bit 0 of byte 1")
	e, ok = Entry(l, 175_248)
	require.True(t, ok)
	require.Equal(t, LivenessEntry{Epoch: 175_248, Weight: 800_000, Claimed: true}, e, "slot 0: its unclaimed bit clear")
	e, ok = Entry(l, 175_248+71)
	require.True(t, ok)
	require.Equal(t, LivenessEntry{Epoch: 175_319, Weight: 800_071, Shared: true}, e, "slot 71: bit 7 of the second word, of shared byte 8")
	_, ok = Entry(l, 175_248+9-SupplierRing)
	require.False(t, ok, "an older epoch of the slot")
	st, err := gen.ParseAccount_EmissionState(ours["account/EmissionState"])
	require.NoError(t, err)
	require.Equal(t, uint64(71*1_000_003), st.SupplierAmounts[SupplierRing-1])
	rec, err := gen.ParseAccount_BurnRecord(ours["account/BurnRecord"])
	require.NoError(t, err)
	require.Equal(t, "buyback", ReasonText(rec))
}
