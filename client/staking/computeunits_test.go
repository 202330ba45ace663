package staking

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestComputeUnits runs every instruction once, alone in its transaction, and reports the
// compute units each consumed (transaction meta computeUnitsConsumed, token CPIs included).
// Run with -v to see the table; README records it.
func TestComputeUnits(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 10_000*IO)
	device := solana.NewWallet().PrivateKey
	ownerToken := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	var rows []string
	measure := func(name string, payer solana.PrivateKey, ix solana.Instruction, buildErr error, signers ...solana.PrivateKey) {
		t.Helper()
		require.NoError(t, buildErr, name)
		units := localnettest.ComputeUnits(t)(stk.Send(ctx, payer, []solana.Instruction{ix}, signers...))
		rows = append(rows, fmt.Sprintf("| %-16s | %6d |", name, units))
	}
	pub := owner.PublicKey()
	params := testParams(t)

	ix, err := stk.OpenPositionInstruction(pub)
	measure("open_position", owner, ix, err)
	ix, err = stk.StakeInstruction(pub, ownerToken, 1000*IO)
	measure("stake", owner, ix, err)
	ix, err = stk.FundRewardsInstruction(pub, ownerToken, ioMint, 10*IO, 0)
	measure("fund_rewards", owner, ix, err)
	// fund_rewards with epochs and activate_stake: package epochtest (the mint authority funds
	// epochs; here the emission program holds it).
	ix, err = stk.ClaimInstruction(pub, ownerToken)
	measure("claim", owner, ix, err)
	withCooldown(t, 0, func() {
		ix, err = stk.UnstakeInstruction(pub, 1000*IO)
		measure("unstake", owner, ix, err)
	})
	ix, err = stk.WithdrawInstruction(pub, ownerToken)
	measure("withdraw", owner, ix, err)
	ix, err = stk.RegisterDeviceInstruction(pub, device.PublicKey(), 0, 1)
	measure("register_device", owner, ix, err, device)
	ix, err = stk.StakeDeviceInstruction(pub, device.PublicKey(), ownerToken, 3000*IO)
	measure("stake_device", owner, ix, err)
	withCooldown(t, 0, func() {
		ix, err = stk.UnstakeDeviceInstruction(pub, device.PublicKey(), 1000*IO)
		measure("unstake_device", owner, ix, err)
	})
	ix, err = stk.WithdrawDeviceInstruction(pub, device.PublicKey(), ownerToken)
	measure("withdraw_device", owner, ix, err)
	ledger, err := stk.FetchBurnLedger(ctx)
	require.NoError(t, err)
	ix, err = stk.SlashInstruction(slasher.PublicKey(), device.PublicKey(), ioMint, ownerToken, 100*IO, ledger)
	measure("slash", slasher, ix, err)
	ix, err = stk.UpdateParamsInstruction(authority.PublicKey(), params)
	measure("update_params", authority, ix, err)
	ix, err = stk.CheckParamsInstruction(params)
	measure("check_params", authority, ix, err)
	ix, err = stk.SetAuthorityInstruction(authority.PublicKey(), authority.PublicKey())
	measure("set_authority", authority, ix, err)
	ix, err = stk.LockPositionInstruction(authority.PublicKey(), pub, 1) // in the past: locks nothing
	measure("lock_position", authority, ix, err)

	t.Logf("compute units per instruction (SPL Token CPIs included):\n| instruction      |     CU |\n|------------------|--------|\n%s",
		strings.Join(rows, "\n"))
}
