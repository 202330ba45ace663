package governance

import (
	"context"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
)

// jobsAction is the gen.Action of a jobs update_params carrying params.
func jobsAction(t *testing.T, program solana.PublicKey, params jobsgen.Params) gen.Action {
	t.Helper()
	ix, err := jobsgen.NewUpdateParamsInstruction(params, solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey())
	require.NoError(t, err)
	data, err := ix.Data()
	require.NoError(t, err)
	a := gen.Action{ProgramId: program, DataLen: uint16(len(data))}
	copy(a.Data[:], data)
	return a
}

func TestDescribeActions(t *testing.T) {
	program := solana.NewWallet().PublicKey()
	current := jobsgen.Params{ReservationFeeBps: 25, UsdcFeeBps: 200, ChallengeWindowSeconds: 3600, MinCheckerStake: 1_000 * 100_000_000}
	targets := map[string]Target{"jobs": NewTarget(program, jobsgen.Instruction_UpdateParams,
		func(context.Context) (jobsgen.Params, error) { return current, nil },
		func(authority solana.PublicKey, p jobsgen.Params) (solana.Instruction, error) {
			return jobsgen.NewUpdateParamsInstruction(p, authority, authority)
		})}

	proposed := current
	proposed.UsdcFeeBps = 150
	proposed.ChallengeWindowSeconds = 2 * 86_400
	proposed.MinCheckerStake = 250 * 100_000_000
	stranger := solana.NewWallet().PublicKey()
	p := &gen.Proposal{ActionCount: 3}
	p.Actions[0] = jobsAction(t, program, proposed)
	p.Actions[1] = jobsAction(t, program, current)
	p.Actions[2] = jobsAction(t, stranger, proposed)

	got, err := DescribeActions(context.Background(), targets, p)
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, []string{
		"jobs.challenge_window_seconds: 3600 (1h0m0s) -> 172800 (2d)",
		"jobs.min_checker_stake: 1000 IO -> 250 IO",
		"jobs.usdc_fee_bps: 200 -> 150",
	}, got[0].Lines())
	assert.Equal(t, []string{"jobs: update_params with no change from the current parameters"}, got[1].Lines())
	assert.Contains(t, got[2].Lines()[0], stranger.String()+": an instruction of program "+stranger.String()+", which is not a governed program")

	other := gen.Action{ProgramId: program, DataLen: 8}
	copy(other.Data[:], jobsgen.Instruction_CancelJob[:])
	p = &gen.Proposal{ActionCount: 1}
	p.Actions[0] = other
	got, err = DescribeActions(context.Background(), targets, p)
	require.NoError(t, err)
	assert.Equal(t, []string{"jobs: an instruction other than update_params (8 bytes of data)"}, got[0].Lines())
}
