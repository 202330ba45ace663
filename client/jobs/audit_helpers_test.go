package jobs

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// checkerKeys are a checker's owner wallet and its daemon's verdict key.
type checkerKeys struct {
	owner, verdict solana.PrivateKey
}

func (k checkerKeys) key() solana.PublicKey { return k.owner.PublicKey() }

// newChecker registers a fresh checker for the GPU classes named, staking stake IO base units
// (its wallet holds 10 IO more for fees and tests). It leaves the registry when the test ends,
// so every test starts from an empty registry.
func newChecker(t *testing.T, stake uint64, classes ...string) checkerKeys {
	t.Helper()
	k := checkerKeys{owner: newWallet(t, stake+10*IO, 0), verdict: solana.NewWallet().PrivateKey}
	var bits uint8
	for _, c := range classes {
		bits |= ClassBit(classIndex(t, c))
	}
	_, err := jc.RegisterChecker(localnettest.Context(t), k.owner, k.verdict.PublicKey(), bits, stake)
	require.NoError(t, err)
	t.Cleanup(func() { leaveIfRegistered(t, k.owner) })
	return k
}

// leaveIfRegistered takes owner out of the registry when it is still there.
func leaveIfRegistered(t *testing.T, owner solana.PrivateKey) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reg, err := jc.FetchRegistry(ctx)
	require.NoError(t, err)
	if Registered(reg, owner.PublicKey()) {
		_, err = jc.LeaveCheckers(ctx, owner)
		require.NoError(t, err)
	}
}

// untilSeedSlot runs step until it stops failing with DrawTooEarly or ErrSeedPending (the slot
// after the attestation or challenge is not complete yet) and requires it then to succeed.
func untilSeedSlot(t *testing.T, step func() (*solanax.Result, error)) *solanax.Result {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := step()
		if (ErrorName(err) == gen.Error_DrawTooEarly || errors.Is(err, ErrSeedPending)) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		require.NoError(t, err)
		return res
	}
}

// drawAudit draws job id (payer pays), waiting for its seed slot.
func drawAudit(t *testing.T, payer solana.PrivateKey, id uint64) *solanax.Result {
	t.Helper()
	return untilSeedSlot(t, func() (*solanax.Result, error) { return jc.DrawAudit(localnettest.Context(t), payer, id) })
}

// assignNext assigns the next checker to job id's audit and returns its owner (checking the
// CheckerAssigned event).
func assignNext(t *testing.T, payer solana.PrivateKey, id uint64) solana.PublicKey {
	t.Helper()
	before := fetchAudit(t, id)
	res := untilSeedSlot(t, func() (*solanax.Result, error) { return jc.AssignChecker(localnettest.Context(t), payer, id) })
	after := fetchAudit(t, id)
	for i := range after.Checkers {
		if after.Checkers[i] != before.Checkers[i] && !after.Checkers[i].IsZero() {
			want := &gen.CheckerAssigned{JobId: id, Checker: after.Checkers[i], Slot: uint8(i), Deadline: after.Deadlines[i]}
			require.Equal(t, []any{want}, eventsOf(t, res.Signature))
			return after.Checkers[i]
		}
	}
	t.Fatalf("no checker assigned to job %d: %+v", id, after)
	return solana.PublicKey{}
}

func fetchAudit(t testing.TB, id uint64) *gen.Audit {
	t.Helper()
	a, err := jc.FetchAudit(localnettest.Context(t), id)
	require.NoError(t, err)
	return a
}

func fetchChecker(t testing.TB, owner solana.PublicKey) *gen.Checker {
	t.Helper()
	c, err := jc.FetchChecker(localnettest.Context(t), owner)
	require.NoError(t, err)
	return c
}

// byKey finds the checker whose owner is owner among ks.
func byKey(t *testing.T, owner solana.PublicKey, ks ...checkerKeys) checkerKeys {
	t.Helper()
	for _, k := range ks {
		if k.key() == owner {
			return k
		}
	}
	t.Fatalf("%s is none of the test's checkers", owner)
	return checkerKeys{}
}

// committed holds the digests the tests' checkers committed to and have not revealed, by job
// id and checker owner (what a checker daemon keeps between its commit and its reveal).
var committed sync.Map

type commitKey struct {
	id    uint64
	owner solana.PublicKey
}

// verdict has checker k commit to result (a result digest) on job id (k's owner pays); a
// sampled audit's checker whose result does not open the job's escalates it (unrevealed); then,
// once every slot the audit needs has committed, has each committed checker reveal, in slot
// order (each reveal lands a VerdictSubmitted event).
func verdict(t *testing.T, k checkerKeys, id uint64, result [32]byte) {
	t.Helper()
	res, err := jc.SubmitVerdict(localnettest.Context(t), k.owner, k.verdict, k.key(), id, result)
	require.NoError(t, err)
	require.Empty(t, eventsOf(t, res.Signature), "a commitment tells nothing")
	committed.Store(commitKey{id, k.key()}, committedVerdict{k, result})
	if fetchAudit(t, id).Needed == 1 && !Opens(result, fetchJob(t, id).ResultHash) {
		// What a checker daemon does: a sampled mismatch escalates unrevealed.
		_, err := jc.EscalateAudit(localnettest.Context(t), k.owner, k.verdict, k.key(), id)
		require.NoError(t, err)
		return
	}
	revealAll(t, id)
}

type committedVerdict struct {
	k      checkerKeys
	digest [32]byte
}

// revealAll reveals every committed slot of job id's audit once reveals are open.
func revealAll(t *testing.T, id uint64) {
	t.Helper()
	for {
		a, err := jc.FetchAudit(localnettest.Context(t), id)
		if err != nil || !AllCommitted(a) {
			return
		}
		slot := -1
		for i := range a.Checkers {
			if !a.Checkers[i].IsZero() && a.Verdicts[i] == VerdictCommitted {
				slot = i
				break
			}
		}
		if slot < 0 {
			return
		}
		v, ok := committed.Load(commitKey{id, a.Checkers[slot]})
		require.True(t, ok, "slot %d committed by a checker the test did not run", slot)
		cv := v.(committedVerdict)
		reveal(t, cv.k, id, cv.digest)
	}
}

// reveal has checker k reveal digest on job id and checks its VerdictSubmitted event.
func reveal(t *testing.T, k checkerKeys, id uint64, digest [32]byte) {
	t.Helper()
	slot, ok := CheckerSlot(fetchAudit(t, id), k.key())
	require.True(t, ok)
	res, err := jc.RevealVerdict(localnettest.Context(t), k.owner, k.verdict, k.key(), id, digest)
	require.NoError(t, err)
	committed.Delete(commitKey{id, k.key()})
	matched := uint8(0)
	if Opens(digest, fetchJob(t, id).ResultHash) {
		matched = 1
	}
	require.Equal(t, []any{&gen.VerdictSubmitted{JobId: id, Checker: k.key(), Slot: uint8(slot), Matched: matched}}, eventsOf(t, res.Signature))
}

// auditedJob posts an auditable IO job of 2 IO an hour for at most 1 h on a fresh RTX4090
// device, runs it 30 minutes, attests the sealed result of digest (SealResult) and draws it
// (always selected in the tests). It returns the buyer, the device owner, the device and the
// job id.
func auditedJob(t *testing.T, digest [32]byte) (buyer, owner, device solana.PrivateKey, id uint64) {
	t.Helper()
	ctx := localnettest.Context(t)
	buyer = newWallet(t, 100*IO, 0)
	owner = newWallet(t, 1_000*IO, 0)
	device = newDevice(t, owner, "RTX4090", 1, 200*IO)
	id = createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, 1800)
	a := attestation(t, id, 1800)
	a.ResultHash = SealResult(digest)
	_, err = jc.SubmitAttestation(ctx, owner, device, id, a)
	require.NoError(t, err)
	drawAudit(t, buyer, id)
	job := fetchJob(t, id)
	require.Equal(t, uint8(StateAudited), job.State)
	require.Equal(t, uint8(AuditUnderAudit), job.Audit)
	return buyer, owner, device, id
}
