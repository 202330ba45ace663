package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestExtendJob: the buyer extends a running job by an hour at the same price: the escrow grows
// by exactly the quote's difference, the deadline moves (the run attests past the first
// deadline), and settlement pays price x elapsed with the fee and refund exact. Hostile
// extensions land and fail with only the fee spent.
func TestExtendJob(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 0, 50*USDC)
	stranger := newWallet(t, 0, 10*USDC)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 250*IO)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), usdcMint)
	strangerToken := localnettest.TokenAccount(t, stranger.PublicKey(), usdcMint)
	payee := localnettest.TokenAccount(t, owner.PublicKey(), usdcMint)
	id := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	job := fetchJob(t, id)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken, strangerToken}
	extend := func(extra uint64) []solana.Instruction {
		return localnettest.MustIx(t)(jc.ExtendJobInstruction(job, extra))
	}

	t.Run("by someone other than the buyer", func(t *testing.T) {
		ixs := extend(SecondsPerHour)
		ixs[0].Accounts()[0].PublicKey = stranger.PublicKey()
		ixs[0].Accounts()[4].PublicKey = strangerToken
		requireLandedRejected(t, gen.Error_WrongOwner, watch, stranger, ixs)
	})
	t.Run("paid from another's account", func(t *testing.T) {
		ixs := extend(SecondsPerHour)
		ixs[0].Accounts()[4].PublicKey = strangerToken
		requireLandedRejected(t, gen.Error_WrongOwner, watch, buyer, ixs)
	})
	t.Run("no time", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_InvalidExtension, watch, buyer, extend(0))
	})
	t.Run("past 366 days", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_InvalidExtension, watch, buyer, extend(366*24*SecondsPerHour))
	})

	cost, err := ExtensionCost(job, SecondsPerHour)
	require.NoError(t, err)
	q, err := NewQuote(2*USDC, 2*SecondsPerHour, job.FeeBps)
	require.NoError(t, err)
	require.Equal(t, q.Escrow-job.Escrowed, cost)
	before := balances(t, buyerToken, job.Escrow)
	_, err = jc.ExtendJob(ctx, buyer, id, SecondsPerHour)
	require.NoError(t, err)
	require.Equal(t, []uint64{before[0] - cost, before[1] + cost}, balances(t, buyerToken, job.Escrow))
	job = fetchJob(t, id)
	require.Equal(t, uint64(2*SecondsPerHour), job.MaxDurationSeconds)
	require.Equal(t, q.Escrow, job.Escrowed)

	// Ninety minutes: past the first deadline and grace, within the extended one.
	warp(t, 5_400)
	requireRejected(t, gen.Error_NotExpired, []solana.PublicKey{jobAddr(t, id)}, owner,
		localnettest.MustIx(t)(jc.ExpireJobInstruction(job, ioMint, fixed.IOTreasury, fixed.Ledger)))
	_, err = jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, 5_400))
	require.NoError(t, err)
	warp(t, testWindow+1)
	before = balances(t, buyerToken, payee, fixed.USDCTreasury)
	res, err := jc.SettleJob(ctx, stranger, id)
	require.NoError(t, err)
	want, err := Settle(job.Escrowed, 2*USDC, 2*SecondsPerHour, job.FeeBps, 5_400)
	require.NoError(t, err)
	require.Equal(t, uint64(3*USDC), want.Paid, "an hour and a half at 2 USDC an hour")
	require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeSettled), Paid: want.Paid, Fee: want.Fee, Refunded: want.Refund}, *closedEvent(t, res.Signature))
	require.Equal(t, []uint64{before[0] + want.Refund, before[1] + want.Paid, before[2] + want.Fee}, balances(t, buyerToken, payee, fixed.USDCTreasury))
	require.Equal(t, job.Escrowed, want.Paid+want.Fee+want.Refund)
}

// TestExtendRefused: an attested job is not extended, nor a claimed one past its deadline plus
// grace (it can only expire).
func TestExtendRefused(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 0, 50*USDC)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 250*IO)
	attested := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	runUntilAttested(t, owner, device, attested, 60)
	job := fetchJob(t, attested)
	requireLandedRejected(t, gen.Error_WrongJobState, []solana.PublicKey{jobAddr(t, attested), job.Escrow}, buyer,
		localnettest.MustIx(t)(jc.ExtendJobInstruction(job, SecondsPerHour)))

	late := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	_, err := jc.ClaimJob(ctx, owner, device, late)
	require.NoError(t, err)
	warp(t, SecondsPerHour+testGrace+1)
	job = fetchJob(t, late)
	requireLandedRejected(t, gen.Error_AttestationTooLate, []solana.PublicKey{jobAddr(t, late), job.Escrow}, buyer,
		localnettest.MustIx(t)(jc.ExtendJobInstruction(job, SecondsPerHour)))
}
