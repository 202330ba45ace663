package jobs

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

// The package's shared chain: the staking program initialised with this program's config PDA
// as its slasher, and the jobs program initialised with testParams. Tests run one at a time:
// they move the shared chain clock.
var (
	chain    *localnet.Chain
	jc       *Client
	stk      *staking.Client
	arbiter  solana.PrivateKey // also the jobs update authority
	ioMint   solana.PublicKey
	usdcMint solana.PublicKey
	fixed    *Fixed
)

const (
	IO   = staking.IO
	USDC = 1_000_000

	testWindow  = 600
	testGrace   = 300
	testExpiry  = 100 * IO
	testFraud   = 500 * IO
	testBondBps = 500
	testChecker = 100 * IO
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Short slots: every step waits for a confirmation.
	c, err := localnet.Start(ctx, localnet.Options{SlotDuration: 100 * time.Millisecond})
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobs tests: start the localnet:", err)
		return 1
	}
	defer func() { _ = c.Stop() }()
	chain = c
	if err := setUp(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "jobs tests:", err)
		return 1
	}
	return m.Run()
}

func testParams(authority solana.PublicKey) gen.Params {
	p := DefaultParams(authority, authority)
	p.ChallengeWindowSeconds, p.ExpiryGraceSeconds = testWindow, testGrace
	p.ExpiryPenalty, p.FraudPenalty, p.MinBondBps, p.MinCheckerStake = testExpiry, testFraud, testBondBps, testChecker
	return p
}

func setUp(ctx context.Context) error {
	ids := chain.Manifest.Programs
	if ids["jobs"].IsZero() || ids["staking"].IsZero() {
		return errors.New("the localnet did not deploy the jobs and staking programs: run `make programs` and keep localnet/keys/{jobs,staking}-program.json")
	}
	sx := solanax.New(chain.RPCURL, chain.WSURL)
	var err error
	if stk, err = staking.New(sx, ids["staking"]); err != nil {
		return err
	}
	if jc, err = New(sx, ids["jobs"], stk); err != nil {
		return err
	}
	ioMint, usdcMint = chain.Manifest.Mints.IO.Address, chain.Manifest.Mints.USDC.Address
	if arbiter, err = chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL, IO: 1_000 * IO}); err != nil {
		return err
	}
	stakingParams, err := staking.DefaultParams(jc.Config) // this program's config PDA slashes
	if err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, arbiter, ioMint, stakingParams); err != nil {
		return fmt.Errorf("initialize staking: %w", err)
	}
	if _, err := jc.Initialize(ctx, arbiter, ioMint, usdcMint, testParams(arbiter.PublicKey())); err != nil {
		return fmt.Errorf("initialize jobs: %w", err)
	}
	fixed, err = jc.Fixed(ctx)
	return err
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newWallet is a fresh wallet with 1 SOL and the given IO and USDC base units.
func newWallet(t testing.TB, io, usdc uint64) solana.PrivateKey {
	t.Helper()
	key, err := chain.NewWallet(testContext(t), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: io, USDC: usdc})
	require.NoError(t, err)
	return key
}

// newDevice registers a fresh device key of class with gpus GPUs to owner and stakes stake IO
// base units on it from owner's IO account.
func newDevice(t testing.TB, owner solana.PrivateKey, class string, gpus, stake uint64) solana.PrivateKey {
	t.Helper()
	ctx := testContext(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	index, err := staking.ClassIndex(cfg, class)
	require.NoError(t, err)
	device := solana.NewWallet().PrivateKey
	_, err = stk.RegisterDevice(ctx, owner, device, index, gpus)
	require.NoError(t, err)
	if stake > 0 {
		_, err = stk.StakeDevice(ctx, owner, device.PublicKey(), stake)
		require.NoError(t, err)
	}
	return device
}

func classIndex(t testing.TB, class string) uint8 {
	t.Helper()
	cfg, err := stk.FetchConfig(testContext(t))
	require.NoError(t, err)
	index, err := staking.ClassIndex(cfg, class)
	require.NoError(t, err)
	return index
}

func ata(t testing.TB, owner, mint solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := solanax.AssociatedTokenAddress(owner, mint)
	require.NoError(t, err)
	return addr
}

// balances is each token account's amount (0 for a missing account).
func balances(t testing.TB, addrs ...solana.PublicKey) []uint64 {
	t.Helper()
	res, err := jc.sx.RPC.GetMultipleAccountsWithOpts(testContext(t), addrs, &rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	require.NoError(t, err)
	out := make([]uint64, len(addrs))
	for i, a := range res.Value {
		if a == nil {
			continue
		}
		acct, err := solanax.DecodeTokenAccount(addrs[i], a)
		require.NoError(t, err)
		out[i] = acct.Amount
	}
	return out
}

func balance(t testing.TB, addr solana.PublicKey) uint64 {
	t.Helper()
	return balances(t, addr)[0]
}

func lamports(t testing.TB, addr solana.PublicKey) uint64 {
	t.Helper()
	res, err := jc.sx.RPC.GetBalance(testContext(t), addr, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	return res.Value
}

// warp moves the chain clock forward.
func warp(t testing.TB, seconds int64) {
	t.Helper()
	_, err := chain.Warp(testContext(t), time.Duration(seconds)*time.Second)
	require.NoError(t, err)
}

// accountStates is the data and lamports of each address ("absent" when it does not exist).
func accountStates(t testing.TB, addrs ...solana.PublicKey) []string {
	t.Helper()
	res, err := jc.sx.RPC.GetMultipleAccountsWithOpts(testContext(t), addrs, &rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	require.NoError(t, err)
	out := make([]string, len(addrs))
	for i, a := range res.Value {
		out[i] = "absent"
		if a != nil {
			out[i] = fmt.Sprintf("%d:%s", a.Lamports, base64.StdEncoding.EncodeToString(a.Data.GetBinary()))
		}
	}
	return out
}

// requireRejected sends ixs and asserts they fail with the named program error and change none
// of watch.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	before := accountStates(t, watch...)
	_, err := jc.Send(testContext(t), payer, ixs, signers...)
	require.Error(t, err)
	require.Equal(t, want, ErrorName(err), "error: %v", err)
	require.Equal(t, before, accountStates(t, watch...), "a rejected instruction changed state")
}

// mustIxs unwraps an instruction builder's result: mustIxs(t)(jc.SettleJobInstruction(...)).
func mustIxs(t testing.TB) func(solana.Instruction, error) []solana.Instruction {
	return func(ix solana.Instruction, err error) []solana.Instruction {
		t.Helper()
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
}

func fetchJob(t testing.TB, id uint64) *gen.Job {
	t.Helper()
	job, err := jc.FetchJob(testContext(t), id)
	require.NoError(t, err)
	return job
}

func jobAddr(t testing.TB, id uint64) solana.PublicKey {
	t.Helper()
	addr, err := JobAddress(jc.ProgramID, id)
	require.NoError(t, err)
	return addr
}

func specHash(t testing.TB, cmd string) [32]byte {
	t.Helper()
	h, err := (&Spec{Command: []string{cmd}}).Hash()
	require.NoError(t, err)
	return h
}

// createJob posts a job for gpus GPUs of class at price per hour for hours, paid in mint.
func createJob(t testing.TB, buyer solana.PrivateKey, mint solana.PublicKey, class string, gpus, price, hours uint64) uint64 {
	t.Helper()
	terms := Terms{SpecHash: specHash(t, "train"), GPUClass: classIndex(t, class), GPUCount: gpus, PricePerHour: price, MaxDurationSeconds: hours * SecondsPerHour}
	id, _, err := jc.CreateJob(testContext(t), buyer, mint, terms)
	require.NoError(t, err)
	return id
}

// attestation of a run of elapsed seconds starting at the job's claim.
func attestation(t testing.TB, id uint64, elapsed int64) Attestation {
	t.Helper()
	job := fetchJob(t, id)
	return Attestation{ResultHash: specHash(t, "result"), StartedTs: job.ClaimedTs, EndedTs: job.ClaimedTs + elapsed, MetricsDigest: specHash(t, "metrics")}
}

// runUntilAttested claims job id with device (owned by owner), warps elapsed seconds and attests.
func runUntilAttested(t testing.TB, owner, device solana.PrivateKey, id uint64, elapsed int64) {
	t.Helper()
	ctx := testContext(t)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, elapsed)
	_, err = jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, elapsed))
	require.NoError(t, err)
}
