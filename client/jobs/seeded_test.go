package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// A Checker lives at the seeded address of "checker" under its owner, an Audit at that of
// "audit" under its job (ionet_sdk::seeded): no bump is searched, and each is still one per
// owner or job. Each hostile transaction lands, fails with the named error and moves nothing
// but the payer's fee.

// Account positions in the instructions that create the records.
const (
	registerCheckerChecker = 2
	challengeJobAudit      = 7
	drawAuditAudit         = 3
)

// oldPDA is the canonical PDA the record used to live at ([tag, key]).
func oldPDA(t *testing.T, tag string, key solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := anchor.PDA(jc.ProgramID, []byte(tag), key.Bytes())
	require.NoError(t, err)
	return addr
}

// TestCheckerOnlyAtItsOwnersSeededAddress: register_checker creates the Checker at its owner's
// seeded address and nowhere else: another owner's seeded address and the old PDA are refused.
func TestCheckerOnlyAtItsOwnersSeededAddress(t *testing.T) {
	owner := newWallet(t, 2*testChecker, 0)
	other := newWallet(t, 0, 0)
	rtx := ClassBit(classIndex(t, "RTX4090"))
	register := localnettest.MustIx(t)(jc.RegisterCheckerInstruction(owner.PublicKey(), ioToken(t, owner.PublicKey()),
		solana.NewWallet().PublicKey(), rtx, testChecker))
	own := checkerAddr(t, owner.PublicKey())
	cases := []struct {
		name string
		at   solana.PublicKey
	}{
		{"another owner's seeded address", checkerAddr(t, other.PublicKey())},
		{"the old PDA [\"checker\", owner]", oldPDA(t, tagChecker, owner.PublicKey())},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			watch := []solana.PublicKey{own, tc.at, jc.Registry, jc.CheckerVault, ioToken(t, owner.PublicKey())}
			requireLandedRejected(t, "InvalidSeeds", watch, owner, withAccount(t, register, registerCheckerChecker, tc.at))
		})
	}
	_, err := jc.RegisterChecker(localnettest.Context(t), owner, solana.NewWallet().PublicKey(), rtx, testChecker)
	require.NoError(t, err)
	t.Cleanup(func() { leaveIfRegistered(t, owner) })
	require.Equal(t, owner.PublicKey(), fetchChecker(t, owner.PublicKey()).Owner)
}

// TestCheckerAddressTakenByItsOwner: an owner may create an account at its own Checker address
// itself (the System program's CreateAccountWithSeed, owned by jobs, zeroed): register_checker
// then refuses it as existing (CheckerExists), moving nothing, and the empty account is no
// Checker to any other instruction. It blocks only that owner: only its signature creates an
// account there, and another owner registers as before.
func TestCheckerAddressTakenByItsOwner(t *testing.T) {
	ctx := localnettest.Context(t)
	rtx := ClassBit(classIndex(t, "RTX4090"))
	for _, space := range []uint64{0, checkerLen} {
		owner := newWallet(t, 2*testChecker, 0)
		addr := checkerAddr(t, owner.PublicKey())
		rent, err := jc.sx.RPC.GetMinimumBalanceForRentExemption(ctx, space, rpc.CommitmentConfirmed)
		require.NoError(t, err)
		create := system.NewCreateAccountWithSeedInstruction(owner.PublicKey(), tagChecker, rent, space, jc.ProgramID,
			owner.PublicKey(), addr, owner.PublicKey()).Build()
		_, err = jc.sx.Send(ctx, owner, []solana.Instruction{create})
		require.NoError(t, err)
		info, err := jc.sx.RPC.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
		require.NoError(t, err)
		require.Equal(t, jc.ProgramID, info.Value.Owner, "the owner made a jobs-owned account at its own Checker address")

		watch := []solana.PublicKey{addr, jc.Registry, jc.CheckerVault, ioToken(t, owner.PublicKey())}
		requireLandedRejected(t, gen.Error_CheckerExists, watch, owner,
			localnettest.MustIx(t)(jc.RegisterCheckerInstruction(owner.PublicKey(), ioToken(t, owner.PublicKey()), solana.NewWallet().PublicKey(), rtx, testChecker)))
		requireLandedRejected(t, wrongCheckerOr(space), watch, owner, localnettest.MustIx(t)(jc.LeaveCheckersInstruction(owner.PublicKey())))
		reg, err := jc.FetchRegistry(ctx)
		require.NoError(t, err)
		require.False(t, Registered(reg, owner.PublicKey()))
	}

	bystander := newWallet(t, 2*testChecker, 0)
	_, err := jc.RegisterChecker(ctx, bystander, solana.NewWallet().PublicKey(), rtx, testChecker)
	require.NoError(t, err)
	t.Cleanup(func() { leaveIfRegistered(t, bystander) })
	require.Equal(t, bystander.PublicKey(), fetchChecker(t, bystander.PublicKey()).Owner)
}

// wrongCheckerOr is the error an instruction loading a Checker gives for the owner's own
// zeroed account of space bytes: empty, no Checker (WrongChecker); Checker-sized, a zero
// discriminator (InvalidAccountData).
func wrongCheckerOr(space uint64) string {
	if space == 0 {
		return gen.Error_WrongChecker
	}
	return "InvalidAccountData"
}

// checkerLen is a Checker's size (programs/jobs/src/audit_state.rs).
const checkerLen = 8 + 2*32 + 4*8 + 8

// TestAuditOnlyAtItsJobsSeededAddress: challenge_job and draw_audit create the Audit at the
// job's seeded address and nowhere else: another job's and the old PDA are refused, the job
// stays attested, and the right address then works.
func TestAuditOnlyAtItsJobsSeededAddress(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	challenged := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	drawn := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	// Both attested within the same challenge window.
	for _, id := range []uint64{challenged, drawn} {
		_, err := jc.ClaimJob(ctx, owner, device, id)
		require.NoError(t, err)
	}
	warp(t, 600)
	for _, id := range []uint64{challenged, drawn} {
		_, err := jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, 600))
		require.NoError(t, err)
	}
	for _, id := range []uint64{challenged, drawn} {
		_, ok, err := jc.PredictDraw(ctx, id)
		for err == nil && !ok {
			_, ok, err = jc.PredictDraw(ctx, id)
		}
		require.NoError(t, err)
	}
	auditOf := func(id uint64) solana.PublicKey {
		addr, err := AuditAddress(jc.ProgramID, jobAddr(t, id))
		require.NoError(t, err)
		return addr
	}
	buyerToken := ioToken(t, buyer.PublicKey())
	job := fetchJob(t, challenged)
	challenge := localnettest.MustIx(t)(jc.ChallengeJobInstruction(buyer.PublicKey(), buyerToken, job, job.Escrowed*testBondBps/BPS))
	draw := localnettest.MustIx(t)(jc.DrawAuditInstruction(buyer.PublicKey(), drawn))

	cases := []struct {
		name  string
		id    uint64
		ixs   []solana.Instruction
		index int
		at    solana.PublicKey
	}{
		{"challenge: another job's audit", challenged, challenge, challengeJobAudit, auditOf(drawn)},
		{"challenge: the old PDA [\"audit\", job]", challenged, challenge, challengeJobAudit, oldPDA(t, tagAudit, jobAddr(t, challenged))},
		{"draw: another job's audit", drawn, draw, drawAuditAudit, auditOf(challenged)},
		{"draw: the old PDA [\"audit\", job]", drawn, draw, drawAuditAudit, oldPDA(t, tagAudit, jobAddr(t, drawn))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			watch := []solana.PublicKey{jobAddr(t, tc.id), auditOf(tc.id), tc.at, buyerToken, job.Escrow}
			requireLandedRejected(t, "InvalidSeeds", watch, buyer, withAccount(t, tc.ixs, tc.index, tc.at))
			require.Equal(t, uint8(StateAttested), fetchJob(t, tc.id).State)
		})
	}

	_, err := jc.sx.Send(ctx, buyer, challenge)
	require.NoError(t, err)
	_, err = jc.sx.Send(ctx, buyer, draw)
	require.NoError(t, err)
	for _, id := range []uint64{challenged, drawn} {
		a := fetchAudit(t, id)
		require.Equal(t, jobAddr(t, id), a.Job)
		require.Equal(t, uint8(StateAudited), fetchJob(t, id).State)
		localnettest.RequireCreated(t, chain, auditOf(id), jc.ProgramID, 0)
	}
}

// TestCheckerOwnCostakeAddressDoesNotStallAssignment: a picked checker's co-stake position on
// the job's device lives at its own seeded address, so the checker can put an account there
// itself (owned by staking, zeroed) before it is assigned. That is no co-stake: the checker is
// assigned as any other, and the audit goes on.
func TestCheckerOwnCostakeAddressDoesNotStallAssignment(t *testing.T) {
	ctx := localnettest.Context(t)
	picked := newChecker(t, testChecker, "RTX4090")
	buyer, _, device, id := auditedJob(t, specHash(t, "result"))
	pick, ok, err := jc.NextPick(ctx, fetchJob(t, id), fetchAudit(t, id))
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, picked.key(), pick)

	made := localnettest.CreateSeededEmpty(t, chain, picked.owner, staking.KeySeed("costake", device.PublicKey()), stk.ProgramID, 200)
	want, err := staking.CostakePositionAddress(stk.ProgramID, device.PublicKey(), pick)
	require.NoError(t, err)
	require.Equal(t, want, made)

	_, err = jc.AssignChecker(ctx, buyer, id)
	require.NoError(t, err)
	audit := fetchAudit(t, id)
	require.Equal(t, pick, audit.Checkers[0], "assigned: an account the checker made is no co-stake")
	require.Zero(t, audit.ExcludedCount, "not skipped as a co-staker")
}
