package governance

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The samples of programs-idl/samples/governance.mjs, built with the Go encoders, must equal the
// bytes of the official Anchor TS coder (programs-idl/golden/governance.json).
func TestGoldenEncodings(t *testing.T) {
	c, err := New(nil, gen.ProgramID, localnettest.SampleKey(8))
	require.NoError(t, err)
	k := localnettest.SampleKey
	ixData := localnettest.InstructionData(t)
	params := gen.GovernanceParams{VotingPeriodSeconds: 259_200, QuorumBps: 400, TimelockSeconds: 86_400, MinStakeToPropose: 100_000_000_000}
	action := gen.ProposalAction{
		ProgramId: k(3),
		Accounts:  []gen.ProposalAccountMeta{{Pubkey: k(9), IsSigner: true}, {Pubkey: k(4), IsWritable: true}},
		Data:      []byte{1, 2, 3, 250},
	}
	var hash [32]byte
	for i := range hash {
		hash[i] = byte(7 + i)
	}
	proposal := Proposal{Title: "Cooldown 7 days", URI: "https://example.org/p/1", DescriptionHash: hash, Actions: []gen.ProposalAction{action, action}}
	settings := gen.Governance{
		StakingProgram: k(1), VotingPeriodSeconds: 259_200, QuorumBps: 400, TimelockSeconds: -1,
		MinStakeToPropose: ^uint64(0), ProposalCount: 7, Bump: 254, JobsProgram: k(2), EmissionProgram: k(3), CapacityProgram: k(4),
	}
	record := gen.VoteRecord{Proposal: k(1), Position: k(2), Voter: k(3), Weight: 5, VotedTs: -7, Choice: 1}
	localnettest.RequireGolden(t, "governance", map[string][]byte{
		"instruction/initialize":      ixData(c.InitializeInstruction(k(1), k(2), k(3), k(4), params)),
		"instruction/update_config":   ixData(c.UpdateConfigInstruction(params)),
		"instruction/create_proposal": ixData(c.CreateProposalInstruction(k(1), 0, proposal)),
		"instruction/cast_vote":       ixData(c.CastVoteInstruction(k(1), 0, Abstain)),
		"instruction/finalize":        ixData(c.FinalizeInstruction(0)),
		"instruction/execute":         ixData(c.ExecuteInstruction(&gen.Proposal{})),
		"instruction/cancel":          ixData(c.CancelInstruction(k(1), 0)),
		"account/Governance":          localnettest.WithDiscriminator(t, gen.Account_Governance, settings),
		"account/VoteRecord":          localnettest.WithDiscriminator(t, gen.Account_VoteRecord, record),
	})
}

// Only the upgrade authority initialises, and only once.
func TestInitializeRejected(t *testing.T) {
	outsider := newStaker(t, 0)
	watch := []solana.PublicKey{gov.Governance}
	govRejects(t, gen.Error_NotUpgradeAuthority, watch, outsider, mustIx(t)(gov.InitializeInstruction(outsider.PublicKey(), jc.ProgramID, em.ProgramID, chain.Manifest.Programs["capacity"], DefaultParams())))
	govRejects(t, "AccountAlreadyInitialized", watch, upgrader, mustIx(t)(gov.InitializeInstruction(upgrader.PublicKey(), jc.ProgramID, em.ProgramID, chain.Manifest.Programs["capacity"], DefaultParams())))
}

// The accounts the program creates have the sizes the IDL (and so gen) declares, and decode.
func TestAccountSizesMatchIDL(t *testing.T) {
	ctx := testContext(t)
	proposer := newStaker(t, minStake)
	id := propose(t, proposer, "sizes", nil)
	vote(t, proposer, id, Yes)
	record, err := gov.voteRecordOf(id, proposer.PublicKey())
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		addr solana.PublicKey
		zero localnettest.Marshaler
	}{
		{"Governance", gov.Governance, gen.Governance{}},
		{"Proposal", proposalAddr(t, id), gen.Proposal{}},
		{"VoteRecord", record, gen.VoteRecord{}},
	} {
		info, err := chain.RPC.GetAccountInfoWithOpts(ctx, c.addr, &rpc.GetAccountInfoOpts{Encoding: solana.EncodingBase64, Commitment: rpc.CommitmentConfirmed})
		require.NoError(t, err, c.name)
		want, err := c.zero.Marshal()
		require.NoError(t, err)
		require.Len(t, info.Value.Data.GetBinary(), 8+len(want), c.name)
	}
	body, err := gen.Proposal{}.Marshal()
	require.NoError(t, err)
	require.Equal(t, 8+len(body), ProposalSize, "ListProposals filters on this size")
	warp(t, DefaultVotingPeriod) // ends the vote lock
}
