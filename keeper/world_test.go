package keeper_test

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

const (
	IO         = staking.IO
	slot       = 100 * time.Millisecond
	jobPrice   = 10 * IO // per hour
	jobMaxSecs = 3_600
)

// world is a localnet with the protocol bootstrapped as `ionet localnet up` does, a registered
// and staked device, and a buyer: what keepers need to find work.
type world struct {
	t      testing.TB
	ledger string
	port   int
	chain  *localnet.Chain
	stk    *staking.Client
	jc     *jobs.Client
	em     *emission.Client
	gov    *governance.Client
	owner  solana.PrivateKey // the device's owner, paid for jobs
	device solana.PrivateKey
	buyer  solana.PrivateKey
	class  uint8
	slot   time.Duration // the chain's slot length
}

func newWorld(t testing.TB) *world { return newWorldWith(t, 0, 15_000*IO) }

// newWorldWith stakes stake on a one-GPU device of class (an index into the class table).
func newWorldWith(t testing.TB, class uint8, stake uint64) *world {
	return newWorldOn(t, slot, class, stake)
}

// newWorldOn is newWorldWith on a chain with slots of the given length.
func newWorldOn(t testing.TB, slotLength time.Duration, class uint8, stake uint64) *world {
	w := &world{t: t, ledger: t.TempDir(), class: class, slot: slotLength}
	w.start(0)
	ctx := localnettest.Context(t)
	_, err := bootstrap.Protocol(ctx, w.chain.Client, w.chain.Manifest)
	require.NoError(t, err)
	w.owner = localnettest.NewWallet(t, w.chain, stake+5_000*IO)
	// Each job's accounts cost the buyer rent until they close: the benchmark posts hundreds.
	w.buyer, err = w.chain.NewWallet(ctx, localnet.Funding{Lamports: 50 * solana.LAMPORTS_PER_SOL, IO: 1_000_000 * IO})
	require.NoError(t, err)
	w.device = solana.NewWallet().PrivateKey
	_, err = w.stk.RegisterDevice(ctx, w.owner, w.device, class, 1)
	require.NoError(t, err)
	_, err = w.stk.StakeDevice(ctx, w.owner, w.device.PublicKey(), stake)
	require.NoError(t, err)
	return w
}

// start starts the chain on the world's ledger (port 0: free ports, remembered for restarts).
func (w *world) start(port int) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := localnet.Start(ctx, localnet.Options{LedgerDir: w.ledger, Port: port, SlotDuration: w.slot})
	require.NoError(w.t, err)
	w.t.Cleanup(func() { _ = c.Stop() })
	u, err := url.Parse(c.RPCURL)
	require.NoError(w.t, err)
	w.port, err = strconv.Atoi(u.Port())
	require.NoError(w.t, err)
	w.chain = c
	w.stk, err = staking.New(c.Client, c.Manifest.Programs["staking"])
	require.NoError(w.t, err)
	w.jc, err = jobs.New(c.Client, c.Manifest.Programs["jobs"], w.stk)
	require.NoError(w.t, err)
	w.em, err = emission.New(c.Client, c.Manifest.Programs["emission"], w.stk.ProgramID)
	require.NoError(w.t, err)
	govID, ok := c.Manifest.Programs["governance"]
	require.True(w.t, ok, "the localnet did not deploy the governance program (localnet/programs/governance.so)")
	w.gov, err = governance.New(c.Client, govID, w.stk.ProgramID)
	require.NoError(w.t, err)
}

// restartChain stops the chain and starts it again on the same ledger and ports.
func (w *world) restartChain() {
	require.NoError(w.t, w.chain.Stop())
	w.start(w.port)
}

func (w *world) duties() []keeper.Duty {
	return []keeper.Duty{duties.NewCrank(w.em), duties.NewSettle(w.jc), duties.NewExpire(w.jc), duties.NewFinalize(w.gov), duties.NewExecute(w.gov), duties.NewActivate(w.stk)}
}

func (w *world) warp(d time.Duration) {
	_, err := w.chain.Warp(localnettest.Context(w.t), d)
	require.NoError(w.t, err)
}

func (w *world) now() int64 {
	now, err := solanax.ChainTime(localnettest.Context(w.t), w.chain.RPC)
	require.NoError(w.t, err)
	return now
}

// jobRun is what the test did to a job: expired jobs were claimed and never attested.
type jobRun struct {
	id       uint64
	attested bool
}

// Jobs per transaction when posting (each batch within the 1,232-byte limit).
const (
	createsPerTx = 6
	claimsPerTx  = 12
	attestsPerTx = 2 // an ed25519 verify instruction and the submission each
)

// postJobs creates n jobs, has the device claim them all, and attests the first attest of them.
// Jobs are created several per transaction in id order; claims and attestations go out
// concurrently (each touches its own jobs).
func (w *world) postJobs(n, attest int) []jobRun {
	ctx := localnettest.Context(w.t)
	cfg, err := w.jc.FetchConfig(ctx)
	require.NoError(w.t, err)
	mint := w.chain.Manifest.Mints.IO.Address
	buyerToken, err := solanax.AssociatedTokenAddress(w.buyer.PublicKey(), mint)
	require.NoError(w.t, err)
	terms := jobs.Terms{GPUClass: w.class, GPUCount: 1, PricePerHour: jobPrice, MaxDurationSeconds: jobMaxSecs}
	runs := make([]jobRun, n)
	for i := range runs {
		runs[i] = jobRun{id: cfg.NextJobId + uint64(i), attested: i < attest}
	}
	for batch := range slices.Chunk(runs, createsPerTx) {
		var ixs []solana.Instruction
		for _, r := range batch {
			ix, err := w.jc.CreateJobInstruction(w.buyer.PublicKey(), buyerToken, mint, r.id, terms)
			require.NoError(w.t, err)
			ixs = append(ixs, ix)
		}
		_, err := w.jc.Send(ctx, w.buyer, ixs)
		require.NoError(w.t, err)
	}
	w.inBatches(runs, claimsPerTx, func(batch []jobRun) error {
		var ixs []solana.Instruction
		for _, r := range batch {
			ix, err := w.jc.ClaimJobInstruction(r.id, w.device.PublicKey())
			if err != nil {
				return err
			}
			ixs = append(ixs, ix)
		}
		_, err := w.jc.Send(ctx, w.owner, ixs, w.device)
		return err
	})
	now := w.now()
	w.inBatches(runs[:attest], attestsPerTx, func(batch []jobRun) error {
		var ixs []solana.Instruction
		for _, r := range batch {
			job, err := w.jc.FetchJob(ctx, r.id)
			if err != nil {
				return err
			}
			a := jobs.Attestation{StartedTs: job.ClaimedTs, EndedTs: max(now, job.ClaimedTs), ResultHash: [32]byte{1}, MetricsDigest: [32]byte{2}}
			pair, err := w.jc.SubmitAttestationInstructions(w.device, r.id, a)
			if err != nil {
				return err
			}
			ixs = append(ixs, pair...)
		}
		_, err := w.jc.Send(ctx, w.owner, ixs)
		return err
	})
	return runs
}

// inBatches runs f on runs in batches of size, at most 8 batches at once, and fails on the
// first error.
func (w *world) inBatches(runs []jobRun, size int, f func([]jobRun) error) {
	w.t.Helper()
	batches := slices.Collect(slices.Chunk(runs, size))
	var wg sync.WaitGroup
	errs := make([]error, len(batches))
	sem := make(chan struct{}, 8)
	for i, b := range batches {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = f(b)
		}()
	}
	wg.Wait()
	require.NoError(w.t, errors.Join(errs...))
}

// jobs reads the given jobs (nil for closed ones).
func (w *world) fetchJobs(runs []jobRun) []*gen.Job {
	out := make([]*gen.Job, len(runs))
	for i, r := range runs {
		job, err := w.jc.FetchJob(localnettest.Context(w.t), r.id)
		if errors.Is(err, jobs.ErrNotFound) {
			continue
		}
		require.NoError(w.t, err)
		out[i] = job
	}
	return out
}

// tokenBalance is owner's IO associated account balance (0 when missing).
func (w *world) tokenBalance(owner solana.PublicKey) uint64 {
	return w.accountBalance(localnettest.TokenAccount(w.t, owner, w.chain.Manifest.Mints.IO.Address))
}

// accountBalance is a token account's amount (0 when missing).
func (w *world) accountBalance(addr solana.PublicKey) uint64 {
	return localnettest.TokenBalance(w.t, w.chain.Client, addr)
}

// waitClear waits until nothing is due across the protocol (the keepers caught up).
func (w *world) waitClear(within time.Duration) *keeper.Status {
	w.t.Helper()
	deadline := time.Now().Add(within)
	for {
		st, err := keeper.Survey(localnettest.Context(w.t), w.chain.Client, w.duties())
		if err == nil && len(st.Due) == 0 && len(st.Errors) == 0 {
			return st
		}
		if time.Now().After(deadline) {
			require.NoError(w.t, err)
			require.Failf(w.t, "keepers did not clear the due work", "after %s: due %+v, errors %v", within, st.Due, st.Errors)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// initGovernance initialises the governance program (protocol defaults: 3-day vote, 1-day
// timelock, 4% quorum) and stakes a proposer who alone makes the quorum.
func (w *world) initGovernance() solana.PrivateKey {
	ctx := localnettest.Context(w.t)
	authority, err := w.chain.Manifest.UpgradeAuthority.Load()
	require.NoError(w.t, err)
	_, err = w.chain.Fund(ctx, authority.PublicKey(), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(w.t, err)
	params := governance.DefaultParams()
	params.MinStakeToPropose = 1_000 * IO
	_, err = w.gov.Initialize(ctx, authority, w.jc.ProgramID, w.em.ProgramID, w.chain.Manifest.Programs["capacity"], params)
	require.NoError(w.t, err)
	// Votes lock stake positions through the staking program, which takes that only from its
	// authority: governance, as at launch.
	operator, err := w.chain.Manifest.Distribution.Load()
	require.NoError(w.t, err)
	_, err = w.stk.SetAuthority(ctx, operator, w.gov.Governance)
	require.NoError(w.t, err)
	proposer := localnettest.NewWallet(w.t, w.chain, 10_000*IO)
	_, err = w.stk.Stake(ctx, proposer, 10_000*IO)
	require.NoError(w.t, err)
	return proposer
}

// propose opens a signalling proposal (no actions) and votes on it.
func (w *world) propose(proposer solana.PrivateKey, title string, choice governance.Choice) uint64 {
	ctx := localnettest.Context(w.t)
	w.warp(time.Second) // only stake from before the proposal's second votes on it
	id, _, err := w.gov.CreateProposal(ctx, proposer, governance.Proposal{Title: title, URI: "https://gov.example/" + title})
	require.NoError(w.t, err)
	_, err = w.gov.CastVote(ctx, proposer, id, choice)
	require.NoError(w.t, err)
	return id
}
