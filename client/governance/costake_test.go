package governance

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// costakeAction is staking's update_costake_params with changes (PARAM=VALUE, as `ionet gov
// propose --set costake.…` names them) applied to the current co-staking parameters.
func costakeAction(t *testing.T, changes ...Change) []gen.ProposalAction {
	t.Helper()
	actions, err := gov.ChangeActions(testContext(t), targets, changes)
	require.NoError(t, err)
	return actions
}

// TestProposalChangesCostakeParams: the co-staking floor, notice period and maximum commission
// are under governance within staking's bounds: a proposal changing the notice period executes;
// one outside the bounds (notice under a day, commission cap above 50%, floor under 5%) is
// refused when it is created (staking's check_costake_params), and only the fee moves. The
// proposal's description names the change.
func TestProposalChangesCostakeParams(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	params, _, err := staking.CostakeAddresses(stk.ProgramID)
	require.NoError(t, err)
	for _, c := range []struct {
		name   string
		change Change
	}{
		{"notice under a day", Change{Program: "costake", Param: "notice", Value: "1h"}},
		{"maximum commission above 50%", Change{Program: "costake", Param: "max_commission_bps", Value: "5001"}},
		{"floor under 5%", Change{Program: "costake", Param: "min_owner_floor_bps", Value: "499"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, err := gov.FetchGovernance(testContext(t))
			require.NoError(t, err)
			ix, err := gov.CreateProposalInstruction(proposer.PublicKey(), g.ProposalCount, Proposal{Title: "bad co-staking", URI: "https://gov.example/bad", Actions: costakeAction(t, c.change)})
			require.NoError(t, err)
			govRejects(t, gen.Error_ActionOutOfBounds, []solana.PublicKey{gov.Governance, stk.Addresses.Config, params, proposalAddr(t, g.ProposalCount)}, proposer, []solana.Instruction{ix})
		})
	}

	id := propose(t, proposer, "co-staking notice", costakeAction(t, Change{Program: "costake", Param: "notice", Value: "3d"}))
	p, err := gov.FetchProposal(ctx, id)
	require.NoError(t, err)
	described, err := DescribeActions(ctx, targets, p)
	require.NoError(t, err)
	require.Len(t, described, 1)
	require.Equal(t, "costake", described[0].Program)
	require.Len(t, described[0].Changes, 1)
	require.Equal(t, "notice_seconds", described[0].Changes[0].Param)
	vote(t, proposer, id, Yes)
	warp(t, DefaultVotingPeriod)
	_, err = gov.Finalize(ctx, proposer, id)
	require.NoError(t, err)
	warp(t, DefaultTimelock)
	_, err = gov.Execute(ctx, proposer, id)
	require.NoError(t, err)
	got, err := stk.FetchCostakeParams(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(3*24*3600), got.NoticeSeconds)
	require.Equal(t, uint64(staking.DefaultMinOwnerFloorBps), got.MinOwnerFloorBps, "only the notice changes")
	require.Equal(t, uint64(staking.DefaultMaxCommissionBps), got.MaxCommissionBps)
}
