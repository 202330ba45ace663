package epochtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestComputeUnits measures the epoch-reward instructions package staking cannot run (its
// chain's mint authority is the emission program): activate_stake and fund_rewards with epochs,
// each alone in its transaction. Run with -v to see the table; README records it.
func TestComputeUnits(t *testing.T) {
	ctx := localnettest.Context(t)
	var rows []string
	measure := func(name string, payer solana.PrivateKey, ix solana.Instruction, buildErr error) {
		t.Helper()
		require.NoError(t, buildErr, name)
		units := localnettest.ComputeUnits(t)(stk.Send(ctx, payer, []solana.Instruction{ix}))
		rows = append(rows, fmt.Sprintf("| %-21s | %6d |", name, units))
	}
	owner := newStaker(t, 1_000*IO, 100*IO)
	funder := epochFunder(t)
	tick(t)
	_, err := stk.FundEpochs(ctx, funder, 0, chainNow(t)) // the epochs funded reach the stake
	require.NoError(t, err)
	ix, err := stk.ActivateStakeInstruction(owner.PublicKey())
	measure("activate_stake", owner, ix, err)
	ix, err = stk.FundRewardsInstruction(funder.PublicKey(), localnettest.TokenAccount(t, funder.PublicKey(), ioMint), ioMint, 10*IO, chainNow(t))
	measure("fund_rewards (epochs)", funder, ix, err)

	t.Logf("compute units per instruction (SPL Token CPIs included):\n| instruction           |     CU |\n|-----------------------|--------|\n%s",
		strings.Join(rows, "\n"))
}
