package keeper_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestKeeperClosesSpecs: a job whose spec the buyer published is settled by the keeper; the
// spec's account is then due (close_spec) and the next pass returns its rent to the buyer.
func TestKeeperClosesSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet")
	}
	t.Parallel() // a chain of its own
	w := newWorld(t)
	ctx := localnettest.Context(t)
	spec := &jobs.Spec{Command: []string{"train"}}
	h, err := spec.Hash()
	require.NoError(t, err)
	id, _, err := w.jc.CreateJob(ctx, w.buyer, w.chain.Manifest.Mints.IO.Address, jobs.Terms{SpecHash: h, GPUClass: w.class, GPUCount: 1,
		PricePerHour: jobPrice, MaxDurationSeconds: jobMaxSecs})
	require.NoError(t, err)
	require.NoError(t, w.jc.PublishSpec(ctx, w.buyer, id, spec))
	_, err = w.jc.ClaimJob(ctx, w.owner, w.device, id)
	require.NoError(t, err)
	job, err := w.jc.FetchJob(ctx, id)
	require.NoError(t, err)
	_, err = w.jc.SubmitAttestation(ctx, w.owner, w.device, id, jobs.Attestation{StartedTs: job.ClaimedTs, EndedTs: w.now(), ResultHash: [32]byte{1}})
	require.NoError(t, err)
	jobAddr, err := jobs.JobAddress(w.jc.ProgramID, id)
	require.NoError(t, err)
	specAddr, err := jobs.SpecAddress(w.jc.ProgramID, jobAddr)
	require.NoError(t, err)
	rent := w.lamports(specAddr)
	require.Positive(t, rent)
	w.warp(2 * time.Hour) // past the window (and every other job's deadline)

	keeperKey := keypairFile(t, localnettest.NewWallet(t, w.chain, 0))
	code, _, errOut := w.runKeeper("--once", "--keypair", keeperKey, "--no-websocket")
	require.Equal(t, 0, code, errOut)
	_, err = w.jc.FetchJob(ctx, id)
	require.ErrorIs(t, err, jobs.ErrNotFound, "settled by the keeper")

	code, out, errOut := w.runKeeper("--dry-run", "-o", "json")
	require.Equal(t, 0, code, errOut)
	var st keeper.Status
	require.NoError(t, json.Unmarshal([]byte(out), &st), out)
	assert.Equal(t, 1, dueKinds(&st)[duties.KindCloseSpec], "the closed job's spec is due")

	before := w.lamports(w.buyer.PublicKey())
	code, _, errOut = w.runKeeper("--once", "--keypair", keeperKey, "--no-websocket")
	require.Equal(t, 0, code, errOut)
	assert.Zero(t, w.lamports(specAddr), "the spec account is closed")
	assert.Equal(t, before+rent, w.lamports(w.buyer.PublicKey()), "its rent went back to the buyer, who paid nothing")
}

func (w *world) lamports(addr [32]byte) uint64 {
	res, err := w.chain.RPC.GetBalance(localnettest.Context(w.t), addr, rpc.CommitmentConfirmed)
	require.NoError(w.t, err)
	return res.Value
}
