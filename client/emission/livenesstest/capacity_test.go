package livenesstest

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/capacity/pow"
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
	operator, err := chain.Manifest.Distribution.Load() // the emission authority after the bootstrap
	require.NoError(t, err)
	cp, err := capacity.New(em.Solana(), chain.Manifest.Programs["capacity"], em.Staking.ProgramID)
	require.NoError(t, err)

	stranger := localnettest.NewWallet(t, chain, 0)
	ix, err := em.SetCapacityProgramInstruction(stranger.PublicKey(), cp.ProgramID)
	require.NoError(t, err)
	requireRejected(t, emissiongen.Error_Unauthorized, []solana.PublicKey{em.Addresses.CapacityLink}, stranger, []solana.Instruction{ix})

	// The link's address is known in advance: lamports sent there first cannot block it.
	localnettest.Prefund(t, chain, em.Addresses.CapacityLink, localnettest.PrefundBelowRent)
	_, err = em.SetCapacityProgram(ctx, operator, cp.ProgramID)
	require.NoError(t, err)
	localnettest.RequireCreated(t, chain, em.Addresses.CapacityLink, em.ProgramID, localnettest.PrefundBelowRent)
	t.Cleanup(func() { // the other tests' heartbeats ask for no capacity proof
		_, err := em.SetCapacityProgram(localnettest.Context(t), operator, solana.PublicKey{})
		require.NoError(t, err)
	})
	linked, err := em.FetchCapacityProgram(ctx)
	require.NoError(t, err)
	require.Equal(t, cp.ProgramID, linked)

	d := newDevice(t, nil, cpuTest, 1, true)
	epoch := currentEpoch(t)
	heartbeatWith := func(t *testing.T, program solana.PublicKey) []solana.Instruction {
		ix, err := em.HeartbeatInstructionWith(d.key.PublicKey(), d.owner.PublicKey(), epoch, program)
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

	_, err = cp.Request(ctx, d.owner, d.key.PublicKey())
	require.NoError(t, err)
	out, err := cp.Answer(ctx, d.owner, d.key, pow.CPU{}, nil)
	require.NoError(t, err)
	require.Equal(t, capacity.StatusPassed, out.Status)

	t.Run("another device's record", func(t *testing.T) {
		other := newDevice(t, nil, cpuTest, 1, true)
		ix, err := em.HeartbeatInstructionWith(other.key.PublicKey(), other.owner.PublicKey(), epoch, cp.ProgramID)
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
