// Package faulttest tests slashing a proven capacity fault (capacity's slash_fault through
// staking's slash, the capacity config PDA signing as a registered slasher) on a localnet of its
// own with the whole protocol bootstrapped: the slash burns through the emission program's
// ledger and pays its treasury, which package capacity's chain (staking and capacity alone) lacks.
package faulttest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

var (
	chain *localnet.Chain
	sx    *solanax.Client
	cp    *capacity.Client
	stk   *staking.Client
)

// classCPU is CPU-TEST in the default tables (n = 64, k = 2): answered in milliseconds.
const classCPU = 5

var (
	capacityErrors = anchor.MustErrors("capacity", gen.IDL)
	stakingErrors  = anchor.MustErrors("staking", stakinggen.IDL)
)

func TestMain(m *testing.M) {
	code := localnettest.Main(m, "capacityfault", localnet.Options{SlotDuration: 40 * time.Millisecond}, setUp) // short slots: each step waits a confirmation
	if table := computeUnits.String(); testing.Verbose() && table != "" {
		fmt.Printf("compute units of the capacity instructions (CPIs included):\n%s\n", table)
	}
	os.Exit(code)
}

// computeUnits keeps the most compute units request_challenge (creating the record) and
// slash_fault (staking's slash and emission's burn included) used; TestMain prints it with -v.
var computeUnits localnettest.ComputeUnitTable

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
	sx = solanax.New(chain.RPCURL, chain.WSURL)
	if _, err := bootstrap.Protocol(ctx, sx, chain.Manifest); err != nil {
		return err
	}
	var err error
	if stk, err = staking.New(sx, chain.Manifest.Programs["staking"]); err != nil {
		return err
	}
	cp, err = capacity.New(sx, chain.Manifest.Programs["capacity"], stk.ProgramID)
	return err
}

// stakedDevice registers a CPU-TEST device with one GPU under a fresh owner, staked to exactly
// its requirement; the device key holds 1 SOL (it pays its commits and proofs).
func stakedDevice(t *testing.T) (device solana.PrivateKey, stake uint64) {
	t.Helper()
	_, device, stake = ownedDevice(t)
	return device, stake
}

// ownedDevice is stakedDevice with its owner.
func ownedDevice(t *testing.T) (owner, device solana.PrivateKey, stake uint64) {
	t.Helper()
	ctx := localnettest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	required, ok := staking.RequiredDeviceStake(cfg.MinDeviceStakePerGpu, cfg.GpuClasses[classCPU].MultiplierBps, 1)
	require.True(t, ok)
	owner = localnettest.NewWallet(t, chain, required)
	device = localnettest.NewWallet(t, chain, 0)
	_, err = stk.RegisterDevice(ctx, owner, device, classCPU, 1)
	require.NoError(t, err)
	_, err = stk.StakeDevice(ctx, owner, device.PublicKey(), required)
	require.NoError(t, err)
	return owner, device, required
}

// answered is a staked device whose challenge (requested by a fresh keeper) it answered with
// tamper applied to C (nil: honestly).
func answered(t *testing.T, tamper func([]uint64)) (solana.PrivateKey, uint64, *capacity.Outcome) {
	t.Helper()
	device, stake := stakedDevice(t)
	return device, stake, answer(t, device, tamper)
}

// answer has device answer a challenge (requested by a fresh keeper) with tamper applied to C.
func answer(t *testing.T, device solana.PrivateKey, tamper func([]uint64)) *capacity.Outcome {
	t.Helper()
	ctx := localnettest.Context(t)
	keeper := localnettest.NewWallet(t, chain, 0)
	res, err := cp.Request(ctx, keeper, device.PublicKey())
	require.NoError(t, err)
	computeUnits.Record(t, sx, cp.ProgramID, "request_challenge (first: creates the record)", res.Signature)
	out, err := cp.Answer(ctx, device, device, pow.CPU{}, tamper)
	require.NoError(t, err)
	return out
}

// offByOne makes every entry of C wrong: any spot check catches it.
func offByOne(c []uint64) {
	for i := range c {
		c[i] = pow.AddMod(c[i], 1)
	}
}

func record(t *testing.T, key solana.PublicKey) *gen.DeviceCapacity {
	t.Helper()
	r, err := cp.FetchRecord(localnettest.Context(t), key)
	require.NoError(t, err)
	return r
}

// rejected lands ixs (paid by payer) and asserts errors' error want (raised by capacity, or by
// staking in its CPI) and that only the fee moved, watch included.
func rejected(t *testing.T, errors *anchor.Errors, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, sx, localnettest.Program{ID: ixs[len(ixs)-1].ProgramID(), Errors: errors}, want, watch, payer, ixs, signers...)
}
