package governance

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestComputeUnits runs each instruction alone in its transaction and reports the compute units
// it consumed (transaction meta, CPIs included). Run with -v to see the table.
func TestComputeUnits(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	var rows []string
	measure := func(name string, ixs []solana.Instruction) {
		t.Helper()
		units := localnettest.ComputeUnits(t)(gov.Send(ctx, proposer, ixs))
		rows = append(rows, fmt.Sprintf("| %-44s | %6d |", name, units))
	}
	g, err := gov.FetchGovernance(ctx)
	require.NoError(t, err)
	id := g.ProposalCount
	pub := proposer.PublicKey()
	actions := changeActions(t, "staking.slash_burn_bps=5000")
	warp(t, time.Second) // the proposer's stake is from before the proposal's second
	measure("create_proposal (1 action, 265 data bytes)", mustIx(t)(gov.CreateProposalInstruction(pub, id, Proposal{Title: "cu", Actions: actions})))
	measure("cast_vote (vote record + staking lock CPI)", mustIx(t)(gov.CastVoteInstruction(pub, id, Yes)))
	measure("create_proposal (no action)", mustIx(t)(gov.CreateProposalInstruction(pub, id+1, Proposal{Title: "cu-cancel"})))
	measure("cancel", mustIx(t)(gov.CancelInstruction(pub, id+1)))
	warp(t, DefaultVotingPeriod)
	measure("finalize", mustIx(t)(gov.FinalizeInstruction(id)))
	warp(t, DefaultTimelock)
	measure("execute (staking update_params CPI)", mustIx(t)(gov.ExecuteInstruction(fetchProposal(t, id))))
	t.Logf("compute units per instruction (CPIs included):\n| instruction | CU |\n|---|---|\n%s", strings.Join(rows, "\n"))
}
