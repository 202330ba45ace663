package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// failedEvent is the JobFailed event of the transaction sig.
func failedEvent(t *testing.T, sig solana.Signature) *gen.JobFailed {
	t.Helper()
	details, err := jc.sx.TransactionDetails(localnettest.Context(t), sig)
	require.NoError(t, err)
	for _, ev := range Events(details.Logs, jc.ProgramID) {
		if failed, ok := ev.(*gen.JobFailed); ok {
			return failed
		}
	}
	t.Fatalf("no JobFailed event in %v", details.Logs)
	return nil
}

func TestFailureMessage(t *testing.T) {
	a := Attestation{ResultHash: sampleBytes(1), StartedTs: 5, EndedTs: 9, MetricsDigest: sampleBytes(2)}
	job := solana.PublicKey(sampleBytes(3))
	ok, failed := a.Message(job, 7), a.FailureMessage(job, 7)
	require.Equal(t, FailureDomain, string(failed[:16]))
	require.Equal(t, ok[16:], failed[16:], "the same fields after the domain")
}

// TestAttestFailure: a device whose run failed attests it: the buyer has the whole escrow back
// at once, the job can no longer expire (no penalty), and after the window it settles paying
// the worker and the treasury nothing and releasing the device's reserve. Hostile attempts land
// and fail with only the fee spent.
func TestAttestFailure(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 0, 50*USDC)
	owner := newWallet(t, 1_000*IO, 0)
	attacker := newWallet(t, 0, 1*USDC)
	device := newDevice(t, owner, "RTX4090", 1, 250*IO)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), usdcMint)
	attackerToken := localnettest.TokenAccount(t, attacker.PublicKey(), usdcMint)
	payee := localnettest.TokenAccount(t, owner.PublicKey(), usdcMint)
	id := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	other := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, 60)
	job := fetchJob(t, id)
	a := attestation(t, id, 60)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken, attackerToken, deviceAddr(t, device)}
	fail := func(key solana.PrivateKey, j *gen.Job) []solana.Instruction {
		ixs, err := jc.AttestFailureInstructions(key, j, a)
		require.NoError(t, err)
		return ixs
	}

	t.Run("a success signature is not a failure", func(t *testing.T) {
		ixs := fail(device, job)
		ixs[0] = localnettest.MustIx(t)(SignAttestation(device, jobAddr(t, id), id, a))[0]
		requireLandedRejected(t, gen.Error_WrongAttestationMessage, watch, attacker, ixs)
	})
	t.Run("signed by another key", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_WrongAttestationKey, watch, attacker, fail(solana.NewWallet().PrivateKey, job))
	})
	t.Run("refund diverted to another account", func(t *testing.T) {
		ixs := fail(device, job)
		ixs[1].Accounts()[3].PublicKey = attackerToken
		requireLandedRejected(t, gen.Error_WrongOwner, watch, attacker, ixs)
	})
	t.Run("another job's escrow", func(t *testing.T) {
		ixs := fail(device, job)
		ixs[1].Accounts()[2].PublicKey = fetchJob(t, other).Escrow
		requireLandedRejected(t, gen.Error_WrongVault, append(watch, fetchJob(t, other).Escrow), attacker, ixs)
	})
	t.Run("an open job", func(t *testing.T) {
		requireLandedRejected(t, gen.Error_WrongJobState, watch, attacker, fail(device, fetchJob(t, other)))
	})

	before := balances(t, buyerToken, payee, fixed.USDCTreasury)
	res, err := jc.AttestFailure(ctx, attacker, device, id, a) // anyone may send the device's signed failure
	require.NoError(t, err)
	require.Equal(t, gen.JobFailed{JobId: id, DeviceKey: device.PublicKey(), Refunded: job.Escrowed, StartedTs: a.StartedTs, EndedTs: a.EndedTs}, *failedEvent(t, res.Signature))
	require.Equal(t, 50*USDC-fetchJob(t, other).Escrowed, localnettest.TokenBalance(t, jc.sx, buyerToken), "the buyer has the whole escrow back at once")
	job = fetchJob(t, id)
	require.Equal(t, uint8(StateAttested), job.State)
	require.Equal(t, uint8(1), job.Failed)
	require.Equal(t, a.ResultHash, job.ResultHash)
	requireLandedRejected(t, gen.Error_WrongJobState, []solana.PublicKey{jobAddr(t, id), buyerToken}, attacker, fail(device, job))

	// Past the deadline and grace it cannot expire: the device takes no penalty.
	warp(t, SecondsPerHour+testGrace+testWindow+1)
	requireRejected(t, gen.Error_WrongJobState, []solana.PublicKey{jobAddr(t, id), deviceAddr(t, device)}, owner,
		localnettest.MustIx(t)(jc.ExpireJobInstruction(job, ioMint, fixed.IOTreasury, fixed.Ledger)))
	res, err = jc.SettleJob(ctx, attacker, id)
	require.NoError(t, err)
	require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeSettled)}, *closedEvent(t, res.Signature), "nothing paid, nothing left to refund")
	after := balances(t, buyerToken, payee, fixed.USDCTreasury)
	require.Equal(t, []uint64{before[0] + job.Escrowed, before[1], before[2]}, after, "the refund at the failure; the worker and the treasury get nothing")
	d, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(250*IO), d.Stake, "no penalty")
	require.Zero(t, d.JobReserve, "the job's reserve released")
}

// TestFalseFailureChallenged: a failure claim is challenged like any attestation; a fraud
// ruling slashes the device and returns the bond (the buyer already has the escrow back).
func TestFalseFailureChallenged(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 3_000*IO, 0)
	device := newDevice(t, owner, "H100", 1, 2_000*IO)
	id := createJob(t, buyer, ioMint, "H100", 1, 4*IO, 2)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, 30)
	_, err = jc.AttestFailure(ctx, owner, device, id, attestation(t, id, 30))
	require.NoError(t, err)
	job := fetchJob(t, id)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	require.Equal(t, uint64(100*IO), localnettest.TokenBalance(t, jc.sx, buyerToken))
	bond := job.Escrowed * testBondBps / BPS
	_, err = jc.ChallengeJob(ctx, buyer, id, bond)
	require.NoError(t, err)
	res, err := jc.ResolveChallenge(ctx, arbiter, id, true)
	require.NoError(t, err)
	require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeFraud), Bond: bond, Slashed: testFraud}, *closedEvent(t, res.Signature))
	require.Equal(t, uint64(100*IO+testFraud/2), localnettest.TokenBalance(t, jc.sx, buyerToken), "escrow and bond back, and the paid half of the slash")
	d, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(2_000*IO-testFraud), d.Stake, "a false failure claim is slashed as fraud")
}

// TestFailureTooLate: like any attestation, a failure must land by the deadline plus grace.
func TestFailureTooLate(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 0, 50*USDC)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 250*IO)
	id := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, SecondsPerHour+testGrace+1)
	job := fetchJob(t, id)
	ixs, err := jc.AttestFailureInstructions(device, job, attestation(t, id, 60))
	require.NoError(t, err)
	requireLandedRejected(t, gen.Error_AttestationTooLate, []solana.PublicKey{jobAddr(t, id), job.Escrow}, owner, ixs)
}
