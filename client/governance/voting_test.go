package governance

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// TestDoubleVotingFails: the same position cannot vote twice, and the tokens that voted cannot
// leave the position (no unstake, no withdraw) until voting ends, so they cannot be restaked or
// moved to another wallet to vote again.
func TestDoubleVotingFails(t *testing.T) {
	ctx := testContext(t)
	proposer := newStaker(t, minStake)
	voter := newStaker(t, 500*io)
	id := propose(t, proposer, "double", nil)
	vote(t, voter, id, Yes)

	addr := proposalAddr(t, id)
	position := positionAddr(t, voter.PublicKey())
	record, err := VoteRecordAddress(gov.ProgramID, voter.PublicKey(), id)
	require.NoError(t, err)
	watch := []solana.PublicKey{addr, position, record}
	govRejects(t, gen.Error_AlreadyVoted, watch, voter, mustIx(t)(gov.CastVoteInstruction(voter.PublicKey(), id, Yes)))
	govRejects(t, gen.Error_AlreadyVoted, watch, voter, mustIx(t)(gov.CastVoteInstruction(voter.PublicKey(), id, No)))

	p := fetchProposal(t, id)
	rec, err := gov.FetchVoteRecord(ctx, id, voter.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(500*io), rec.Weight)
	pos, err := stk.FetchPosition(ctx, voter.PublicKey())
	require.NoError(t, err)
	require.Equal(t, p.VotingEndsTs, staking.LockedUntil(pos), "the vote locked the position until voting ends")

	token, err := stk.IOAccount(ctx, voter.PublicKey())
	require.NoError(t, err)
	lockedWatch := []solana.PublicKey{position, token, stk.Addresses.Config}
	t.Run("unstake to restake or move the tokens", func(t *testing.T) {
		stakingRejects(t, stakinggen.Error_PositionLocked, lockedWatch, voter, mustIx(t)(stk.UnstakeInstruction(voter.PublicKey(), 500*io)))
	})
	t.Run("withdraw", func(t *testing.T) {
		stakingRejects(t, stakinggen.Error_PositionLocked, lockedWatch, voter, mustIx(t)(stk.WithdrawInstruction(voter.PublicKey(), token)))
	})

	// Voting with another's position, or without stake.
	other := newStaker(t, 0)
	borrowed := mustIx(t)(gov.CastVoteInstruction(other.PublicKey(), id, Yes))
	borrowed[0].Accounts()[3].PublicKey = position // the voter's position, signed by someone else
	govRejects(t, gen.Error_WrongStakingAccount, []solana.PublicKey{addr, position}, other, borrowed)
	govRejects(t, gen.Error_WrongStakingAccount, []solana.PublicKey{addr}, other, mustIx(t)(gov.CastVoteInstruction(other.PublicKey(), id, Yes)))
	_, err = stk.Send(ctx, other, mustIx(t)(stk.OpenPositionInstruction(other.PublicKey())))
	require.NoError(t, err)
	govRejects(t, gen.Error_NoVotingWeight, []solana.PublicKey{addr}, other, mustIx(t)(gov.CastVoteInstruction(other.PublicKey(), id, Yes)))
	bad := mustIx(t)(gov.CastVoteInstruction(proposer.PublicKey(), id, Yes))[0]
	data, err := bad.Data()
	require.NoError(t, err)
	data[8] = 3
	govRejects(t, gen.Error_InvalidChoice, []solana.PublicKey{addr}, proposer, []solana.Instruction{solana.NewInstruction(gov.ProgramID, bad.Accounts(), data)})

	// After voting ends the lock is over.
	warp(t, DefaultVotingPeriod)
	_, err = stk.Unstake(ctx, voter, 500*io)
	require.NoError(t, err)
}

// TestUnderStakedProposer: a proposal needs the minimum active stake; nothing is created.
func TestUnderStakedProposer(t *testing.T) {
	small := newStaker(t, minStake-1)
	g, err := gov.FetchGovernance(testContext(t))
	require.NoError(t, err)
	next := proposalAddr(t, g.ProposalCount)
	ix := mustIx(t)(gov.CreateProposalInstruction(small.PublicKey(), g.ProposalCount, Proposal{Title: "too small"}))
	govRejects(t, gen.Error_BelowMinimumStake, []solana.PublicKey{gov.Governance, next}, small, ix)
	none := newStaker(t, 0)
	ix = mustIx(t)(gov.CreateProposalInstruction(none.PublicKey(), g.ProposalCount, Proposal{Title: "no position"}))
	govRejects(t, gen.Error_WrongStakingAccount, []solana.PublicKey{gov.Governance, next}, none, ix)
}

// TestMalformedProposals: bounds and signer rules of create_proposal.
func TestMalformedProposals(t *testing.T) {
	proposer := newStaker(t, minStake)
	g, err := gov.FetchGovernance(testContext(t))
	require.NoError(t, err)
	foreignSigner := changeActions(t, "staking.cooldown=1d")
	foreignSigner[0].Accounts[0].Pubkey = proposer.PublicKey()
	long := make([]byte, 65)
	for i := range long {
		long[i] = 'a'
	}
	cases := []struct {
		name, want string
		p          Proposal
	}{
		{"empty title", gen.Error_InvalidTitle, Proposal{}},
		{"title over 64 bytes", gen.Error_InvalidTitle, Proposal{Title: string(long)}},
		{"five actions", gen.Error_TooManyActions, Proposal{Title: "t", Actions: make([]gen.ProposalAction, 5)}},
		{"an action signed by another key", gen.Error_ActionSignerNotGovernance, Proposal{Title: "t", Actions: foreignSigner}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := mustIx(t)(gov.CreateProposalInstruction(proposer.PublicKey(), g.ProposalCount, c.p))
			govRejects(t, c.want, []solana.PublicKey{gov.Governance, proposalAddr(t, g.ProposalCount)}, proposer, ix)
		})
	}
}

// TestOldAuthorityRejected: once governance holds the staking authority, the key that set it up
// can neither change parameters nor lock positions nor take the authority back.
func TestOldAuthorityRejected(t *testing.T) {
	params, err := staking.DefaultParams(solana.PublicKey{})
	require.NoError(t, err)
	params.CooldownSeconds = 60
	staker := newStaker(t, 100*io)
	watch := []solana.PublicKey{stk.Addresses.Config, positionAddr(t, staker.PublicKey())}
	cases := []struct {
		name string
		ixs  []solana.Instruction
	}{
		{"update params", mustIx(t)(stk.UpdateParamsInstruction(oldAuthority.PublicKey(), params))},
		{"set authority", mustIx(t)(stk.SetAuthorityInstruction(oldAuthority.PublicKey(), oldAuthority.PublicKey()))},
		{"lock a position", mustIx(t)(stk.LockPositionInstruction(oldAuthority.PublicKey(), staker.PublicKey(), time.Now().Unix()+1e6))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stakingRejects(t, stakinggen.Error_Unauthorized, watch, oldAuthority, c.ixs)
		})
	}
}
