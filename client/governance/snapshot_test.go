package governance

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/localnet"
)

// TestOnlyStakeFromBeforeTheProposalVotes reproduces finding 11 of issue 13: vote weight was the
// position's active stake when voting, so stake added after a proposal's creation voted in full.
// Now a position votes with the stake it had when the proposal was created (no more than it has
// now): a fresh whale has none, a staker who added more votes with what it had before.
func TestOnlyStakeFromBeforeTheProposalVotes(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	early := newStaker(t, 500*io)
	twice := newStaker(t, 300*io)
	for _, key := range []solana.PrivateKey{early, twice} {
		_, err := chain.Fund(ctx, key.PublicKey(), localnet.Funding{IO: 1_000 * io})
		require.NoError(t, err)
	}
	id := propose(t, proposer, "snapshot", nil)
	addr := proposalAddr(t, id)

	whale := newStaker(t, 100_000*io) // after the proposal was created
	whalePosition := positionAddr(t, whale.PublicKey())
	record, err := VoteRecordAddress(gov.ProgramID, whale.PublicKey(), id)
	require.NoError(t, err)
	govRejects(t, gen.Error_NoVotingWeight, []solana.PublicKey{addr, whalePosition, record, stk.Addresses.Config},
		whale, mustIx(t)(gov.CastVoteInstruction(whale.PublicKey(), id, Yes)))

	_, err = stk.Stake(ctx, early, 1_000*io)
	require.NoError(t, err)
	vote(t, early, id, Yes)
	rec, err := gov.FetchVoteRecord(ctx, id, early.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(500*io), rec.Weight, "only the stake from before the proposal votes")
	require.Equal(t, uint64(500*io), fetchProposal(t, id).Yes)

	// Two additions since the proposal: the stake before them is no longer recorded, so the
	// position cannot vote on it (the conservative answer).
	for range 2 {
		_, err = stk.Stake(ctx, twice, io)
		require.NoError(t, err)
	}
	govRejects(t, gen.Error_NoVotingWeight, []solana.PublicKey{addr}, twice, mustIx(t)(gov.CastVoteInstruction(twice.PublicKey(), id, No)))

	// A later proposal counts all of it.
	later := propose(t, proposer, "snapshot-later", nil)
	vote(t, whale, later, No)
	rec, err = gov.FetchVoteRecord(ctx, later, whale.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(100_000*io), rec.Weight)
}
