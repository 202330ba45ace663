package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestChallengeDeadline is the audit's finding 10: only the arbiter could resolve a challenge,
// so an absent arbiter left the escrow (and now the device's reserve) locked for ever. The
// arbiter has until resolve_by_ts (challenge + 7 days); after it anyone applies the default
// outcome: the attestation stands, the worker is paid, the bond returns, nothing is slashed.
func TestChallengeDeadline(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	outsider := newWallet(t, 0, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 2)
	runUntilAttested(t, owner, device, id, 1800)
	job := fetchJob(t, id)
	bond := job.Escrowed * testBondBps / BPS
	challengedAfter := chainNow(t)
	_, err := jc.ChallengeJob(ctx, buyer, id, bond)
	require.NoError(t, err)
	job = fetchJob(t, id)
	require.GreaterOrEqual(t, job.ResolveByTs, challengedAfter+ResolutionWindowSeconds, "the arbiter has 7 days from the challenge")
	require.LessOrEqual(t, job.ResolveByTs, chainNow(t)+ResolutionWindowSeconds)

	buyerToken, payee := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint), localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken, payee, fixed.IOTreasury, deviceAddr(t, device)}
	lapse := localnettest.MustIx(t)(jc.LapseChallengeInstruction(job, fixed.IOTreasury))

	// While the arbiter may still act, nobody else can close the job.
	requireLandedRejected(t, gen.Error_ResolutionPending, watch, outsider, lapse)
	warp(t, job.ResolveByTs-chainNow(t))
	requireLandedRejected(t, gen.Error_ResolutionPending, watch, outsider, lapse)

	// Past the deadline: the arbiter is too late, and anyone applies the default outcome.
	warp(t, 1)
	resolve := localnettest.MustIx(t)(jc.ResolveChallengeInstruction(arbiter.PublicKey(), job, fixed.IOTreasury, ioMint, buyerToken, true, fixed.Ledger))
	requireLandedRejected(t, gen.Error_ResolutionDeadlinePassed, watch, arbiter, resolve)

	// The buyer challenged: the bond returns to the buyer's token account, no other.
	requireLandedRejected(t, gen.Error_WrongOwner, watch, outsider, withAccount(t, lapse, 7, payee))

	before := balances(t, buyerToken, payee, fixed.IOTreasury, stk.Addresses.StakeVault)
	res, err := jc.LapseChallenge(ctx, outsider, id)
	require.NoError(t, err)
	want, err := Settle(job.Escrowed, job.PricePerHour, job.MaxDurationSeconds, job.FeeBps, 1800)
	require.NoError(t, err)
	require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeChallengeLapsed), Paid: want.Paid, Fee: want.Fee, Refunded: want.Refund, Bond: bond}, *closedEvent(t, res.Signature))
	require.Equal(t, []uint64{before[0] + want.Refund + bond, before[1] + want.Paid, before[2] + want.Fee, before[3]},
		balances(t, buyerToken, payee, fixed.IOTreasury, stk.Addresses.StakeVault), "buyer: refund and bond back; worker paid; fee; no slash")
	require.Equal(t, job.Escrowed+bond, want.Paid+want.Fee+want.Refund+bond, "tokens in = paid + fees + refunded + bond")
	require.Equal(t, []string{"absent", "absent"}, localnettest.AccountStates(t, jc.sx.RPC, jobAddr(t, id), job.Escrow), "nothing stays locked")
	d, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Zero(t, d.JobReserve, "the device's reserve is released")
	require.Equal(t, uint64(200*IO), d.Stake)
	requireRejected(t, gen.Error_JobNotFound, []solana.PublicKey{buyerToken, payee}, outsider, lapse)
}

// TestAttestationDeadline: submit_attestation had no deadline, so a device could attest after
// its job became expirable and race the expiry. From deadline + grace + 1 on only expiry works.
func TestAttestationDeadline(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	late := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	inGrace := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	for _, id := range []uint64{late, inGrace} {
		_, err := jc.ClaimJob(ctx, owner, device, id)
		require.NoError(t, err)
	}
	// Both claimed in (about) the same second; the later claim's deadline is the bound.
	lastDeadline := max(fetchJob(t, late).ClaimedTs, fetchJob(t, inGrace).ClaimedTs) + SecondsPerHour + testGrace
	warp(t, lastDeadline-chainNow(t))
	_, err := jc.SubmitAttestation(ctx, owner, device, inGrace, attestation(t, inGrace, SecondsPerHour))
	require.NoError(t, err, "within the grace, an attestation still lands")

	warp(t, 1)
	a := attestation(t, late, SecondsPerHour)
	ixs, err := jc.SubmitAttestationInstructions(device, late, a)
	require.NoError(t, err)
	requireLandedRejected(t, gen.Error_AttestationTooLate, []solana.PublicKey{jobAddr(t, late), deviceAddr(t, device)}, owner, ixs)
	res, err := jc.ExpireJob(ctx, buyer, late)
	require.NoError(t, err)
	require.Equal(t, uint8(OutcomeExpired), closedEvent(t, res.Signature).Outcome)
}

// TestExpiryPaysTheTreasury: expire_job paid half the penalty to its caller, so a device owner
// expiring its own job won back half of its penalty. The paid share now goes to the IO
// treasury only; naming the caller's account is refused.
func TestExpiryPaysTheTreasury(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, SecondsPerHour+testGrace+1)
	job := fetchJob(t, id)
	ownerIO := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, ownerIO, fixed.IOTreasury, stk.Addresses.StakeVault, deviceAddr(t, device)}
	selfPaid := localnettest.MustIx(t)(jc.ExpireJobInstruction(job, ioMint, ownerIO, fixed.Ledger))
	requireLandedRejected(t, gen.Error_WrongVault, watch, owner, selfPaid)

	before := balances(t, ownerIO, fixed.IOTreasury, stk.Addresses.StakeVault)
	_, err = jc.Send(ctx, owner, localnettest.MustIx(t)(jc.ExpireJobInstruction(job, ioMint, fixed.IOTreasury, fixed.Ledger)))
	require.NoError(t, err)
	require.Equal(t, []uint64{before[0], before[1] + testExpiry/2, before[2] - testExpiry}, balances(t, ownerIO, fixed.IOTreasury, stk.Addresses.StakeVault),
		"the owner wins nothing back; the treasury gets the paid half; the other half is burned")
}
