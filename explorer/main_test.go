package explorer

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
)

// The package's chain, its explorer, and what the demo-like scenario left on it.
var (
	chain *localnet.Chain
	sx    *solanax.Client
	c     *Chain
	srv   *Server
	web   *httptest.Server
	scene scenario
)

// scenario is what setUp did: a staker, a device live in epochs 1 and 3 but not 2, a job
// created, run for 90 minutes and settled, the first two epochs cranked, a burn.
type scenario struct {
	staker, owner, device, buyer solana.PrivateKey
	job                          uint64
	terms                        jobs.Terms
	elapsed                      int64
	notLiveEpoch                 uint64
	proposal                     uint64
}

const ioUnit = 100_000_000 // base units in 1 IO

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var err error
	chain, err = localnet.Start(ctx, localnet.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "explorer tests: start the localnet: %v\n", err)
		return 1
	}
	defer func() { _ = chain.Stop() }()
	if err := setUp(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "explorer tests: %v\n", err)
		return 1
	}
	web = httptest.NewServer(srv.Handler())
	defer web.Close()
	return m.Run()
}

func setUp(ctx context.Context) error {
	sx = solanax.New(chain.RPCURL, chain.WSURL, solanax.WithPollInterval(50*time.Millisecond))
	if _, err := bootstrap.Protocol(ctx, sx, chain.Manifest); err != nil {
		return err
	}
	var err error
	p := Programs{Staking: chain.Manifest.Programs["staking"], Jobs: chain.Manifest.Programs["jobs"], Emission: chain.Manifest.Programs["emission"], Governance: chain.Manifest.Programs["governance"]}
	if c, err = NewChain(sx, p); err != nil {
		return err
	}
	if srv, err = New(Config{Chain: c, Cluster: chain.RPCURL, Log: slog.New(slog.DiscardHandler)}); err != nil {
		return err
	}
	if err := playScenario(ctx); err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	return srv.History().Refresh(ctx)
}

// playScenario runs the demo's life cycle in small: stake, a device, a job created and settled,
// heartbeats in epochs 1 and 3 (not 2), an emission crank and a burn.
func playScenario(ctx context.Context) error {
	wallet := func(units uint64) (solana.PrivateKey, error) {
		return chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: units})
	}
	var err error
	if scene.staker, err = wallet(1_000 * ioUnit); err != nil {
		return err
	}
	if _, err := c.Staking.Stake(ctx, scene.staker, 1_000*ioUnit); err != nil {
		return fmt.Errorf("stake: %w", err)
	}
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return err
	}
	class, err := staking.ClassIndex(cfg, "RTX4090")
	if err != nil {
		return err
	}
	jobsCfg, err := c.Jobs.FetchConfig(ctx)
	if err != nil {
		return err
	}
	// Eligible, and able to reserve the worst-case penalty of the one job it claims.
	eligible, _ := staking.RequiredDeviceStake(cfg.MinDeviceStakePerGpu, cfg.GpuClasses[class].MultiplierBps, 1)
	required := max(eligible, jobs.WorstCasePenalty(jobsCfg))
	if scene.owner, err = wallet(required); err != nil {
		return err
	}
	if scene.device, err = wallet(0); err != nil {
		return err
	}
	if _, err := c.Staking.RegisterDevice(ctx, scene.owner, scene.device, class, 1); err != nil {
		return fmt.Errorf("register device: %w", err)
	}
	if _, err := c.Staking.StakeDevice(ctx, scene.owner, scene.device.PublicKey(), required); err != nil {
		return fmt.Errorf("stake device: %w", err)
	}
	if _, err := c.Emission.Heartbeat(ctx, scene.device, nil); err != nil {
		return fmt.Errorf("heartbeat in epoch 1: %w", err)
	}
	if scene.buyer, err = wallet(100 * ioUnit); err != nil {
		return err
	}
	scene.terms = jobs.Terms{SpecHash: sha256.Sum256([]byte("train")), GPUClass: class, GPUCount: 1, PricePerHour: 2 * ioUnit, MaxDurationSeconds: 3 * 3600}
	if scene.job, _, err = c.Jobs.CreateJob(ctx, scene.buyer, chain.Manifest.Mints.IO.Address, scene.terms); err != nil {
		return fmt.Errorf("create job: %w", err)
	}
	if _, err := c.Jobs.ClaimJob(ctx, scene.owner, scene.device, scene.job); err != nil {
		return fmt.Errorf("claim job: %w", err)
	}
	scene.elapsed = 5_400 // 90 minutes: the clock moves into epoch 2, where no heartbeat comes
	if _, err := chain.Warp(ctx, time.Duration(scene.elapsed)*time.Second); err != nil {
		return err
	}
	scene.notLiveEpoch = 2
	job, err := c.Jobs.FetchJob(ctx, scene.job)
	if err != nil {
		return err
	}
	att := jobs.Attestation{ResultHash: sha256.Sum256([]byte("result")), StartedTs: job.ClaimedTs, EndedTs: job.ClaimedTs + scene.elapsed, MetricsDigest: sha256.Sum256([]byte("metrics"))}
	if _, err := c.Jobs.SubmitAttestation(ctx, scene.owner, scene.device, scene.job, att); err != nil {
		return fmt.Errorf("attest: %w", err)
	}
	if _, err := chain.Warp(ctx, time.Hour+time.Minute); err != nil { // past the window, into epoch 3
		return err
	}
	keeper, err := wallet(0)
	if err != nil {
		return err
	}
	if _, err := c.Jobs.SettleJob(ctx, keeper, scene.job); err != nil {
		return fmt.Errorf("settle: %w", err)
	}
	if _, err := c.Emission.Heartbeat(ctx, scene.device, nil); err != nil {
		return fmt.Errorf("heartbeat in epoch 3: %w", err)
	}
	if _, err := c.Emission.CatchUp(ctx, keeper, 0); err != nil {
		return fmt.Errorf("crank: %w", err)
	}
	operator, err := chain.Manifest.Distribution.Load()
	if err != nil {
		return err
	}
	if _, _, err := c.Emission.Burn(ctx, operator, 1_000*ioUnit, "revenue buyback"); err != nil {
		return fmt.Errorf("burn: %w", err)
	}
	return proposeAndVote(ctx)
}

// proposeAndVote initialises governance (as the programs' upgrade authority), hands it the
// staking authority, and has the staker propose a 1.5% USDC fee and vote yes.
func proposeAndVote(ctx context.Context) error {
	upgrader, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.UpgradeAuthority.Keypair)
	if err != nil {
		return err
	}
	if _, err := chain.Fund(ctx, upgrader.PublicKey(), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL}); err != nil {
		return err
	}
	params := governance.DefaultParams()
	params.MinStakeToPropose = 100 * ioUnit
	if _, err := c.Governance.Initialize(ctx, upgrader, chain.Manifest.Programs["jobs"], chain.Manifest.Programs["emission"], chain.Manifest.Programs["capacity"], params); err != nil {
		return fmt.Errorf("initialize governance: %w", err)
	}
	operator, err := chain.Manifest.Distribution.Load()
	if err != nil {
		return err
	}
	// Votes lock stake positions through staking's lock_position, which its authority signs.
	if _, err := c.Staking.SetAuthority(ctx, operator, c.Governance.Governance); err != nil {
		return fmt.Errorf("hand staking to governance: %w", err)
	}
	// A proposal may change the jobs program only once governance is its authority.
	jobsTarget := governance.JobsTarget(c.Jobs)
	handOver, err := c.Governance.HandOverInstruction(ctx, jobsTarget, operator.PublicKey())
	if err != nil {
		return err
	}
	if _, err := c.Jobs.Send(ctx, operator, []solana.Instruction{handOver}); err != nil {
		return fmt.Errorf("hand jobs to governance: %w", err)
	}
	change, err := governance.ParseChange("jobs.usdc_fee_bps=150")
	if err != nil {
		return err
	}
	actions, err := c.Governance.ChangeActions(ctx, map[string]governance.Target{"jobs": jobsTarget}, []governance.Change{change})
	if err != nil {
		return err
	}
	text := []byte("Cut the USDC payment fee to 1.5%.")
	id, _, err := c.Governance.CreateProposal(ctx, scene.staker, governance.Proposal{Title: "1.5% USDC fee", DescriptionHash: sha256.Sum256(text), Actions: actions})
	if err != nil {
		return fmt.Errorf("propose: %w", err)
	}
	if _, err := c.Governance.CastVote(ctx, scene.staker, id, governance.Yes); err != nil {
		return fmt.Errorf("vote: %w", err)
	}
	scene.proposal = id
	return nil
}
