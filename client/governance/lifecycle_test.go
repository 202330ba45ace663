package governance

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// TestProposalChangesStakingCooldown: a proposal passes, waits out its timelock, is executed by
// an outsider, and the new cooldown applies to the next unstake.
func TestProposalChangesStakingCooldown(t *testing.T) {
	ctx := testContext(t)
	proposer, stake := newMajorityStaker(t)
	outsider := newStaker(t, 0)
	id := propose(t, proposer, "cooldown-7d", changeActions(t, "staking.cooldown=7d"))
	addr := proposalAddr(t, id)
	watch := []solana.PublicKey{addr, stk.Addresses.Config}

	p := fetchProposal(t, id)
	require.Equal(t, Voting, State(p.State))
	require.Equal(t, "cooldown-7d", Summarize(p, time.Unix(p.CreatedTs, 0)).Title)
	require.EqualValues(t, 1, p.ActionCount)
	require.Equal(t, stk.ProgramID, p.Actions[0].ProgramId)

	vote(t, proposer, id, Yes)
	govRejects(t, gen.Error_VotingNotEnded, watch, outsider, mustIx(t)(gov.FinalizeInstruction(id)))
	govRejects(t, gen.Error_NotSucceeded, watch, outsider, mustIx(t)(gov.ExecuteInstruction(fetchProposal(t, id))))

	warp(t, DefaultVotingPeriod)
	late := newStaker(t, 100*io)
	govRejects(t, gen.Error_VotingClosed, watch, late, mustIx(t)(gov.CastVoteInstruction(late.PublicKey(), id, No)))
	_, err := gov.Finalize(ctx, outsider, id)
	require.NoError(t, err)
	p = fetchProposal(t, id)
	require.Equal(t, Succeeded, State(p.State))
	require.Equal(t, stake, p.Yes)

	govRejects(t, gen.Error_TimelockNotElapsed, watch, outsider, mustIx(t)(gov.ExecuteInstruction(p)))
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(staking.DefaultCooldown/time.Second), cfg.CooldownSeconds, "nothing changes before execution")

	warp(t, DefaultTimelock)
	_, err = gov.Execute(ctx, outsider, id)
	require.NoError(t, err)
	cfg, err = stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(7*24*3600), cfg.CooldownSeconds)
	require.Equal(t, Executed, State(fetchProposal(t, id).State))
	govRejects(t, gen.Error_AlreadyExecuted, watch, outsider, mustIx(t)(gov.ExecuteInstruction(p)))

	// The new cooldown takes effect: an unstake now unlocks 7 days later.
	now := warp(t, time.Second)
	_, err = stk.Unstake(ctx, late, 10*io)
	require.NoError(t, err)
	pos, err := stk.FetchPosition(ctx, late.PublicKey())
	require.NoError(t, err)
	require.InDelta(t, now+7*24*3600, pos.Cooldowns[0].UnlockTs, 5)
}

// TestDefeatedProposals: missing quorum, or more no than yes, ends Defeated, and a defeated
// proposal cannot execute.
func TestDefeatedProposals(t *testing.T) {
	ctx := testContext(t)
	whale := newStaker(t, 1_000_000*io)
	proposer := newStaker(t, minStake)
	small := newStaker(t, 100*io)
	noQuorum := propose(t, whale, "no-quorum", changeActions(t, "staking.slash_burn_bps=9000"))
	moreNo := propose(t, proposer, "more-no", changeActions(t, "staking.slash_burn_bps=9000"))
	vote(t, small, noQuorum, Yes)
	vote(t, proposer, moreNo, Yes)
	vote(t, whale, moreNo, No)
	warp(t, DefaultVotingPeriod)

	cases := []struct {
		name string
		id   uint64
	}{{"below quorum", noQuorum}, {"more no than yes", moreNo}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := gov.Finalize(ctx, small, c.id)
			require.NoError(t, err)
			p := fetchProposal(t, c.id)
			require.Equal(t, Defeated, State(p.State))
			warp(t, DefaultTimelock)
			govRejects(t, gen.Error_NotSucceeded, []solana.PublicKey{proposalAddr(t, c.id), stk.Addresses.Config}, small, mustIx(t)(gov.ExecuteInstruction(p)))
			govRejects(t, gen.Error_NotVoting, []solana.PublicKey{proposalAddr(t, c.id)}, small, mustIx(t)(gov.FinalizeInstruction(c.id)))
		})
	}
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(5_000), cfg.SlashBurnBps, "no defeated proposal changed the parameter")
}

// TestCancel: only the proposer, only before any vote.
func TestCancel(t *testing.T) {
	ctx := testContext(t)
	proposer := newStaker(t, minStake)
	other := newStaker(t, minStake)
	quiet := propose(t, proposer, "quiet", nil)
	voted := propose(t, proposer, "voted", nil)
	vote(t, other, voted, Abstain)

	govRejects(t, gen.Error_NotProposer, []solana.PublicKey{proposalAddr(t, quiet)}, other, mustIx(t)(gov.CancelInstruction(other.PublicKey(), quiet)))
	govRejects(t, gen.Error_ProposalHasVotes, []solana.PublicKey{proposalAddr(t, voted)}, proposer, mustIx(t)(gov.CancelInstruction(proposer.PublicKey(), voted)))
	_, err := gov.Cancel(ctx, proposer, quiet)
	require.NoError(t, err)
	require.Equal(t, Cancelled, State(fetchProposal(t, quiet).State))
	govRejects(t, gen.Error_NotVoting, []solana.PublicKey{proposalAddr(t, quiet)}, proposer, mustIx(t)(gov.CancelInstruction(proposer.PublicKey(), quiet)))
	warp(t, DefaultVotingPeriod) // ends the vote lock of `other`
}

// TestGovernanceChangesItself: a proposal can change governance's own parameters (a CPI of the
// program into itself, signed by its PDA); nobody else can. Execute checks the accounts it is
// given against the stored actions.
func TestGovernanceChangesItself(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	params := DefaultParams()
	params.MinStakeToPropose = minStake
	params.QuorumBps = 500
	update, err := gov.UpdateConfigInstruction(params)
	require.NoError(t, err)
	action, err := gov.ActionFrom(update)
	require.NoError(t, err)
	id := propose(t, proposer, "quorum-5pct", []gen.ProposalAction{action})
	vote(t, proposer, id, Yes)
	warp(t, DefaultVotingPeriod)
	_, err = gov.Finalize(ctx, proposer, id)
	require.NoError(t, err)
	warp(t, DefaultTimelock)

	watch := []solana.PublicKey{proposalAddr(t, id), gov.Governance}
	p := fetchProposal(t, id)
	wrong := mustIx(t)(gov.ExecuteInstruction(p))
	wrong[0].Accounts()[2].PublicKey = stk.ProgramID // the action's program replaced
	govRejects(t, gen.Error_ActionAccountMismatch, watch, proposer, wrong)
	short := mustIx(t)(gov.ExecuteInstruction(p))
	data, err := short[0].Data()
	require.NoError(t, err)
	short[0] = solana.NewInstruction(gov.ProgramID, short[0].Accounts()[:3], data)
	govRejects(t, gen.Error_ActionAccountMismatch, watch, proposer, short)

	direct := mustIx(t)(gov.UpdateConfigInstruction(params))
	direct[0].Accounts()[0].IsSigner = false // only the PDA could sign, and only by CPI
	govRejects(t, "MissingRequiredSignature", watch, proposer, direct)

	_, err = gov.Execute(ctx, proposer, id)
	require.NoError(t, err)
	g, err := gov.FetchGovernance(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(500), g.QuorumBps)
}
