// Package livenesstest tests the emission program's liveness rewards (heartbeat and
// claim_supplier_reward) on a localnet of its own: the tests move the clock hour by hour from
// epoch 1, which the schedule tests of package emission (they take the same chain from epoch 1 to
// past the final epoch) cannot share.
package livenesstest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's chain with the protocol bootstrapped (staking, jobs, emission from now).
var (
	chain *localnet.Chain
	em    *emission.Client
)

func TestMain(m *testing.M) {
	code := localnettest.Main(m, "liveness", localnet.Options{}, setUp)
	if table := computeUnits.String(); testing.Verbose() && table != "" {
		fmt.Printf("compute units of the liveness instructions:\n%s\n", table)
	}
	os.Exit(code)
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
	sx := solanax.New(chain.RPCURL, chain.WSURL)
	if _, err := bootstrap.Protocol(ctx, sx, chain.Manifest); err != nil {
		return err
	}
	var err error
	em, err = emission.New(sx, chain.Manifest.Programs["emission"], chain.Manifest.Programs["staking"])
	return err
}

// device is a registered GPU device and its owner.
type device struct {
	owner, key solana.PrivateKey
	weight     uint64
}

// newDevice registers a device of class (an index in the default table) with gpus GPUs under
// owner (a fresh wallet when nil), staked exactly to its requirement when staked.
func newDevice(t *testing.T, owner solana.PrivateKey, class uint8, gpus uint64, staked bool) device {
	t.Helper()
	ctx := localnettest.Context(t)
	cfg, err := em.Staking.FetchConfig(ctx)
	require.NoError(t, err)
	multiplier := cfg.GpuClasses[class].MultiplierBps
	required, ok := staking.RequiredDeviceStake(cfg.MinDeviceStakePerGpu, multiplier, gpus)
	require.True(t, ok)
	if owner == nil {
		owner = localnettest.NewWallet(t, chain, required)
	} else {
		_, err := chain.Fund(ctx, owner.PublicKey(), localnet.Funding{IO: required})
		require.NoError(t, err)
	}
	key := localnettest.NewWallet(t, chain, 0) // 1 SOL: it pays its heartbeats
	_, err = em.Staking.RegisterDevice(ctx, owner, key, class, gpus)
	require.NoError(t, err)
	if staked {
		_, err = em.Staking.StakeDevice(ctx, owner, key.PublicKey(), required)
		require.NoError(t, err)
	}
	return device{owner: owner, key: key, weight: multiplier * gpus}
}

// currentEpoch is the clock's epoch; the clock is moved to the schedule's start when it is behind
// it (the bootstrap starts epoch 1 at the wall clock).
func currentEpoch(t *testing.T) uint64 {
	t.Helper()
	epoch, err := em.CurrentEpoch(localnettest.Context(t))
	require.NoError(t, err)
	if epoch == 0 {
		warpTo(t, startTs(t))
		return currentEpoch(t)
	}
	return epoch
}

func startTs(t *testing.T) int64 {
	st, err := em.FetchState(localnettest.Context(t))
	require.NoError(t, err)
	return st.StartTs
}

// nextEpoch moves the clock into the first second of the epoch after the current one.
func nextEpoch(t *testing.T) uint64 {
	t.Helper()
	epoch := currentEpoch(t)
	warpTo(t, startTs(t)+int64(epoch)*3600)
	require.Equal(t, epoch+1, currentEpoch(t))
	return epoch + 1
}

func warpTo(t *testing.T, ts int64) {
	t.Helper()
	ctx := localnettest.Context(t)
	now, err := solanax.ChainTime(ctx, chain.RPC)
	require.NoError(t, err)
	if now < ts {
		_, err = chain.Warp(ctx, time.Duration(ts-now)*time.Second)
		require.NoError(t, err)
	}
}

// catchUp mints every ended epoch.
func catchUp(t *testing.T) {
	t.Helper()
	cranker := localnettest.NewWallet(t, chain, 0)
	_, err := em.CatchUp(localnettest.Context(t), cranker, 0)
	require.NoError(t, err)
}

// requireRejected sends ixs paid by payer (plus signers) and asserts the named program error
// with none of watch changed.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	program := localnettest.Program{ID: em.ProgramID, Errors: emission.Errors}
	localnettest.RequireRejectedOnChain(t, em.Solana(), program, want, watch, payer, ixs, signers...)
}

// emission.Errors is the emission program's error table, for landed rejections.

// computeUnits keeps the most compute units each liveness instruction used (its own consumed
// line: the SPL Token transfer included). TestMain prints the table with -v.
var computeUnits localnettest.ComputeUnitTable

func recordComputeUnits(t *testing.T, name string, sig solana.Signature) {
	t.Helper()
	computeUnits.Record(t, em.Solana(), em.ProgramID, name, sig)
}
