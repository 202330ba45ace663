package governance

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestSeededAddressesChecked: proposals and vote records live at seeded addresses (no bump), so
// the program checks each address itself: a proposal at another id's address, a vote record at
// another voter's, are refused and change nothing; a voter who creates their own record's
// address first (any key can, with a plain System instruction) blocks only their own vote.
func TestSeededAddressesChecked(t *testing.T) {
	proposer := newStaker(t, minStake)
	voter := newStaker(t, 200*io)
	g, err := gov.FetchGovernance(testContext(t))
	require.NoError(t, err)

	t.Run("a proposal at the next id's address", func(t *testing.T) {
		ix := mustIx(t)(gov.CreateProposalInstruction(proposer.PublicKey(), g.ProposalCount+1, Proposal{Title: "skips an id"}))
		govRejects(t, "InvalidSeeds", []solana.PublicKey{gov.Governance, proposalAddr(t, g.ProposalCount+1)}, proposer, ix)
	})

	id := propose(t, proposer, "seeded", nil)
	addr := proposalAddr(t, id)
	t.Run("a vote record at another voter's address", func(t *testing.T) {
		ix := mustIx(t)(gov.CastVoteInstruction(voter.PublicKey(), id, Yes))
		theirs, err := VoteRecordAddress(gov.ProgramID, proposer.PublicKey(), id)
		require.NoError(t, err)
		ix[0].Accounts()[4].PublicKey = theirs
		govRejects(t, "InvalidSeeds", []solana.PublicKey{addr, theirs, positionAddr(t, voter.PublicKey())}, voter, ix)
	})

	t.Run("a vote record the voter created first", func(t *testing.T) {
		record := localnettest.CreateSeededEmpty(t, chain, voter, anchor.IDSeed(tagVote, id), gov.ProgramID, uint64(len(localnettest.WithDiscriminator(t, gen.Account_VoteRecord, gen.VoteRecord{}))))
		govRejects(t, gen.Error_AlreadyVoted, []solana.PublicKey{addr, record, positionAddr(t, voter.PublicKey())}, voter, mustIx(t)(gov.CastVoteInstruction(voter.PublicKey(), id, Yes)))
		vote(t, proposer, id, No) // everyone else still votes
		require.Equal(t, uint64(1), fetchProposal(t, id).VoterCount)
	})
}
