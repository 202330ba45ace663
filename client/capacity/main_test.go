package capacity

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's chain: staking initialised with its defaults, the capacity program initialised
// by its upgrade authority (on a pre-funded config address) with testParams. Tests make their
// own devices.
var (
	chain    *localnet.Chain
	cp       *Client
	stk      *staking.Client
	sx       *solanax.Client
	upgrader solana.PrivateKey
	program  localnettest.Program
)

// Classes of the test table (indices into staking's DefaultGPUClasses).
const (
	classBig      = 0 // n = 4096: the compute-unit measurements (answered with a fake C)
	classDisabled = 1 // n = 0
	classShort    = 4 // n = 16, k = 3, deadline 25 slots (1 s): late and missing answers
	classCPU      = 5 // CPU-TEST: n = 64, k = 2
)

// testSlot is the package chain's slot length.
const testSlot = 40 * time.Millisecond

func testParams() gen.CapacityParams {
	p := gen.CapacityParams{ValidityEpochs: 1, IntervalSlots: 5}
	p.Classes[classBig] = gen.ClassParams{N: 4096, K: 1, DeadlineSlots: 400}
	p.Classes[2] = gen.ClassParams{N: 1024, K: 1, DeadlineSlots: 400}
	p.Classes[3] = gen.ClassParams{N: 256, K: 1, DeadlineSlots: 400}
	p.Classes[classShort] = gen.ClassParams{N: 16, K: 3, DeadlineSlots: 25}
	p.Classes[classCPU] = gen.ClassParams{N: 64, K: 2, DeadlineSlots: 150}
	return p
}

func TestMain(m *testing.M) {
	// Short slots: every step waits for a confirmation or a slot hash. Deadlines are passed by
	// warping (waitSlot); an honest answer has its class's deadline in slots of this length.
	os.Exit(localnettest.Main(m, "capacity", localnet.Options{SlotDuration: testSlot}, setUp))
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
	id, ok := chain.Manifest.Programs["capacity"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the capacity program: run `make programs` (localnet/programs/capacity.so) and keep localnet/keys/capacity-program.json")
	}
	sx = solanax.New(chain.RPCURL, chain.WSURL)
	var err error
	if stk, err = staking.New(sx, chain.Manifest.Programs["staking"]); err != nil {
		return err
	}
	if cp, err = New(sx, id, stk.ProgramID); err != nil {
		return err
	}
	program = localnettest.Program{ID: id, Errors: Errors}
	if upgrader, err = localnettest.UpgradeAuthority(ctx, chain); err != nil {
		return err
	}
	params, err := staking.DefaultParams(solana.PublicKey{})
	if err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, upgrader, upgrader.PublicKey(), chain.Manifest.Mints.IO.Address, params); err != nil {
		return fmt.Errorf("initialize staking: %w", err)
	}
	// The config's address is known before the deployment: lamports sent there must not block it.
	if err := localnettest.PrefundAddresses(ctx, chain, cp.Config); err != nil {
		return err
	}
	if _, err := cp.Initialize(ctx, upgrader, upgrader.PublicKey(), testParams()); err != nil {
		return err
	}
	return nil
}

// newDevice registers a device of class (no stake needed to be challenged) and returns its key,
// funded with 1 SOL: it pays its commits and proofs.
func newDevice(t *testing.T, class uint8) solana.PrivateKey {
	t.Helper()
	owner := localnettest.NewWallet(t, chain, 0)
	key := localnettest.NewWallet(t, chain, 0)
	_, err := stk.RegisterDevice(localnettest.Context(t), owner, key, class, 1)
	require.NoError(t, err)
	return key
}

// requested is a fresh device of class with a challenge open, requested by a fresh keeper.
func requested(t *testing.T, class uint8) (device solana.PrivateKey, rec *gen.DeviceCapacity) {
	t.Helper()
	device = newDevice(t, class)
	keeper := localnettest.NewWallet(t, chain, 0)
	_, err := cp.Request(localnettest.Context(t), keeper, device.PublicKey())
	require.NoError(t, err)
	return device, record(t, device.PublicKey())
}

func record(t *testing.T, key solana.PublicKey) *gen.DeviceCapacity {
	t.Helper()
	r, err := cp.FetchRecord(localnettest.Context(t), key)
	require.NoError(t, err)
	return r
}

// slot is the chain's current (processed) slot.
func slot(t *testing.T) uint64 {
	t.Helper()
	s, err := sx.RPC.GetSlot(localnettest.Context(t), "processed")
	require.NoError(t, err)
	return s
}

// waitSlot passes slots at once until the chain is past slot (a deadline or an interval).
func waitSlot(t *testing.T, past uint64) {
	t.Helper()
	_, err := localnet.WarpPast(localnettest.Context(t), sx.RPC, past)
	require.NoError(t, err)
	require.Greater(t, slot(t), past)
}

// solved is device's open challenge solved honestly: the seed and the answer.
func solved(t *testing.T, device solana.PrivateKey, rec *gen.DeviceCapacity) ([32]byte, *pow.Answer) {
	t.Helper()
	ctx := localnettest.Context(t)
	hash, err := cp.WaitSlotHash(ctx, rec.RequestSlot)
	require.NoError(t, err)
	seed := pow.Seed(hash, device.PublicKey(), rec.RequestSlot)
	ans, err := pow.Solve(ctx, pow.CPU{}, seed, rec.N)
	require.NoError(t, err)
	return seed, ans
}

// committed is device's challenge of class solved and committed: the seed, the answer and the
// check slot's hash (the spot check can be proved).
func committed(t *testing.T, class uint8) (solana.PrivateKey, [32]byte, *pow.Answer, [32]byte) {
	t.Helper()
	device, rec := requested(t, class)
	seed, ans := solved(t, device, rec)
	_, err := cp.Commit(localnettest.Context(t), device, device, ans.Root())
	require.NoError(t, err)
	check, err := cp.WaitSlotHash(localnettest.Context(t), record(t, device.PublicKey()).CommitSlot)
	require.NoError(t, err)
	return device, seed, ans, check
}

// rejected lands ixs (paid by payer) and asserts the capacity error want and that only the fee moved.
func rejected(t *testing.T, want string, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, sx, program, want, nil, payer, ixs, signers...)
}
