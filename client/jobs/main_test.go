package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's shared chain: the staking program initialised with this program's config PDA
// as its slasher, and the jobs program initialised with testParams on pre-funded addresses, both
// by their upgrade authority. Tests run one at a time:
// they move the shared chain clock.
var (
	chain    *localnet.Chain
	jc       *Client
	stk      *staking.Client
	arbiter  solana.PrivateKey // also the jobs update authority
	upgrader solana.PrivateKey // the programs' upgrade authority: initialises them
	ioMint   solana.PublicKey
	usdcMint solana.PublicKey
	fixed    *Fixed
)

const (
	IO   = staking.IO
	USDC = 1_000_000

	testWindow  = 600
	testGrace   = 300
	testExpiry  = 20 * IO
	testFraud   = 50 * IO
	testBondBps = 500
	testChecker = 100 * IO
	// Every auditable job is drawn; checkers have five minutes for a verdict.
	testAuditRate = BPS
	testVerdict   = 300
)

func TestMain(m *testing.M) {
	// Short slots: every step waits for a confirmation.
	os.Exit(localnettest.Main(m, "jobs", localnet.Options{}, setUp))
}

func testParams(authority solana.PublicKey) gen.Params {
	p := DefaultParams(authority, authority)
	p.ChallengeWindowSeconds, p.ExpiryGraceSeconds = testWindow, testGrace
	p.ExpiryPenalty, p.FraudPenalty, p.MinBondBps, p.MinCheckerStake = testExpiry, testFraud, testBondBps, testChecker
	p.AuditRateBps, p.VerdictSeconds = testAuditRate, testVerdict
	return p
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
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
	if upgrader, err = localnettest.UpgradeAuthority(ctx, chain); err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, upgrader, arbiter.PublicKey(), ioMint, stakingParams); err != nil {
		return fmt.Errorf("initialize staking: %w", err)
	}
	// Lamports sent to the config's and treasuries' addresses, known before the deployment, must
	// not block it: TestInitializeOnPrefundedAddresses.
	created, err := initialized()
	if err == nil {
		err = localnettest.PrefundAddresses(ctx, chain, created...)
	}
	if err != nil {
		return err
	}
	if _, err := jc.Initialize(ctx, upgrader, ioMint, usdcMint, testParams(arbiter.PublicKey())); err != nil {
		return fmt.Errorf("initialize jobs: %w", err)
	}
	// Slashes burn through the emission program's ledger: set it up (it takes the mint authority).
	em, err := emission.New(sx, ids["emission"], ids["staking"])
	if err != nil {
		return err
	}
	mintAuthority, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.MintAuthority.Keypair)
	if err != nil {
		return fmt.Errorf("load the IO mint authority: %w", err)
	}
	start, err := solanax.ChainTime(ctx, chain.RPC)
	if err != nil {
		return err
	}
	if _, err := em.Initialize(ctx, upgrader, mintAuthority, ioMint, start, emission.DefaultSettings(arbiter.PublicKey(), arbiter.PublicKey())); err != nil {
		return fmt.Errorf("initialize emission: %w", err)
	}
	fixed, err = jc.Fixed(ctx)
	return err
}

// newWallet is a fresh wallet with 1 SOL and the given IO and USDC base units.
func newWallet(t testing.TB, io, usdc uint64) solana.PrivateKey {
	t.Helper()
	key, err := chain.NewWallet(localnettest.Context(t), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: io, USDC: usdc})
	require.NoError(t, err)
	return key
}

// newDevice registers a fresh device key of class with gpus GPUs to owner and stakes stake IO
// base units on it from owner's IO account.
func newDevice(t testing.TB, owner solana.PrivateKey, class string, gpus, stake uint64) solana.PrivateKey {
	t.Helper()
	ctx := localnettest.Context(t)
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
	cfg, err := stk.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	index, err := staking.ClassIndex(cfg, class)
	require.NoError(t, err)
	return index
}

// balances is each token account's amount (0 for a missing account).
func balances(t testing.TB, addrs ...solana.PublicKey) []uint64 {
	t.Helper()
	out := make([]uint64, len(addrs))
	for i, addr := range addrs {
		out[i] = localnettest.TokenBalance(t, jc.sx, addr)
	}
	return out
}

func lamports(t testing.TB, addr solana.PublicKey) uint64 {
	t.Helper()
	res, err := jc.sx.RPC.GetBalance(localnettest.Context(t), addr, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	return res.Value
}

// warp moves the chain clock forward.
func warp(t testing.TB, seconds int64) {
	t.Helper()
	_, err := chain.Warp(localnettest.Context(t), time.Duration(seconds)*time.Second)
	require.NoError(t, err)
}

// requireRejected sends ixs and asserts they fail with the named program error and change none
// of watch.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, jc.sx, localnettest.Program{ID: jc.ProgramID, Errors: Errors}, want, watch, payer, ixs, signers...)
}

func fetchJob(t testing.TB, id uint64) *gen.Job {
	t.Helper()
	job, err := jc.FetchJob(localnettest.Context(t), id)
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

// createJob posts a job for gpus GPUs of class at price per hour for hours, paid in mint. The job
// is audit-exempt: its challenges go to the arbiter (the tests of that path use it); the audit
// tests use createAuditableJob.
func createJob(t testing.TB, buyer solana.PrivateKey, mint solana.PublicKey, class string, gpus, price, hours uint64) uint64 {
	t.Helper()
	return postJob(t, buyer, mint, class, gpus, price, hours, true)
}

// createAuditableJob is createJob for a job that is not audit-exempt: drawn for audit, and
// challenged through a 3-checker audit.
func createAuditableJob(t testing.TB, buyer solana.PrivateKey, mint solana.PublicKey, class string, gpus, price, hours uint64) uint64 {
	t.Helper()
	return postJob(t, buyer, mint, class, gpus, price, hours, false)
}

func postJob(t testing.TB, buyer solana.PrivateKey, mint solana.PublicKey, class string, gpus, price, hours uint64, exempt bool) uint64 {
	t.Helper()
	terms := Terms{SpecHash: specHash(t, "train"), GPUClass: classIndex(t, class), GPUCount: gpus, PricePerHour: price, MaxDurationSeconds: hours * SecondsPerHour, AuditExempt: exempt}
	id, _, err := jc.CreateJob(localnettest.Context(t), buyer, mint, terms)
	require.NoError(t, err)
	return id
}

// attestation of a run of elapsed seconds starting at the job's claim.
// attestation attests the sealed result of the digest specHash("result").
func attestation(t testing.TB, id uint64, elapsed int64) Attestation {
	t.Helper()
	job := fetchJob(t, id)
	return Attestation{ResultHash: SealResult(specHash(t, "result")), StartedTs: job.ClaimedTs, EndedTs: job.ClaimedTs + elapsed, MetricsDigest: specHash(t, "metrics")}
}

// runUntilAttested claims job id with device (owned by owner), warps elapsed seconds and attests.
func runUntilAttested(t testing.TB, owner, device solana.PrivateKey, id uint64, elapsed int64) {
	t.Helper()
	ctx := localnettest.Context(t)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, elapsed)
	_, err = jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, elapsed))
	require.NoError(t, err)
}

// initialized is what initialize creates: the config, the two treasuries, the checker registry
// and the checker vault.
func initialized() ([]solana.PublicKey, error) {
	out := []solana.PublicKey{jc.Config, jc.Registry, jc.CheckerVault}
	for _, mint := range []solana.PublicKey{ioMint, usdcMint} {
		treasury, err := TreasuryAddress(jc.ProgramID, mint)
		if err != nil {
			return nil, err
		}
		out = append(out, treasury)
	}
	return out, nil
}
