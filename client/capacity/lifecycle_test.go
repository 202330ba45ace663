package capacity

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestHonestDevicePasses(t *testing.T) {
	ctx := localnettest.Context(t)
	device, rec := requested(t, classCPU)
	require.Equal(t, StatusRequested, rec.Status)
	require.False(t, Live(rec, rec.RequestSlot, time.Now().Unix(), 1), "never passed: not live")

	out, err := cp.Answer(ctx, device, device, pow.CPU{}, nil)
	require.NoError(t, err)
	require.Equal(t, StatusPassed, out.Status)
	t.Logf("CPU-TEST challenge n=%d answered in %s", out.N, out.Compute)

	after := record(t, device.PublicKey())
	require.Equal(t, uint64(1), after.Passes)
	require.Equal(t, uint64(0b11), after.ProvedMask)
	require.Equal(t, out.Root, [32]byte(after.Root))
	require.Greater(t, after.CommitSlot, after.RequestSlot)
	require.True(t, Live(after, slot(t), after.LastPassTs, 1))
	require.False(t, Live(after, slot(t), after.LastPassTs+EpochSeconds+1, 1), "validity over")
}

func TestWrongAnswerIsAProvenFault(t *testing.T) {
	ctx := localnettest.Context(t)
	device, _ := requested(t, classCPU)
	// A device that skips the work: every entry off by one, so any spot check catches it.
	out, err := cp.Answer(ctx, device, device, pow.CPU{}, func(c []uint64) {
		for i := range c {
			c[i] = pow.AddMod(c[i], 1)
		}
	})
	require.NoError(t, err, "a proven fault is recorded by a successful transaction")
	require.Equal(t, StatusFault, out.Status)
	after := record(t, device.PublicKey())
	require.Equal(t, uint64(1), after.Faults)
	require.Equal(t, uint64(0), after.Passes)
	require.False(t, Live(after, slot(t), time.Now().Unix(), 1))
}

func TestLateCommitIsRefusedAndMissed(t *testing.T) {
	ctx := localnettest.Context(t)
	device, rec := requested(t, classShort)
	_, ans := solved(t, device, rec)
	waitSlot(t, rec.RequestSlot+rec.DeadlineSlots)

	ix, err := cp.CommitInstruction(device.PublicKey(), ans.Root())
	require.NoError(t, err)
	rejected(t, gen.Error_DeadlinePassed, device, localnettest.MustIx(t)(ix, nil))
	require.False(t, Live(record(t, device.PublicKey()), slot(t), time.Now().Unix(), 1), "overdue: not live")

	keeper := localnettest.NewWallet(t, chain, 0)
	_, err = cp.Expire(ctx, keeper, device.PublicKey())
	require.NoError(t, err)
	after := record(t, device.PublicKey())
	require.Equal(t, StatusMissed, after.Status)
	require.Equal(t, uint64(1), after.Misses)
	require.False(t, Live(after, slot(t), time.Now().Unix(), 1))
}

func TestMissedChallengeKeepsAPassedDeviceNotLiveUntilItPassesAgain(t *testing.T) {
	ctx := localnettest.Context(t)
	device, rec := requested(t, classShort)
	seed, ans := solved(t, device, rec)
	_, err := cp.Commit(ctx, device, device, ans.Root())
	require.NoError(t, err)
	check, err := cp.WaitSlotHash(ctx, record(t, device.PublicKey()).CommitSlot)
	require.NoError(t, err)
	_, err = cp.Prove(ctx, device, device, ans.Open(check, seed, 0, uint8(rec.K)))
	require.NoError(t, err)
	passed := record(t, device.PublicKey())
	require.Equal(t, StatusPassed, passed.Status)

	// The next challenge goes unanswered: once its deadline passes the device is not live,
	// though its last pass is recent, and a new request closes the old one as missed.
	keeper := localnettest.NewWallet(t, chain, 0)
	waitSlot(t, passed.ClosedSlot+testParams().IntervalSlots)
	_, err = cp.Request(ctx, keeper, device.PublicKey())
	require.NoError(t, err)
	open := record(t, device.PublicKey())
	require.True(t, Live(open, open.RequestSlot, passed.LastPassTs, 1), "in time: still live on its last pass")
	waitSlot(t, open.RequestSlot+open.DeadlineSlots)
	require.False(t, Live(open, slot(t), passed.LastPassTs, 1), "overdue: not live")
	// The missed challenge closed after its deadline; the next request waits the interval from there.
	waitSlot(t, open.RequestSlot+open.DeadlineSlots+testParams().IntervalSlots)
	_, err = cp.Request(ctx, keeper, device.PublicKey())
	require.NoError(t, err)
	again := record(t, device.PublicKey())
	require.Equal(t, uint64(1), again.Misses, "the overdue challenge was closed as missed")
	require.Equal(t, uint64(3), again.Challenges)

	_, err = cp.Answer(ctx, device, device, pow.CPU{}, nil)
	require.NoError(t, err)
	require.True(t, Live(record(t, device.PublicKey()), slot(t), time.Now().Unix(), 1), "live again after a pass")
}

// A replayed answer (the previous challenge's C) fails the new seed's spot check: a fault.
func TestReplayedAnswerIsAFault(t *testing.T) {
	ctx := localnettest.Context(t)
	device, oldSeed, old, oldCheck := committed(t, classCPU)
	_, err := cp.Prove(ctx, device, device, old.Open(oldCheck, oldSeed, 0, 2))
	require.NoError(t, err)
	first := record(t, device.PublicKey())
	require.Equal(t, StatusPassed, first.Status)

	waitSlot(t, first.ClosedSlot+testParams().IntervalSlots)
	keeper := localnettest.NewWallet(t, chain, 0)
	_, err = cp.Request(ctx, keeper, device.PublicKey())
	require.NoError(t, err)
	_, err = cp.Commit(ctx, device, device, old.Root())
	require.NoError(t, err)
	rec := record(t, device.PublicKey())
	require.NotEqual(t, oldSeed, [32]byte(rec.Seed), "a new slot hash, a new seed")
	check, err := cp.WaitSlotHash(ctx, rec.CommitSlot)
	require.NoError(t, err)
	_, err = cp.Prove(ctx, device, device, old.Open(check, [32]byte(rec.Seed), 0, 2))
	require.NoError(t, err)
	require.Equal(t, StatusFault, record(t, device.PublicKey()).Status)
}

// A commit in the request's own transaction (an answer prepared before the seed existed) is
// refused: the request slot's hash is not in SlotHashes until the slot is over.
func TestPrecomputedCommitIsRefused(t *testing.T) {
	device := newDevice(t, classCPU)
	keeper := localnettest.NewWallet(t, chain, 0)
	request, err := cp.RequestChallengeInstruction(keeper.PublicKey(), device.PublicKey())
	require.NoError(t, err)
	commit, err := cp.CommitInstruction(device.PublicKey(), [32]byte{1})
	require.NoError(t, err)
	rejected(t, gen.Error_SeedNotReady, keeper, []solana.Instruction{request, commit}, device)
}

// Submit resumes where the chain is: after a commit that landed (say the proof's send failed),
// it sends only the proof, from the answer computed once.
func TestSubmitResumesAfterTheCommit(t *testing.T) {
	ctx := localnettest.Context(t)
	device, rec := requested(t, classCPU)
	prepared, err := cp.Prepare(ctx, device.PublicKey(), rec, pow.CPU{}, nil)
	require.NoError(t, err)
	_, err = cp.Commit(ctx, device, device, prepared.Answer.Root())
	require.NoError(t, err)
	out, err := cp.Submit(ctx, device, device, prepared)
	require.NoError(t, err)
	require.Equal(t, StatusPassed, out.Status)
	_, err = cp.Submit(ctx, device, device, prepared)
	require.ErrorContains(t, err, "is no longer open", "a closed challenge is not answered again")
}
