package livenesstest

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	capgen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// cpuTest is the CPU-TEST class (staking.DefaultGPUClasses): its challenge is n = 64.
const cpuTest = 5

// Once the emission authority links the capacity program, a heartbeat counts only for a device
// live by its capacity record: never challenged, or with the capacity accounts left out, or with
// another device's record, it is refused; after a passed challenge it is recorded and earns.
func TestHeartbeatNeedsAPassedCapacityChallenge(t *testing.T) {
	ctx := localnettest.Context(t)
	cp := capacityClient(t)

	stranger := localnettest.NewWallet(t, chain, 0)
	ix, err := em.SetCapacityProgramInstruction(stranger.PublicKey(), cp.ProgramID)
	require.NoError(t, err)
	requireRejected(t, emissiongen.Error_Unauthorized, []solana.PublicKey{em.Addresses.CapacityLink}, stranger, []solana.Instruction{ix})

	// The link's address is known in advance: lamports sent there first cannot block it.
	localnettest.Prefund(t, chain, em.Addresses.CapacityLink, localnettest.PrefundBelowRent)
	linkCapacity(t, cp.ProgramID)
	localnettest.RequireCreated(t, chain, em.Addresses.CapacityLink, em.ProgramID, localnettest.PrefundBelowRent)
	linked, err := em.FetchCapacityProgram(ctx)
	require.NoError(t, err)
	require.Equal(t, cp.ProgramID, linked)

	d := newDevice(t, nil, cpuTest, 1, true)
	epoch := currentEpoch(t)
	heartbeatWith := func(t *testing.T, program solana.PublicKey) []solana.Instruction {
		ix, err := em.HeartbeatInstructionWith(d.key.PublicKey(), epoch, program)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
	watch := []solana.PublicKey{em.Addresses.LivenessPool}
	t.Run("never challenged", func(t *testing.T) {
		requireRejected(t, emissiongen.Error_DeviceNotProven, watch, d.owner, heartbeatWith(t, cp.ProgramID), d.key)
	})
	t.Run("capacity accounts left out", func(t *testing.T) {
		requireRejected(t, emissiongen.Error_WrongCapacityAccount, watch, d.owner, heartbeatWith(t, solana.PublicKey{}), d.key)
	})
	// The state records that the link exists: an empty account in its place (as if no capacity
	// program were linked) does not skip the proof.
	t.Run("an empty account for the link", func(t *testing.T) {
		ixs := heartbeatWith(t, solana.PublicKey{})
		metas := ixs[0].Accounts()
		metas[len(metas)-3].PublicKey = solana.NewWallet().PublicKey()
		requireRejected(t, emissiongen.Error_WrongCapacityAccount, watch, d.owner, ixs, d.key)
	})

	_, err = cp.Request(ctx, d.owner, d.key.PublicKey())
	require.NoError(t, err)
	out, err := cp.Answer(ctx, d.owner, d.key, pow.CPU{}, nil)
	require.NoError(t, err)
	require.Equal(t, capacity.StatusPassed, out.Status)

	t.Run("another device's record", func(t *testing.T) {
		other := newDevice(t, nil, cpuTest, 1, true)
		ix, err := em.HeartbeatInstructionWith(other.key.PublicKey(), epoch, cp.ProgramID)
		require.NoError(t, err)
		record, err := capacity.RecordAddress(cp.ProgramID, d.key.PublicKey())
		require.NoError(t, err)
		metas := ix.Accounts()
		metas[len(metas)-1].PublicKey = record
		requireRejected(t, emissiongen.Error_WrongCapacityAccount, watch, other.owner, []solana.Instruction{ix}, other.key)
	})

	res, err := em.Heartbeat(ctx, d.key, d.owner)
	require.NoError(t, err, "a passed challenge: the heartbeat counts")
	require.Equal(t, epoch, res.Recorded.Epoch)
	// The epoch ends and is minted: the proven device earns its share (here all of the supplier
	// pool: the only live device). The next tests count each epoch's weight from zero.
	nextEpoch(t)
	catchUp(t)
	claims, err := em.ClaimAll(ctx, d.owner)
	require.NoError(t, err)
	require.Len(t, claims, 1)
	require.Equal(t, epoch, claims[0].Epoch)
	require.Positive(t, claims[0].Amount, "a proven device earns")
}

// operator is the emission and capacity authority after the bootstrap.
func operator(t *testing.T) solana.PrivateKey {
	t.Helper()
	key, err := chain.Manifest.Distribution.Load()
	require.NoError(t, err)
	return key
}

func capacityClient(t *testing.T) *capacity.Client {
	t.Helper()
	cp, err := capacity.New(em.Solana(), chain.Manifest.Programs["capacity"], em.Staking.ProgramID)
	require.NoError(t, err)
	return cp
}

// linkCapacity links program into heartbeats until the test ends (the other tests' heartbeats
// ask for no capacity proof).
func linkCapacity(t *testing.T, program solana.PublicKey) {
	t.Helper()
	_, err := em.SetCapacityProgram(localnettest.Context(t), operator(t), program)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := em.SetCapacityProgram(localnettest.Context(t), operator(t), solana.PublicKey{})
		require.NoError(t, err)
	})
}

// A device that passed, then answers its next challenge late (or not at all), is not live from
// the deadline on: its heartbeats are refused in that epoch and the following ones, and it earns
// nothing for them, until it passes a new challenge.
func TestMissedChallengeEarnsNothingUntilItPassesAgain(t *testing.T) {
	ctx := localnettest.Context(t)
	cp := capacityClient(t)
	linkCapacity(t, cp.ProgramID)
	// CPU-TEST with the shortest deadline (10 slots) and no interval, for the test's sake.
	params, err := cp.FetchConfig(ctx)
	require.NoError(t, err)
	restore := capgen.CapacityParams{ValidityEpochs: params.ValidityEpochs, IntervalSlots: params.IntervalSlots, Classes: params.Classes}
	short := restore
	short.IntervalSlots = 0
	short.Classes[cpuTest].DeadlineSlots = 10
	_, err = cp.UpdateParams(ctx, operator(t), short)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := cp.UpdateParams(localnettest.Context(t), operator(t), restore)
		require.NoError(t, err)
	})

	d := newDevice(t, nil, cpuTest, 1, true)
	pass := func() {
		_, err := cp.Request(ctx, d.owner, d.key.PublicKey())
		require.NoError(t, err)
		out, err := cp.Answer(ctx, d.owner, d.key, pow.CPU{}, nil)
		require.NoError(t, err)
		require.Equal(t, capacity.StatusPassed, out.Status)
	}
	pass()
	first := currentEpoch(t)
	_, err = em.Heartbeat(ctx, d.key, d.owner)
	require.NoError(t, err, "passed: the heartbeat counts")

	// The next challenge goes unanswered past its deadline; a late commit is refused.
	_, err = cp.Request(ctx, d.owner, d.key.PublicKey())
	require.NoError(t, err)
	rec, err := cp.FetchRecord(ctx, d.key.PublicKey())
	require.NoError(t, err)
	hash, err := cp.WaitSlotHash(ctx, rec.RequestSlot+rec.DeadlineSlots+1)
	require.NoError(t, err)
	require.NotZero(t, hash)
	_, err = cp.Commit(ctx, d.owner, d.key, [32]byte{1})
	require.Equal(t, capgen.Error_DeadlinePassed, capacity.ErrorName(err), "a late answer is refused: %v", err)

	refused := func(epoch uint64) {
		t.Helper()
		require.Equal(t, epoch, currentEpoch(t))
		_, err := em.Heartbeat(ctx, d.key, d.owner)
		require.Equal(t, emissiongen.Error_DeviceNotProven, emission.ErrorName(err), "epoch %d: %v", epoch, err)
	}
	refused(nextEpoch(t))
	_, err = cp.Expire(ctx, d.owner, d.key.PublicKey()) // anyone closes it as missed
	require.NoError(t, err)
	refused(nextEpoch(t))

	// A new pass makes it live again, from this epoch on.
	pass()
	live := currentEpoch(t)
	_, err = em.Heartbeat(ctx, d.key, d.owner)
	require.NoError(t, err, "passed again: the heartbeat counts")
	nextEpoch(t)
	catchUp(t)
	claims, err := em.ClaimAll(ctx, d.owner)
	require.NoError(t, err)
	var epochs []uint64
	for _, c := range claims {
		require.Positive(t, c.Amount)
		epochs = append(epochs, c.Epoch)
	}
	require.Equal(t, []uint64{first, live}, epochs, "paid for the epochs it was live in, none for those after the miss")
}
