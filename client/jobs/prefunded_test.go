package jobs

import (
	"math/rand/v2"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestPrefundedJobStillCreates: lamports sent to the next job's address or to its escrow's (both
// known in advance: ["job", next_job_id], ["escrow", job]) used to stop the job market for good;
// create_job now tops a pre-funded address up (keeping a surplus), the next id moves on, and a
// cancel returns every lamport of both accounts, the attacker's included, to the buyer.
func TestPrefundedJobStillCreates(t *testing.T) {
	cases := []struct {
		name        string
		job, escrow uint64 // lamports sent beforehand
	}{
		{"job below rent", localnettest.PrefundBelowRent, 0},
		{"escrow below rent", 0, localnettest.PrefundBelowRent},
		{"both above rent", localnettest.PrefundAboveRent, localnettest.PrefundAboveRent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := localnettest.Context(t)
			buyer := newWallet(t, 100*IO, 0)
			cfg, err := jc.FetchConfig(ctx)
			require.NoError(t, err)
			id := cfg.NextJobId
			job := jobAddr(t, id)
			escrow, err := EscrowAddress(jc.ProgramID, job)
			require.NoError(t, err)
			for addr, sent := range map[solana.PublicKey]uint64{job: c.job, escrow: c.escrow} {
				if sent > 0 {
					localnettest.Prefund(t, chain, addr, sent)
				}
			}

			require.Equal(t, id, createJob(t, buyer, ioMint, "RTX4090", 1, IO, 2))
			state := fetchJob(t, id)
			require.Equal(t, buyer.PublicKey(), state.Buyer)
			require.Equal(t, escrow, state.Escrow)
			require.Equal(t, balances(t, escrow)[0], state.Escrowed, "the escrow holds what the job escrowed")
			localnettest.RequireCreated(t, chain, job, jc.ProgramID, c.job)
			localnettest.RequireCreated(t, chain, escrow, solana.TokenProgramID, c.escrow)
			next, err := jc.FetchConfig(ctx)
			require.NoError(t, err)
			require.Greater(t, next.NextJobId, id, "the next job id moved on")

			held := lamports(t, job) + lamports(t, escrow)
			before := lamports(t, buyer.PublicKey())
			res, err := jc.CancelJob(ctx, buyer, id)
			require.NoError(t, err)
			details, err := res.Details(ctx)
			require.NoError(t, err)
			require.Equal(t, before+held-details.Fee, lamports(t, buyer.PublicKey()), "the buyer gets every lamport of both accounts")
		})
	}
}

// prefundNextJob sends lamports, one time in three, to the next job's address, its escrow's or
// both (TestRandomOperations creates jobs over them) and says what it did ("" when nothing).
func prefundNextJob(t *testing.T, rng *rand.Rand) string {
	t.Helper()
	choices := []struct {
		job, escrow bool
		what        string
	}{{true, false, ", job pre-funded"}, {false, true, ", escrow pre-funded"}, {true, true, ", job and escrow pre-funded"}}
	pick := rng.IntN(3 * len(choices))
	if pick >= len(choices) {
		return ""
	}
	c := choices[pick]
	cfg, err := jc.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	job := jobAddr(t, cfg.NextJobId)
	escrow, err := EscrowAddress(jc.ProgramID, job)
	require.NoError(t, err)
	if c.job {
		localnettest.Prefund(t, chain, job, localnettest.PrefundBelowRent)
	}
	if c.escrow {
		localnettest.Prefund(t, chain, escrow, localnettest.PrefundBelowRent)
	}
	return c.what
}
