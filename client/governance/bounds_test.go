package governance

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// action turns a built instruction into a proposal action, or fails the test.
func action(t testing.TB) func(solana.Instruction, error) gen.ProposalAction {
	return func(ix solana.Instruction, err error) gen.ProposalAction {
		t.Helper()
		require.NoError(t, err)
		a, err := gov.ActionFrom(ix)
		require.NoError(t, err)
		return a
	}
}

// TestProposalsAreCheckedAtCreation reproduces finding 12 of issue 13: governance could do
// anything its PDA can sign (slash through staking's authority, lock positions until 2^56, hand
// authorities away), and parameters outside their bounds (jobs.usdc_fee_bps=20000) passed and
// could never execute. Now a proposal may only call update_params of staking, jobs or emission
// (or governance's update_config) with parameters the target accepts and its authority and
// slasher kept; anything else is refused when it is created, and only the fee moves.
func TestProposalsAreCheckedAtCreation(t *testing.T) {
	proposer := newStaker(t, minStake)
	victim := newStaker(t, 100*io)
	g, err := gov.FetchGovernance(testContext(t))
	require.NoError(t, err)

	ownParams := func(edit func(*gen.GovernanceParams)) gen.ProposalAction {
		p := DefaultParams()
		edit(&p)
		return action(t)(gov.UpdateConfigInstruction(p))
	}
	slasherParams, err := staking.DefaultParams(gov.Governance)
	require.NoError(t, err)
	jobsParams, err := targets["jobs"].Params(testContext(t))
	require.NoError(t, err)
	jobsParams.(*jobsgen.Params).Authority = proposer.PublicKey()
	handAway := action(t)(targets["jobs"].Update(gov.Governance, jobsParams))
	// A slash names 9 accounts; an action holds 4: the first 4 are enough to be refused for what it is.
	ledger, err := stk.FetchBurnLedger(testContext(t))
	require.NoError(t, err)
	slash := action(t)(stk.SlashInstruction(gov.Governance, victim.PublicKey(), chain.Manifest.Mints.IO.Address, victim.PublicKey(), io, ledger))
	slash.Accounts = slash.Accounts[:4]
	extraAccount := changeActions(t, "staking.cooldown=1d")
	extraAccount[0].Accounts = append(extraAccount[0].Accounts, gen.ProposalAccountMeta{Pubkey: victim.PublicKey(), IsWritable: true})

	cases := []struct {
		name, want string
		actions    []gen.ProposalAction
	}{
		{"a fee the jobs program refuses (usdc_fee_bps=20000)", gen.Error_ActionOutOfBounds, changeActions(t, "jobs.usdc_fee_bps=20000")},
		{"a staking burn share above 100%", gen.Error_ActionOutOfBounds, changeActions(t, "staking.slash_burn_bps=10001")},
		{"an emission split above 100%", gen.Error_ActionOutOfBounds, changeActions(t, "emission.staker_split_bps=10001")},
		{"governance as staking's slasher", gen.Error_ActionOutOfBounds, []gen.ProposalAction{action(t)(stk.UpdateParamsInstruction(gov.Governance, slasherParams))}},
		{"the jobs authority handed to the proposer", gen.Error_ActionOutOfBounds, []gen.ProposalAction{handAway}},
		{"a quorum under 4%", gen.Error_InvalidParams, []gen.ProposalAction{ownParams(func(p *gen.GovernanceParams) { p.QuorumBps = 399 })}},
		{"no timelock", gen.Error_InvalidParams, []gen.ProposalAction{ownParams(func(p *gen.GovernanceParams) { p.TimelockSeconds = 0 })}},
		{"a slash through staking", gen.Error_ActionNotAllowed, []gen.ProposalAction{slash}},
		{"a lock until 2^56", gen.Error_ActionNotAllowed, []gen.ProposalAction{action(t)(stk.LockPositionInstruction(gov.Governance, victim.PublicKey(), 1<<56-1))}},
		{"staking's authority handed away", gen.Error_ActionNotAllowed, []gen.ProposalAction{action(t)(stk.SetAuthorityInstruction(gov.Governance, proposer.PublicKey()))}},
		{"another program (SPL Token)", gen.Error_ActionNotAllowed, []gen.ProposalAction{{ProgramId: solana.TokenProgramID, Accounts: []gen.ProposalAccountMeta{{Pubkey: gov.Governance, IsSigner: true}}, Data: []byte{3}}}},
		{"update_params with an extra account", gen.Error_ActionNotAllowed, extraAccount},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := mustIx(t)(gov.CreateProposalInstruction(proposer.PublicKey(), g.ProposalCount, Proposal{Title: "t", Actions: c.actions}))
			govRejects(t, c.want, []solana.PublicKey{gov.Governance, proposalAddr(t, g.ProposalCount), stk.Addresses.Config, jc.Config}, proposer, ix)
		})
	}
	t.Run("without the target's program and config accounts", func(t *testing.T) {
		ix := mustIx(t)(gov.CreateProposalInstruction(proposer.PublicKey(), g.ProposalCount, Proposal{Title: "t", Actions: changeActions(t, "staking.cooldown=1d")}))
		stripped := solana.NewInstruction(gov.ProgramID, ix[0].Accounts()[:6], mustData(t, ix[0]))
		govRejects(t, gen.Error_WrongActionProgram, []solana.PublicKey{gov.Governance, proposalAddr(t, g.ProposalCount)}, proposer, []solana.Instruction{stripped})
	})
}

func mustData(t testing.TB, ix solana.Instruction) []byte {
	t.Helper()
	data, err := ix.Data()
	require.NoError(t, err)
	return data
}

// TestUnexecutedProposalFails: a succeeded proposal not executed within the execution window
// after its timelock is marked Failed by the next execute, which runs none of its actions; it
// then stays Failed (keepers stop retrying it).
func TestUnexecutedProposalFails(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	outsider := newStaker(t, 0)
	id := propose(t, proposer, "too-late", changeActions(t, "staking.slash_burn_bps=4000"))
	vote(t, proposer, id, Yes)
	warp(t, DefaultVotingPeriod)
	_, err := gov.Finalize(ctx, outsider, id)
	require.NoError(t, err)
	require.Equal(t, Succeeded, State(fetchProposal(t, id).State))
	before, err := stk.FetchConfig(ctx)
	require.NoError(t, err)

	warp(t, DefaultTimelock+ExecutionWindow)
	_, err = gov.Execute(ctx, outsider, id)
	require.NoError(t, err)
	p := fetchProposal(t, id)
	require.Equal(t, Failed, State(p.State))
	after, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, before.SlashBurnBps, after.SlashBurnBps, "the action did not run")
	govRejects(t, gen.Error_NotSucceeded, []solana.PublicKey{proposalAddr(t, id), stk.Addresses.Config}, outsider, mustIx(t)(gov.ExecuteInstruction(p)))
}
