package keeper_test

import (
	"context"
	"io"
	"log/slog"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	workercapacity "github.com/ionet-oss/ionet/worker/capacity"
)

// classCPUTest is CPU-TEST in the default tables: n = 64, answered in milliseconds.
const classCPUTest = 5

// TestCapacityDuties runs a real keeper process (its capacity duties) beside the worker's prover
// on a localnet with three staked CPU-TEST devices: the keeper challenges each; the honest
// device's prover answers and it passes; a silent device misses and the keeper expires its
// challenge; a device that commits a wrong C is proven faulty and the keeper slashes its stake.
func TestCapacityDuties(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet and a keeper process")
	}
	t.Parallel() // a chain of its own
	w := newWorldWith(t, classCPUTest, 1_000*IO)
	ctx, cancel := context.WithCancel(localnettest.Context(t))
	defer cancel()
	cp, err := capacity.New(w.chain.Client, w.chain.Manifest.Programs["capacity"], w.stk.ProgramID)
	require.NoError(t, err)
	silent, cheat := w.stakedDevice(classCPUTest, 1_000*IO), w.stakedDevice(classCPUTest, 1_000*IO)

	prover := &workercapacity.Prover{Client: cp, Device: w.device, Payer: w.owner, Poll: 200 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	go prover.Run(ctx)
	cheated := make(chan error, 1)
	go func() { cheated <- w.answerWrongly(ctx, cp, cheat) }()

	keeperKey := localnettest.NewWallet(t, w.chain, 0)
	k := w.startKeeper("capacity", keeperKey, "--duties", duties.KindChallenge+","+duties.KindCapacityExpire+","+duties.KindSlashFault)

	status := func(device solana.PrivateKey) func() uint8 {
		return func() uint8 {
			r, err := cp.FetchRecord(ctx, device.PublicKey())
			if err != nil {
				return capacity.StatusNone
			}
			return r.Status
		}
	}
	require.Eventually(t, func() bool { return status(w.device)() == capacity.StatusPassed }, time.Minute, 200*time.Millisecond,
		"the keeper challenges the honest device and its worker passes")
	require.NoError(t, <-cheated)
	require.Eventually(t, func() bool {
		r, err := cp.FetchRecord(ctx, cheat.PublicKey())
		return err == nil && r.FaultSlashed == capacity.FaultWrongEntry
	}, time.Minute, 200*time.Millisecond, "the keeper slashes the faulty device")
	d, err := w.stk.FetchDevice(ctx, cheat.PublicKey())
	require.NoError(t, err)
	assert.Zero(t, d.Stake, "its free stake is slashed")
	// The silent device's deadline passed at once, not in 15 s of slots (fewer than 150: the
	// keeper's blockhashes stay valid).
	require.Eventually(t, func() bool { return status(silent)() == capacity.StatusRequested }, time.Minute, 200*time.Millisecond)
	silentRec, err := cp.FetchRecord(ctx, silent.PublicKey())
	require.NoError(t, err)
	deadline, _ := capacity.PhaseDeadline(silentRec)
	_, err = localnet.WarpPast(ctx, w.chain.RPC, deadline)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return status(silent)() == capacity.StatusMissed }, 2*time.Minute, 200*time.Millisecond,
		"the keeper expires the silent device's challenge")
	rec, err := cp.FetchRecord(ctx, w.device.PublicKey())
	require.NoError(t, err)
	assert.Equal(t, uint64(1), rec.Challenges, "a passed device is not challenged again before a quarter of its validity")

	require.NoError(t, k.stop(syscall.SIGTERM))
	done := map[string]int{}
	for _, l := range k.logs(t) {
		assert.NotEqual(t, "ERROR", l.Level, "keeper logged an error: %+v", l)
		if l.Msg == "step done" {
			done[l.Kind]++
		}
	}
	assert.GreaterOrEqual(t, done[duties.KindChallenge], 3, "one challenge per device at least")
	assert.Equal(t, 1, done[duties.KindSlashFault])
	assert.GreaterOrEqual(t, done[duties.KindCapacityExpire], 1)
}

// stakedDevice registers another device of class under the world's owner, staked with stake.
func (w *world) stakedDevice(class uint8, stake uint64) solana.PrivateKey {
	ctx := localnettest.Context(w.t)
	device := solana.NewWallet().PrivateKey
	_, err := w.stk.RegisterDevice(ctx, w.owner, device, class, 1)
	require.NoError(w.t, err)
	_, err = w.stk.StakeDevice(ctx, w.owner, device.PublicKey(), stake)
	require.NoError(w.t, err)
	return device
}

// answerWrongly waits for device's first challenge and answers it with every entry of C off
// by one: the spot check proves the fault.
func (w *world) answerWrongly(ctx context.Context, cp *capacity.Client, device solana.PrivateKey) error {
	for {
		if r, err := cp.FetchRecord(ctx, device.PublicKey()); err == nil && r.Status == capacity.StatusRequested {
			_, err := cp.Answer(ctx, w.owner, device, pow.CPU{}, func(c []uint64) {
				for i := range c {
					c[i] = pow.AddMod(c[i], 1)
				}
			})
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
