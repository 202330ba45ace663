package jobs

import (
	"context"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestPublishedSpec: the buyer publishes a job's spec on-chain in chunks; workers read it back
// checked against the spec hash; hostile writes land and fail with only the fee spent; the
// spec's rent returns to the buyer in the transaction that closes the job.
func TestPublishedSpec(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 0, 50*USDC)
	stranger := newWallet(t, 0, 0)
	spec := &Spec{Image: "registry.example/train@sha256:" + strings.Repeat("ab", 32), Command: []string{"python", "train.py"},
		Environment: map[string]string{"CONFIG": strings.Repeat("x", 1_900)}, Output: &Output{URL: "https://bucket.example/out.tar?sig=s"}}
	hash, err := spec.Hash()
	require.NoError(t, err)
	canonical, err := spec.Canonical()
	require.NoError(t, err)
	require.Greater(t, len(canonical), 2*specChunk, "three chunks")
	terms := Terms{SpecHash: hash, GPUClass: classIndex(t, "RTX4090"), GPUCount: 1, PricePerHour: 2 * USDC, MaxDurationSeconds: SecondsPerHour}
	id, _, err := jc.CreateJob(ctx, buyer, usdcMint, terms)
	require.NoError(t, err)
	job := fetchJob(t, id)
	specAddr, err := SpecAddress(jc.ProgramID, jobAddr(t, id))
	require.NoError(t, err)
	watch := []solana.PublicKey{specAddr, jobAddr(t, id)}
	_, err = jc.FetchSpec(ctx, job)
	require.ErrorIs(t, err, ErrNotFound)

	publish := func(from solana.PublicKey, bytes []byte, at int) []solana.Instruction {
		ixs, err := jc.PublishSpecInstructions(from, id, bytes, at)
		require.NoError(t, err)
		return ixs[:1]
	}
	t.Run("by someone other than the buyer", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_WrongOwner, watch, stranger, publish(stranger.PublicKey(), canonical, 0))
	})
	t.Run("bytes of another spec", func(t *testing.T) {
		other, err := (&Spec{Command: []string{"rm", "-rf", "/"}}).Canonical()
		require.NoError(t, err)
		requireLandedRejected(t, gen.Error_SpecHashMismatch, watch, buyer, publish(buyer.PublicKey(), other, 0))
	})
	t.Run("a chunk out of order", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_SpecOutOfOrder, watch, buyer, publish(buyer.PublicKey(), canonical, specChunk))
	})
	t.Run("too long", func(t *testing.T) {
		ix := publish(buyer.PublicKey(), canonical, 0)
		data, err := ix[0].Data()
		require.NoError(t, err)
		data[8], data[9], data[10], data[11] = 0x11, 0x27, 0, 0 // total_len 10001
		requireLandedRejected(t, gen.Error_InvalidSpecLength, watch, buyer, []solana.Instruction{solana.NewInstruction(jc.ProgramID, ix[0].Accounts(), data)})
	})

	// The first chunk alone: not yet readable; then the rest.
	_, err = jc.Send(ctx, buyer, publish(buyer.PublicKey(), canonical, 0))
	require.NoError(t, err)
	_, err = jc.FetchSpec(ctx, job)
	require.ErrorIs(t, err, ErrSpecIncomplete)
	require.NoError(t, jc.PublishSpec(ctx, buyer, id, spec))
	got, err := jc.FetchSpec(ctx, job)
	require.NoError(t, err)
	require.Equal(t, spec, got)
	require.NoError(t, jc.PublishSpec(ctx, buyer, id, spec), "publishing again leaves a complete spec as it is")
	t.Run("a complete spec is not rewritten", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_SpecOutOfOrder, watch, buyer, publish(buyer.PublicKey(), canonical, 0))
	})
	t.Run("closed by a stranger while the job is open", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_SpecStillNeeded, append(watch, buyer.PublicKey()), stranger, localnettest.MustIx(t)(jc.CloseSpecInstruction(job, false)))
	})

	// Cancelling the job closes the spec in the same transaction, rent to the buyer.
	rent := lamports(t, specAddr)
	require.Positive(t, rent)
	before := lamports(t, buyer.PublicKey())
	jobRent := lamports(t, jobAddr(t, id)) + lamports(t, job.Escrow)
	res, err := jc.CancelJob(ctx, buyer, id)
	require.NoError(t, err)
	require.Zero(t, lamports(t, specAddr))
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Equal(t, before+rent+jobRent-details.Fee, lamports(t, buyer.PublicKey()), "the spec's rent is back with the job's")
	_, err = jc.FetchSpec(context.Background(), job)
	require.ErrorIs(t, err, ErrNotFound)
}
