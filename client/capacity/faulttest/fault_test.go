package faulttest

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestWrongAnswerIsSlashed: a device that commits a wrong C is caught by the spot check (a
// proven fault) and anyone then slashes its whole free stake: half burned (the default
// slash_burn_bps) through the emission ledger, half paid to the treasury, never to the caller.
func TestWrongAnswerIsSlashed(t *testing.T) {
	ctx := localnettest.Context(t)
	device, stake, out := answered(t, offByOne)
	require.Equal(t, capacity.StatusFault, out.Status)
	require.True(t, capacity.Slashable(record(t, device.PublicKey())))

	target, err := cp.FetchSlashTarget(ctx)
	require.NoError(t, err)
	cranker := localnettest.NewWallet(t, chain, 0)
	crankerIO := localnettest.TokenAccount(t, cranker.PublicKey(), target.IOMint)
	// The treasury's account exists before the measurements (SlashFault creates it idempotently).
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(cranker.PublicKey(), target.TreasuryAuthority, target.IOMint, solana.TokenProgramID)
	require.NoError(t, err)
	_, err = sx.Send(ctx, cranker, []solana.Instruction{create})
	require.NoError(t, err)

	treasuryBefore := localnettest.TokenBalance(t, sx, target.Treasury)
	vaultBefore := localnettest.TokenBalance(t, sx, stk.Addresses.StakeVault)
	supplyBefore := supply(t, target.IOMint)
	cfgBefore, err := stk.FetchConfig(ctx)
	require.NoError(t, err)

	res, err := cp.SlashFault(ctx, cranker, device.PublicKey())
	require.NoError(t, err)
	computeUnits.Record(t, sx, cp.ProgramID, "slash_fault", res.Signature)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, capacity.Events(details.Logs, cp.ProgramID), &gen.FaultSlashed{
		DeviceKey: device.PublicKey(), Fault: capacity.FaultWrongEntry, Amount: stake,
	})
	require.Contains(t, staking.Events(details.Logs, stk.ProgramID), &stakinggen.Slashed{
		DeviceKey: device.PublicKey(), Slasher: cp.Config, Beneficiary: target.Treasury,
		Amount: stake, Burned: stake / 2, Paid: stake - stake/2,
	})

	d, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Zero(t, d.Stake, "the whole free stake is slashed")
	require.Equal(t, treasuryBefore+stake-stake/2, localnettest.TokenBalance(t, sx, target.Treasury))
	require.Equal(t, vaultBefore-stake, localnettest.TokenBalance(t, sx, stk.Addresses.StakeVault))
	require.Equal(t, supplyBefore-stake/2, supply(t, target.IOMint), "the burned share leaves the supply")
	require.Zero(t, localnettest.TokenBalance(t, sx, crankerIO), "the caller earns nothing")
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, cfgBefore.TotalDeviceStake-stake, cfg.TotalDeviceStake)
	require.Equal(t, cfgBefore.SlashedBurned+stake/2, cfg.SlashedBurned)
	require.Equal(t, cfgBefore.SlashedPaid+stake-stake/2, cfg.SlashedPaid)
	after := record(t, device.PublicKey())
	require.Equal(t, uint8(capacity.FaultWrongEntry), after.FaultSlashed)
	require.False(t, capacity.Slashable(after))

	// Once per device.
	ix, err := cp.SlashFaultInstruction(device.PublicKey(), target)
	require.NoError(t, err)
	rejected(t, capacityErrors, gen.Error_FaultAlreadySlashed, watched(t, device.PublicKey(), target), cranker, []solana.Instruction{ix})
}

func supply(t *testing.T, mint solana.PublicKey) uint64 {
	t.Helper()
	m, err := sx.FetchMint(localnettest.Context(t), mint)
	require.NoError(t, err)
	return m.Supply
}

// watched are the accounts a slash of deviceKey would change.
func watched(t *testing.T, deviceKey solana.PublicKey, target capacity.SlashTarget) []solana.PublicKey {
	t.Helper()
	rec, err := capacity.RecordAddress(cp.ProgramID, deviceKey)
	require.NoError(t, err)
	dev, err := staking.DeviceAddress(stk.ProgramID, deviceKey)
	require.NoError(t, err)
	return []solana.PublicKey{rec, dev, stk.Addresses.Config, stk.Addresses.StakeVault, target.IOMint, target.Treasury, target.Ledger.State}
}
