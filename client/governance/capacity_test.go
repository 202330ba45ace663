package governance

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	capacitygen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/governance/gen"
)

// cpuTest is the CPU-TEST class (staking.DefaultGPUClasses).
const cpuTest = 5

// capacityAction is update_params of the capacity program with edit applied to its current
// parameters, as a proposal action.
func capacityAction(t *testing.T, edit func(*capacitygen.CapacityParams)) []gen.ProposalAction {
	t.Helper()
	params, err := targets["capacity"].Params(testContext(t))
	require.NoError(t, err)
	edit(params.(*capacitygen.CapacityParams))
	return []gen.ProposalAction{action(t)(targets["capacity"].Update(gov.Governance, params))}
}

// TestProposalChangesCapacityParams: the capacity challenge table is under governance within its
// on-chain bounds: a proposal changing a class's deadline and k and the validity executes; one
// with a matrix size that is not a power of two, or a deadline beyond what SlotHashes keeps, is
// refused when it is created (capacity's check_params), and only the fee moves.
func TestProposalChangesCapacityParams(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	for _, c := range []struct {
		name string
		edit func(*capacitygen.CapacityParams)
	}{
		{"n not a power of two", func(p *capacitygen.CapacityParams) { p.Classes[cpuTest].N = 100 }},
		{"deadline past SlotHashes (500 slots)", func(p *capacitygen.CapacityParams) { p.Classes[cpuTest].DeadlineSlots = 500 }},
		{"proofs too large for a transaction (k = 3 at n = 64)", func(p *capacitygen.CapacityParams) { p.Classes[cpuTest].K = 3 }},
		{"validity of 0 epochs", func(p *capacitygen.CapacityParams) { p.ValidityEpochs = 0 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, err := gov.FetchGovernance(testContext(t))
			require.NoError(t, err)
			ix, err := gov.CreateProposalInstruction(proposer.PublicKey(), g.ProposalCount, Proposal{Title: "bad capacity", URI: "https://gov.example/bad", Actions: capacityAction(t, c.edit)})
			require.NoError(t, err)
			govRejects(t, gen.Error_ActionOutOfBounds, []solana.PublicKey{gov.Governance, cp.Config, proposalAddr(t, g.ProposalCount)}, proposer, []solana.Instruction{ix})
		})
	}

	id := propose(t, proposer, "capacity", capacityAction(t, func(p *capacitygen.CapacityParams) {
		p.Classes[cpuTest].DeadlineSlots = 200
		p.Classes[cpuTest].K = 1
		p.ValidityEpochs = 12
	}))
	vote(t, proposer, id, Yes)
	warp(t, DefaultVotingPeriod)
	_, err := gov.Finalize(ctx, proposer, id)
	require.NoError(t, err)
	warp(t, DefaultTimelock)
	_, err = gov.Execute(ctx, proposer, id)
	require.NoError(t, err)
	cfg, err := cp.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, capacitygen.ClassParams{N: 64, K: 1, DeadlineSlots: 200}, cfg.Classes[cpuTest])
	require.Equal(t, uint64(12), cfg.ValidityEpochs)
	require.Equal(t, gov.Governance, cfg.Authority, "the authority stays with governance")
}
