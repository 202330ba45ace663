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

// TestCostakedDeviceFaultSlash: a proven capacity fault of a device with co-stakers goes through
// staking's first-loss rule: slash_fault takes the device's free active stake (co-stake included)
// and staking takes the owner's own stake first, then the co-stake. Left without the offer
// account, the slash is refused and nothing moves.
func TestCostakedDeviceFaultSlash(t *testing.T) {
	ctx := localnettest.Context(t)
	owner, device, own := ownedDevice(t)
	key := device.PublicKey()
	_, err := stk.OpenOffer(ctx, owner, key, staking.OfferTerms{CommissionBps: 1_000, MaxCostake: own, MinOwnerBps: 2_000})
	require.NoError(t, err)
	carol := localnettest.NewWallet(t, chain, own/2)
	_, err = stk.Costake(ctx, carol, key, own/2)
	require.NoError(t, err)
	costake := own / 2
	require.Equal(t, capacity.StatusFault, answer(t, device, offByOne).Status)

	target, err := cp.FetchSlashTarget(ctx)
	require.NoError(t, err)
	cranker := localnettest.NewWallet(t, chain, 0)
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(cranker.PublicKey(), target.TreasuryAuthority, target.IOMint, solana.TokenProgramID)
	require.NoError(t, err)
	_, err = sx.Send(ctx, cranker, []solana.Instruction{create})
	require.NoError(t, err)
	offer, err := staking.OfferAddress(stk.ProgramID, key)
	require.NoError(t, err)
	watch := append(watched(t, key, target), offer)

	t.Run("without the offer account", func(t *testing.T) {
		ix, err := cp.SlashFaultInstruction(key, target)
		require.NoError(t, err)
		data, err := ix.Data()
		require.NoError(t, err)
		accounts := ix.Accounts()
		require.Equal(t, offer, accounts[len(accounts)-1].PublicKey, "the client passes the offer last")
		stripped := solana.NewInstruction(ix.ProgramID(), accounts[:len(accounts)-1], data)
		rejected(t, stakingErrors, stakinggen.Error_OfferAccountMissing, watch, cranker, []solana.Instruction{stripped})
	})

	total := own + costake
	vaultBefore := localnettest.TokenBalance(t, sx, stk.Addresses.StakeVault)
	res, err := cp.SlashFault(ctx, cranker, key)
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, capacity.Events(details.Logs, cp.ProgramID), &gen.FaultSlashed{
		DeviceKey: key, Fault: capacity.FaultWrongEntry, Amount: total,
	})
	require.Contains(t, staking.Events(details.Logs, stk.ProgramID), &stakinggen.CostakeSlashed{
		DeviceKey: key, Owner: owner.PublicKey(), OwnerActive: own, CostakeActive: costake,
	}, "the owner's own stake first, then the co-stake")
	o, err := stk.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, own, o.SlashedOwner)
	require.Equal(t, costake, o.SlashedCostake)
	require.Zero(t, o.ActiveAmount, "nothing of the co-stake is left")
	d, err := stk.FetchDevice(ctx, key)
	require.NoError(t, err)
	require.Zero(t, d.Stake)
	require.Equal(t, vaultBefore-total, localnettest.TokenBalance(t, sx, stk.Addresses.StakeVault))
}
