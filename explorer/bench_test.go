package explorer

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

var (
	benchJobs    = flag.Int("explorer.jobs", 1_000, "settled jobs BenchmarkPages adds to the chain")
	benchDevices = flag.Int("explorer.devices", 100, "devices BenchmarkPages adds to the chain")
)

// Transaction packing for the benchmark's load (as the keeper's benchmark packs them).
const (
	createsPerTx = 6
	claimsPerTx  = 10
	attestsPerTx = 2 // each is an ed25519 check and the submission
	settlesPerTx = 4
)

// BenchmarkPages loads every page (server-rendered HTML) on a chain with -explorer.jobs settled
// jobs spread over -explorer.devices devices (each with a heartbeat), after the histories are
// rebuilt (their rebuilds are timed once and logged). Run: go test ./explorer/ -run '^$' -bench Pages -benchtime 20x
func BenchmarkPages(b *testing.B) {
	devices := loadChain(b, *benchDevices, *benchJobs)
	begin := time.Now()
	h := NewHistory(c, srv.log)
	require.NoError(b, h.Refresh(context.Background()))
	b.Logf("job history rebuilt from the chain (%d receipts) in %s", len(h.Receipts(nil)), time.Since(begin).Round(time.Millisecond))
	begin = time.Now()
	require.NoError(b, NewLiveness(c, srv.log).Refresh(context.Background()))
	b.Logf("liveness history rebuilt in %s", time.Since(begin).Round(time.Millisecond))
	require.NoError(b, srv.history.Refresh(context.Background()))
	require.NoError(b, srv.liveness.Refresh(context.Background()))
	owner, err := c.Staking.FetchDevice(context.Background(), devices[0])
	require.NoError(b, err)
	cfg, err := c.Jobs.FetchConfig(context.Background())
	require.NoError(b, err)
	for _, p := range []struct{ name, path string }{
		{"network", "/"},
		{"devices", "/devices"},
		{"device", "/devices/" + devices[0].String()},
		{"jobs", "/jobs"},
		{"job", fmt.Sprintf("/jobs/%d", cfg.NextJobId-1)}, // the last settled
		{"governance", "/governance"},
		{"wallet", "/wallet?address=" + owner.Owner.String()},
	} {
		b.Run(p.name, func(b *testing.B) {
			var took []time.Duration
			for range b.N {
				start := time.Now()
				res, err := http.Get(web.URL + p.path)
				require.NoError(b, err)
				_ = res.Body.Close()
				require.Equal(b, http.StatusOK, res.StatusCode)
				took = append(took, time.Since(start))
			}
			sort.Slice(took, func(i, k int) bool { return took[i] < took[k] })
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
		})
	}
}

var loadOnce sync.Once

// loadChain registers nDevices devices and runs nJobs jobs through create, claim, attest and
// settle, spread over the devices; it returns the device keys.
func loadChain(b *testing.B, nDevices, nJobs int) []solana.PublicKey {
	b.Helper()
	var keys []solana.PublicKey
	loadOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
		defer cancel()
		begin := time.Now()
		owners, devs := addDevices(ctx, b, nDevices, (nJobs+nDevices-1)/nDevices)
		runJobs(ctx, b, owners, devs, nJobs)
		for _, d := range devs {
			keys = append(keys, d.PublicKey())
		}
		b.Logf("loaded %d devices and %d settled jobs in %s", nDevices, nJobs, time.Since(begin).Round(time.Second))
	})
	require.NotEmpty(b, keys, "the load runs once per process: run the benchmark alone (-run '^$')")
	return keys
}

// parallel runs f(i) for i in [0, n), 8 at a time, and fails on the first error.
func parallel(b *testing.B, n int, f func(i int) error) {
	b.Helper()
	errs := make([]error, n)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = f(i)
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(b, err)
	}
}

// addDevices registers n devices, each staked to be eligible and to hold jobsEach claimed jobs
// at once (each claim reserves the worst-case penalty).
func addDevices(ctx context.Context, b *testing.B, n, jobsEach int) (owners, devices []solana.PrivateKey) {
	cfg, err := c.Staking.FetchConfig(ctx)
	require.NoError(b, err)
	class, err := staking.ClassIndex(cfg, "RTX4090")
	require.NoError(b, err)
	jobsCfg, err := c.Jobs.FetchConfig(ctx)
	require.NoError(b, err)
	eligible, _ := staking.RequiredDeviceStake(cfg.MinDeviceStakePerGpu, cfg.GpuClasses[class].MultiplierBps, 1)
	required := max(eligible, uint64(jobsEach)*jobs.WorstCasePenalty(jobsCfg))
	owners, devices = make([]solana.PrivateKey, n), make([]solana.PrivateKey, n)
	parallel(b, n, func(i int) error {
		owner, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: required})
		if err != nil {
			return err
		}
		device := solana.NewWallet().PrivateKey
		token, err := solanax.AssociatedTokenAddress(owner.PublicKey(), chain.Manifest.Mints.IO.Address)
		if err != nil {
			return err
		}
		reg, err := c.Staking.RegisterDeviceInstruction(owner.PublicKey(), device.PublicKey(), class, 1)
		if err != nil {
			return err
		}
		stake, err := c.Staking.StakeDeviceInstruction(owner.PublicKey(), device.PublicKey(), token, required)
		if err != nil {
			return err
		}
		if _, err := c.Staking.Send(ctx, owner, []solana.Instruction{reg, stake}, device); err != nil {
			return err
		}
		if _, err := c.Emission.Heartbeat(ctx, device, owner); err != nil {
			return err
		}
		owners[i], devices[i] = owner, device
		return nil
	})
	return owners, devices
}

func runJobs(ctx context.Context, b *testing.B, owners, devices []solana.PrivateKey, n int) {
	cfg, err := c.Jobs.FetchConfig(ctx)
	require.NoError(b, err)
	stk, err := c.Staking.FetchConfig(ctx)
	require.NoError(b, err)
	class, err := staking.ClassIndex(stk, "RTX4090")
	require.NoError(b, err)
	mint := chain.Manifest.Mints.IO.Address
	terms := jobs.Terms{GPUClass: class, GPUCount: 1, PricePerHour: ioUnit, MaxDurationSeconds: 3_600}
	q, err := jobs.NewQuote(terms.PricePerHour, terms.MaxDurationSeconds, cfg.ReservationFeeBps)
	require.NoError(b, err)
	buyer, err := chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL, IO: uint64(n) * q.Escrow})
	require.NoError(b, err)
	buyerToken, err := solanax.AssociatedTokenAddress(buyer.PublicKey(), mint)
	require.NoError(b, err)
	ids := make([]uint64, n)
	for i := range ids {
		ids[i] = cfg.NextJobId + uint64(i)
	}
	for batch := range slices.Chunk(ids, createsPerTx) { // ids must come in order: one at a time
		var ixs []solana.Instruction
		for _, id := range batch {
			ix, err := c.Jobs.CreateJobInstruction(buyer.PublicKey(), buyerToken, mint, id, terms)
			require.NoError(b, err)
			ixs = append(ixs, ix)
		}
		_, err := c.Jobs.Send(ctx, buyer, ixs)
		require.NoError(b, err)
	}
	// Job i runs on device i % len(devices).
	byDevice := make([][]uint64, len(devices))
	for i, id := range ids {
		byDevice[i%len(devices)] = append(byDevice[i%len(devices)], id)
	}
	type batch struct {
		device int
		ids    []uint64
	}
	var claims, attests []batch
	for d, list := range byDevice {
		for part := range slices.Chunk(list, claimsPerTx) {
			claims = append(claims, batch{d, part})
		}
		for part := range slices.Chunk(list, attestsPerTx) {
			attests = append(attests, batch{d, part})
		}
	}
	parallel(b, len(claims), func(i int) error {
		var ixs []solana.Instruction
		for _, id := range claims[i].ids {
			ix, err := c.Jobs.ClaimJobInstruction(id, devices[claims[i].device].PublicKey())
			if err != nil {
				return err
			}
			ixs = append(ixs, ix)
		}
		_, err := c.Jobs.Send(ctx, owners[claims[i].device], ixs, devices[claims[i].device])
		return err
	})
	_, err = chain.Warp(ctx, 20*time.Minute)
	require.NoError(b, err)
	now, err := solanax.ChainTime(ctx, sx.RPC)
	require.NoError(b, err)
	parallel(b, len(attests), func(i int) error {
		var ixs []solana.Instruction
		for _, id := range attests[i].ids {
			job, err := c.Jobs.FetchJob(ctx, id)
			if err != nil {
				return err
			}
			a := jobs.Attestation{StartedTs: job.ClaimedTs, EndedTs: max(now, job.ClaimedTs), ResultHash: [32]byte{1}, MetricsDigest: [32]byte{2}}
			pair, err := c.Jobs.SubmitAttestationInstructions(devices[attests[i].device], id, a)
			if err != nil {
				return err
			}
			ixs = append(ixs, pair...)
		}
		_, err := c.Jobs.Send(ctx, owners[attests[i].device], ixs)
		return err
	})
	_, err = chain.Warp(ctx, 61*time.Minute)
	require.NoError(b, err)
	settler, err := chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL})
	require.NoError(b, err)
	treasury := cfg.IoTreasury
	settles := slices.Collect(slices.Chunk(ids, settlesPerTx))
	parallel(b, len(settles), func(i int) error {
		var ixs []solana.Instruction
		for _, id := range settles[i] {
			job, err := c.Jobs.FetchJob(ctx, id)
			if err != nil {
				return err
			}
			ix, err := c.Jobs.SettleJobInstruction(job, treasury)
			if err != nil {
				return err
			}
			ixs = append(ixs, ix)
		}
		_, err := c.Jobs.Send(ctx, settler, ixs)
		return err
	})
}
