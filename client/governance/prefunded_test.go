package governance

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestPrefundedProposalAndVoteRecord: the next proposal's address ("proposal" +
// hex(proposal_count) under the governance PDA) and a voter's vote record ("vote" + hex(id)
// under the voter) are known before the proposal exists.
// Lamports sent there used to stop governance for good and censor that position's vote (the
// audit's takeover); the proposal is now created and the vote counted all the same.
func TestPrefundedProposalAndVoteRecord(t *testing.T) {
	ctx := testContext(t)
	proposer := newStaker(t, minStake)
	voter := newStaker(t, minStake)
	g, err := gov.FetchGovernance(ctx)
	require.NoError(t, err)
	id := g.ProposalCount
	proposal := proposalAddr(t, id)
	record, err := VoteRecordAddress(gov.ProgramID, voter.PublicKey(), id)
	require.NoError(t, err)
	localnettest.Prefund(t, chain, proposal, localnettest.PrefundBelowRent)
	localnettest.Prefund(t, chain, record, localnettest.PrefundAboveRent)

	require.Equal(t, id, propose(t, proposer, "prefunded", nil))
	vote(t, voter, id, No)

	p := fetchProposal(t, id)
	require.Equal(t, proposer.PublicKey(), p.Proposer)
	require.Equal(t, Voting, State(p.State))
	require.Equal(t, uint64(minStake), p.No, "the censored position's vote counts")
	r, err := gov.FetchVoteRecord(ctx, id, voter.PublicKey())
	require.NoError(t, err)
	require.Equal(t, voter.PublicKey(), r.Voter)
	require.Equal(t, uint64(minStake), r.Weight)
	localnettest.RequireCreated(t, chain, proposal, gov.ProgramID, localnettest.PrefundBelowRent)
	localnettest.RequireCreated(t, chain, record, gov.ProgramID, localnettest.PrefundAboveRent)
	next, err := gov.FetchGovernance(ctx)
	require.NoError(t, err)
	require.Equal(t, id+1, next.ProposalCount)
	warp(t, DefaultVotingPeriod) // ends the vote lock of `voter`
}
