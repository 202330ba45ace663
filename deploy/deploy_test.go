package deploy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet"
)

// chain is a bare localnet (no protocol: the runtime's built-in programs and a faucet), started
// once; each test deploys with fresh program keypairs, so tests never see each other's programs.
var chain *localnet.Chain

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

// testMain runs the tests; its deferred clean-ups run on every path, so nothing stays in TMPDIR.
func testMain(m *testing.M) int {
	config, err := os.MkdirTemp("", "ionet-deploy-config-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "deploy tests:", err)
		return 1
	}
	defer os.RemoveAll(config)
	os.Setenv("XDG_CONFIG_HOME", config) // the deployment registry of these tests only
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	c, err := localnet.Start(ctx, localnet.Options{Bare: true, SlotDuration: testSlot()})
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "deploy tests: start a bare localnet:", err)
		return 1
	}
	chain = c
	code := m.Run()
	if err := c.Stop(); err != nil {
		code = max(code, 1)
	}
	return code
}

// testSlot is a short slot on the embedded chain; a solana-test-validator
// ($IONET_LOCALNET_BACKEND=validator, when installed) keeps its own.
func testSlot() time.Duration {
	if localnet.Backend(os.Getenv(localnet.EnvBackend)) == localnet.BackendValidator {
		return 0
	}
	return 50 * time.Millisecond
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newDeployer is a deployer whose authority is a fresh wallet funded by airdrop.
func newDeployer(t *testing.T, ctx context.Context, events *[]Event) *Deployer {
	t.Helper()
	key, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	require.NoError(t, chain.Airdrop(ctx, key.PublicKey(), 50*solana.LAMPORTS_PER_SOL))
	d := &Deployer{Client: chain.Client, Authority: key, StateDir: t.TempDir(), Concurrency: 16}
	if events != nil {
		d.Progress = func(e Event) { *events = append(*events, e) }
	}
	return d
}

// freshPrograms are the five built programs under new program keypairs.
func freshPrograms(t *testing.T) []Program {
	t.Helper()
	var out []Program
	for _, name := range ProgramNames {
		elf, err := localnet.ProgramELF(name, false)
		require.NoError(t, err)
		key, err := solana.NewRandomPrivateKey()
		require.NoError(t, err)
		out = append(out, Program{Name: name, ELF: elf, Keypair: key})
	}
	return out
}

func defaultParams(t *testing.T, d *Deployer) *Params {
	t.Helper()
	p, err := DefaultConfig().Resolve(d.authority())
	require.NoError(t, err)
	return p
}

// TestDeployBareLocalnet: a deploy stopped after 40 buffer chunks resumes where it stopped (the
// kept buffer is re-used, its written chunks are not sent again), then deploys, initialises and
// hands staking, jobs and emission over to governance; the code on chain is the ELF, the IO mint's
// authority is emission's, the launch supply is the distribution wallet's and the deployment
// file names it all; a second run sends nothing and says so; the cost is within the estimate.
func TestDeployBareLocalnet(t *testing.T) {
	ctx := testContext(t)
	var events []Event
	d := newDeployer(t, ctx, &events)
	programs := freshPrograms(t)
	params := defaultParams(t, d)
	distribution := solana.NewWallet().PublicKey()
	params.Distribution = distribution
	plan := Plan{Programs: programs, Params: params, HandOver: true, Localnet: true, RPC: chain.RPCURL}

	planned, estimate, err := d.Plan(ctx, programs)
	require.NoError(t, err)
	for _, p := range planned {
		require.Equal(t, "deploy", p.Action, p.Name)
	}

	// Interrupt: cancel after the 40th chunk of the first program.
	cut, cancel := context.WithCancel(ctx)
	var chunks atomic.Int64
	d.Progress = func(e Event) {
		if e.Step == "chunk" && chunks.Add(1) == 40 {
			cancel()
		}
	}
	_, err = d.Run(cut, plan)
	cancel()
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorContains(t, err, "the rest resume on the next run")
	bufferFile := bufferKeyFile(d.StateDir, "staking")
	require.FileExists(t, bufferFile, "the buffer keypair is kept for the next run")
	bufKey, err := cli.LoadKeypair(bufferFile)
	require.NoError(t, err)
	acct, err := d.accounts(ctx, bufKey.PublicKey(), programs[0].ID())
	require.NoError(t, err)
	require.NotNil(t, acct[0], "the buffer was created")
	require.Nil(t, acct[1], "the program is not deployed yet")

	d.Progress = func(e Event) { events = append(events, e) }
	rep, err := d.Run(ctx, plan)
	require.NoError(t, err)
	require.True(t, rep.Changed)
	require.Contains(t, events, Event{Step: "buffer", Program: "staking", Message: "resuming the buffer " + bufKey.PublicKey().String()})
	st := rep.Programs[0]
	require.Equal(t, "staking", st.Name)
	require.Equal(t, ActionDeployed, st.Action)
	require.Less(t, st.ChunksWritten, st.ChunksTotal-30, "the chunks written before the interruption are not sent again")
	require.NoFileExists(t, bufferFile, "a deployed buffer's keypair is dropped")
	require.LessOrEqual(t, rep.CostLamports, estimate, "the estimate covers the cost")
	t.Logf("estimate %s, cost %s", FormatSOL(estimate), FormatSOL(rep.CostLamports))

	for i, p := range programs {
		require.Equal(t, ActionDeployed, rep.Programs[i].Action)
		acct, err := d.accounts(ctx, ProgramDataAddress(p.ID()))
		require.NoError(t, err)
		pd, err := DecodeProgramData(acct[0].Data.GetBinary())
		require.NoError(t, err)
		require.Equal(t, d.authority(), *pd.Authority)
		require.Equal(t, p.ELF, pd.Code[:len(p.ELF)])
		require.Len(t, pd.Code, 2*len(p.ELF), "room to grow")
		require.Equal(t, CodeHash(p.ELF), rep.Deployment.ProgramHashes[p.Name])
	}
	require.Equal(t, []string{"staking", "jobs", "emission", "capacity", "capacity slasher", "governance"}, rep.Initialised)
	require.Equal(t, []string{"staking", "capacity", "jobs", "emission"}, rep.HandedOver)

	c, err := d.clients(rep.Deployment.Programs)
	require.NoError(t, err)
	cfg, err := c.stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, c.gov.Governance, cfg.Authority)
	linked, err := c.em.FetchCapacityProgram(ctx)
	require.NoError(t, err)
	require.Equal(t, c.cp.ProgramID, linked, "heartbeats need a passed capacity challenge (capacity.linkRewards)")
	costake, err := c.stk.FetchCostakeParams(ctx)
	require.NoError(t, err)
	require.Equal(t, []any{uint64(staking.DefaultMinOwnerFloorBps), int64(staking.DefaultNoticeSeconds), uint64(staking.DefaultMaxCommissionBps)},
		[]any{costake.MinOwnerFloorBps, costake.NoticeSeconds, costake.MaxCommissionBps}, "deploy.yaml's co-staking parameters")
	require.Contains(t, events, Event{Step: "init", Program: "staking", Message: "co-staking parameters set (floor 1000 bps, notice 604800s, maximum commission 5000 bps)"})
	mint, err := chain.Client.FetchMint(ctx, rep.IOMint)
	require.NoError(t, err)
	require.Equal(t, c.em.Addresses.State, *mint.MintAuthority, "emission mints IO")
	require.Nil(t, mint.FreezeAuthority)
	ata, err := solanax.AssociatedTokenAddress(distribution, rep.IOMint)
	require.NoError(t, err)
	holding, err := chain.Client.FetchTokenAccount(ctx, ata)
	require.NoError(t, err)
	require.Equal(t, uint64(500_000_000*100_000_000), holding.Amount)

	registered, err := cli.ReadDeployment(rep.DeploymentPath)
	require.NoError(t, err)
	require.Equal(t, rep.Deployment.Programs, registered.Programs)
	require.Equal(t, rep.GenesisHash, registered.GenesisHash)
	info, err := os.Stat(rep.DeploymentPath)
	require.NoError(t, err)

	// Again: nothing to do, nothing sent, the deployment file untouched.
	events = nil
	again, err := d.Run(ctx, plan)
	require.NoError(t, err)
	require.False(t, again.Changed)
	require.Zero(t, again.CostLamports, "no transaction was sent")
	require.Empty(t, again.Initialised)
	require.Empty(t, again.HandedOver)
	for _, p := range again.Programs {
		require.Equal(t, ActionUnchanged, p.Action)
	}
	info2, err := os.Stat(rep.DeploymentPath)
	require.NoError(t, err)
	require.Equal(t, info.ModTime(), info2.ModTime())
}

// TestOutsiderCannotInitialiseFreshProgram: between the deploy of a program and its
// initialisation an outsider's initialize is refused (NotUpgradeAuthority), and changes nothing.
func TestOutsiderCannotInitialiseFreshProgram(t *testing.T) {
	ctx := testContext(t)
	d := newDeployer(t, ctx, nil)
	programs := freshPrograms(t)
	for _, p := range programs[:3] { // staking, jobs, emission
		res, err := d.ensureProgram(ctx, p)
		require.NoError(t, err)
		require.Equal(t, ActionDeployed, res.Action)
	}
	require.NoError(t, d.nextSlot(ctx))
	ids := map[string]solana.PublicKey{}
	for _, p := range programs {
		ids[p.Name] = p.ID()
	}
	c, err := d.clients(ids)
	require.NoError(t, err)

	outsider, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	require.NoError(t, chain.Airdrop(ctx, outsider.PublicKey(), solana.LAMPORTS_PER_SOL))
	me := outsider.PublicKey()
	mint, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	_, err = chain.Client.CreateMint(ctx, outsider, mint, me, solanax.IODecimals)
	require.NoError(t, err)
	usdc, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	_, err = chain.Client.CreateMint(ctx, outsider, usdc, me, solanax.USDCDecimals)
	require.NoError(t, err)

	params, err := staking.DefaultParams(me)
	require.NoError(t, err)
	_, err = c.stk.Initialize(ctx, outsider, me, mint.PublicKey(), params)
	require.Equal(t, stakinggen.Error_NotUpgradeAuthority, staking.ErrorName(err), "staking: %v", err)
	_, err = c.jb.Initialize(ctx, outsider, mint.PublicKey(), usdc.PublicKey(), jobs.DefaultParams(me, me))
	require.Equal(t, jobsgen.Error_NotUpgradeAuthority, jobs.ErrorName(err), "jobs: %v", err)
	_, err = c.em.Initialize(ctx, outsider, outsider, mint.PublicKey(), time.Now().Unix(), emission.DefaultSettings(me, me))
	require.Equal(t, emissiongen.Error_NotUpgradeAuthority, emission.ErrorName(err), "emission: %v", err)
	_, err = c.stk.FetchConfig(ctx)
	require.ErrorIs(t, err, staking.ErrNotFound, "nothing was initialised")
}

func TestConfigBounds(t *testing.T) {
	me := solana.NewWallet().PublicKey()
	p, err := DefaultConfig().Resolve(me)
	require.NoError(t, err)
	require.Equal(t, me, p.Operator)
	require.Equal(t, int64(14*24*3600), p.Staking.CooldownSeconds)
	require.Equal(t, uint64(500_000_000*100_000_000), p.LaunchSupply)
	require.Len(t, p.Staking.Classes, 6)
	require.Equal(t, staking.CostakeSettings{MinOwnerFloorBps: staking.DefaultMinOwnerFloorBps, NoticeSeconds: staking.DefaultNoticeSeconds,
		MaxCommissionBps: staking.DefaultMaxCommissionBps}, p.Costake)

	for name, tc := range map[string]struct {
		edit func(*Config)
		want string
	}{
		"cooldown":           {func(c *Config) { c.Staking.Cooldown = "400d" }, "staking.cooldown: 400d is outside"},
		"fees":               {func(c *Config) { c.Jobs.ReservationFeeBps, c.Jobs.USDCFeeBps = 6000, 5000 }, "6000 + 5000 is over 10000"},
		"quorum":             {func(c *Config) { c.Governance.QuorumBps = 0 }, "governance.quorumBps: 0 is outside 1 to 10000"},
		"voting":             {func(c *Config) { c.Governance.VotingPeriod = "30m" }, "governance.votingPeriod: 30m is outside"},
		"crank tip":          {func(c *Config) { c.Emission.CrankTip = "2" }, "emission.crankTip (base units): 200000000 is over 100000000"},
		"operator":           {func(c *Config) { c.Operator = "nope" }, `operator: "nope" is not a base58 public key`},
		"classes":            {func(c *Config) { c.Staking.GPUClasses = nil }, "staking.gpuClasses: 0 classes"},
		"min stake":          {func(c *Config) { c.Staking.MinDeviceStakePerGPU = "0" }, "staking.minDeviceStakePerGPU: must be above 0"},
		"costake floor":      {func(c *Config) { c.Costake.MinOwnerFloorBps = 499 }, "costake.minOwnerFloorBps: 499 is outside 500 to 10000"},
		"costake notice":     {func(c *Config) { c.Costake.Notice = "1h" }, "costake.notice: 1h is outside"},
		"costake commission": {func(c *Config) { c.Costake.MaxCommissionBps = 5001 }, "costake.maxCommissionBps: 5001 is over 5000"},
	} {
		t.Run(name, func(t *testing.T) {
			c := DefaultConfig()
			tc.edit(&c)
			_, err := c.Resolve(me)
			require.ErrorContains(t, err, tc.want)
			require.ErrorContains(t, err, "nothing sent")
		})
	}
}

func TestLoadConfigRefusesUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deploy.yaml")
	require.NoError(t, os.WriteFile(path, []byte("staking:\n  cooldwn: 1d\n"), 0o600))
	_, err := LoadConfig(path)
	require.ErrorContains(t, err, "field cooldwn not found")
	require.NoError(t, os.WriteFile(path, []byte("staking:\n  cooldown: 1d\n"), 0o600))
	c, err := LoadConfig(path)
	require.NoError(t, err)
	require.Equal(t, "1d", c.Staking.Cooldown)
	require.Len(t, c.Staking.GPUClasses, 6, "the other keys keep their defaults")
}

// TestBareLocalnetHasNoProtocol: a bare chain has none of the localnet's programs or mints, only
// the runtime's built-in programs, and its manifest names none.
func TestBareLocalnetHasNoProtocol(t *testing.T) {
	ctx := testContext(t)
	keys := []solana.PublicKey{stakinggen.ProgramID, jobsgen.ProgramID, LoaderID, solana.TokenProgramID}
	accts, err := chain.RPC.GetMultipleAccounts(ctx, keys...)
	require.NoError(t, err)
	require.Nil(t, accts.Value[0], "no staking program")
	require.Nil(t, accts.Value[1], "no jobs program")
	require.NotNil(t, accts.Value[2], "the upgradeable loader is built in")
	require.NotNil(t, accts.Value[3], "SPL Token is built in")
	require.Empty(t, chain.Manifest.Programs)
	require.True(t, chain.Manifest.Mints.IO.Address.IsZero())
}

// TestDeployWithPriorityFee: with a priority fee the chunks shrink to leave room for the compute
// budget instructions, each write's limit is enough for the loader, and the program deploys.
func TestDeployWithPriorityFee(t *testing.T) {
	ctx := testContext(t)
	d := newDeployer(t, ctx, nil)
	plain := d.chunkSize()
	d.PriorityFee = 1_000
	require.Less(t, d.chunkSize(), plain)
	p := freshPrograms(t)[3] // governance, the smallest
	res, err := d.ensureProgram(ctx, p)
	require.NoError(t, err)
	require.Equal(t, ActionDeployed, res.Action)
	require.Equal(t, (len(p.ELF)+d.chunkSize()-1)/d.chunkSize(), res.ChunksTotal)
}

// TestUpgradeGrowsTheProgram: a program deployed with no room to grow is upgraded to a larger
// build: its ProgramData is extended first, the new code replaces the old, the buffer's rent
// comes back, and a third run finds it up to date.
func TestUpgradeGrowsTheProgram(t *testing.T) {
	ctx := testContext(t)
	d := newDeployer(t, ctx, nil)
	d.GrowthFactor = 1
	programs := freshPrograms(t)
	small := programs[3] // governance
	res, err := d.ensureProgram(ctx, small)
	require.NoError(t, err)
	require.Equal(t, ActionDeployed, res.Action)
	require.NoError(t, d.nextSlot(ctx))

	larger := Program{Name: small.Name, ELF: programs[1].ELF, Keypair: small.Keypair} // the jobs build
	require.Greater(t, len(larger.ELF), len(small.ELF))
	res, err = d.ensureProgram(ctx, larger)
	require.NoError(t, err)
	require.Equal(t, ActionUpgraded, res.Action)
	acct, err := d.accounts(ctx, ProgramDataAddress(small.ID()))
	require.NoError(t, err)
	pd, err := DecodeProgramData(acct[0].Data.GetBinary())
	require.NoError(t, err)
	require.Equal(t, CodeHash(larger.ELF), CodeHash(pd.Code))
	require.GreaterOrEqual(t, len(pd.Code), len(larger.ELF))
	require.NoFileExists(t, bufferKeyFile(d.StateDir, small.Name))

	res, err = d.ensureProgram(ctx, larger)
	require.NoError(t, err)
	require.Equal(t, ActionUnchanged, res.Action)
}

// TestELFTheClusterRefuses: a build the cluster cannot load (here SBPF v0, which a chain with
// every feature active refuses) is an ErrELFRejected, and the program stays undeployed.
func TestELFTheClusterRefuses(t *testing.T) {
	ctx := testContext(t)
	d := newDeployer(t, ctx, nil)
	p := freshPrograms(t)[3]
	elf, err := localnet.ProgramELF(p.Name, true)
	require.NoError(t, err)
	p.ELF = elf
	_, err = d.ensureProgram(ctx, p)
	require.ErrorIs(t, err, ErrELFRejected)
	acct, err := d.accounts(ctx, p.ID())
	require.NoError(t, err)
	require.Nil(t, acct[0])
}

func TestUSDCMintByCluster(t *testing.T) {
	d := &Deployer{}
	given := solana.NewWallet().PublicKey()
	unknown := solana.HashFromBytes(solana.NewWallet().PublicKey().Bytes())
	for name, tc := range map[string]struct {
		plan    Plan
		genesis solana.Hash
		want    *solana.PublicKey
		err     string
	}{
		"devnet":               {Plan{Params: &Params{}}, cli.GenesisDevnet, &USDCDevnet, ""},
		"mainnet-beta":         {Plan{Params: &Params{}}, cli.GenesisMainnetBeta, &USDCMainnetBeta, ""},
		"given":                {Plan{Params: &Params{USDCMint: &given}}, cli.GenesisDevnet, &given, ""},
		"localnet: a stand-in": {Plan{Params: &Params{}, Localnet: true}, unknown, nil, ""},
		"testnet: refused":     {Plan{Params: &Params{}}, cli.GenesisTestnet, nil, "has no known USDC mint: set usdc.mint in deploy.yaml"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := d.usdcMint(tc.plan, tc.genesis)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}
