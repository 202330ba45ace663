package governance

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's chain: staking, jobs and emission initialised (by their upgrade authority) with
// oldAuthority as authority, governance
// initialised by its upgrade authority with the protocol defaults (minimum stake to propose: minStake), then the update
// authority of all three handed to the governance PDA. Tests run one at a time: they share the chain clock, which they warp.
var (
	chain        *localnet.Chain
	gov          *Client
	stk          *staking.Client
	jc           *jobs.Client
	em           *emission.Client
	cp           *capacity.Client
	oldAuthority solana.PrivateKey
	upgrader     solana.PrivateKey // the programs' upgrade authority: initialises them
	// targets are the governed programs, as `ionet gov propose --set` names them.
	targets map[string]Target
)

const (
	io       = staking.IO
	minStake = 10_000 * io
)

func TestMain(m *testing.M) {
	// Short slots: every step waits for a confirmation.
	os.Exit(localnettest.Main(m, "governance", localnet.Options{}, setUp))
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
	ids := chain.Manifest.Programs
	govID, ok := ids["governance"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the governance program: run `make programs` (localnet/programs/governance.so) and keep localnet/keys/governance-program.json")
	}
	sx := solanax.New(chain.RPCURL, chain.WSURL)
	var err error
	if stk, err = staking.New(sx, ids["staking"]); err != nil {
		return err
	}
	if gov, err = New(sx, govID, stk.ProgramID); err != nil {
		return err
	}
	if oldAuthority, err = chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL}); err != nil {
		return err
	}
	params, err := staking.DefaultParams(solana.PublicKey{})
	if err != nil {
		return err
	}
	if upgrader, err = localnettest.UpgradeAuthority(ctx, chain); err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, upgrader, oldAuthority.PublicKey(), chain.Manifest.Mints.IO.Address, params); err != nil {
		return fmt.Errorf("initialize staking: %w", err)
	}
	gp := DefaultParams()
	gp.MinStakeToPropose = minStake
	// Lamports sent to the governance PDA's address, known before the deployment, must not block
	// it: TestInitializeOnPrefundedAddress.
	if err := localnettest.PrefundAddresses(ctx, chain, gov.Governance); err != nil {
		return err
	}
	if _, err := gov.Initialize(ctx, upgrader, ids["jobs"], ids["emission"], ids["capacity"], gp); err != nil {
		return fmt.Errorf("initialize governance: %w", err)
	}
	if err := setUpJobsAndEmission(ctx, sx); err != nil {
		return err
	}
	// The co-staking parameters exist before governance takes them over (update_costake_params).
	if _, err := stk.SetCostakeParams(ctx, oldAuthority, chain.Manifest.Mints.IO.Address,
		staking.DefaultMinOwnerFloorBps, staking.DefaultNoticeSeconds, staking.DefaultMaxCommissionBps); err != nil {
		return fmt.Errorf("set the co-staking parameters: %w", err)
	}
	if _, err := stk.SetAuthority(ctx, oldAuthority, gov.Governance); err != nil {
		return fmt.Errorf("hand the staking authority to governance: %w", err)
	}
	// Capacity is initialised with the governance PDA as its authority at once.
	if cp, err = capacity.New(sx, ids["capacity"], stk.ProgramID); err != nil {
		return err
	}
	if _, err := cp.Initialize(ctx, upgrader, gov.Governance, capacity.DefaultParams()); err != nil {
		return fmt.Errorf("initialize capacity: %w", err)
	}
	targets = map[string]Target{"staking": StakingTarget(stk), "jobs": JobsTarget(jc), "emission": EmissionTarget(em), "capacity": CapacityTarget(cp), "costake": CostakeTarget(stk)}
	return nil
}

// setUpJobsAndEmission initialises both with oldAuthority as authority, then hands it to the
// governance PDA through their update_params.
func setUpJobsAndEmission(ctx context.Context, sx *solanax.Client) error {
	ids := chain.Manifest.Programs
	var err error
	if jc, err = jobs.New(sx, ids["jobs"], stk); err != nil {
		return err
	}
	if em, err = emission.New(sx, ids["emission"], stk.ProgramID); err != nil {
		return err
	}
	ioMint := chain.Manifest.Mints.IO.Address
	jobsParams := jobs.DefaultParams(oldAuthority.PublicKey(), oldAuthority.PublicKey())
	if _, err := jc.Initialize(ctx, upgrader, ioMint, chain.Manifest.Mints.USDC.Address, jobsParams); err != nil {
		return fmt.Errorf("initialize jobs: %w", err)
	}
	mintAuthority, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.MintAuthority.Keypair)
	if err != nil {
		return fmt.Errorf("load the IO mint authority: %w", err)
	}
	start, err := solanax.ChainTime(ctx, chain.RPC)
	if err != nil {
		return err
	}
	settings := emission.DefaultSettings(oldAuthority.PublicKey(), oldAuthority.PublicKey())
	if _, err := em.Initialize(ctx, upgrader, mintAuthority, ioMint, start, settings); err != nil {
		return fmt.Errorf("initialize emission: %w", err)
	}
	for name, target := range map[string]Target{"jobs": JobsTarget(jc), "emission": EmissionTarget(em)} {
		ix, err := gov.HandOverInstruction(ctx, target, oldAuthority.PublicKey())
		if err == nil {
			_, err = chain.Client.Send(ctx, oldAuthority, []solana.Instruction{ix})
		}
		if err != nil {
			return fmt.Errorf("hand the %s authority to governance: %w", name, err)
		}
	}
	return nil
}

func testContext(t testing.TB) context.Context { return localnettest.Context(t) }

// newStaker is a fresh wallet (1 SOL) that stakes amount IO base units.
func newStaker(t testing.TB, amount uint64) solana.PrivateKey {
	t.Helper()
	ctx := testContext(t)
	key, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: amount})
	require.NoError(t, err)
	if amount > 0 {
		_, err = stk.Stake(ctx, key, amount)
		require.NoError(t, err)
	}
	return key
}

// newMajorityStaker stakes enough to reach the quorum alone (a tenth of the total active stake,
// plus twice the minimum to propose): tests share the chain and its total stake grows.
func newMajorityStaker(t testing.TB) (solana.PrivateKey, uint64) {
	t.Helper()
	cfg, err := stk.FetchConfig(testContext(t))
	require.NoError(t, err)
	amount := cfg.TotalStake/10 + 2*minStake
	return newStaker(t, amount), amount
}

// changeActions is the proposal actions of changes such as "staking.cooldown=7d".
func changeActions(t testing.TB, changes ...string) []gen.ProposalAction {
	t.Helper()
	parsed := make([]Change, len(changes))
	for i, s := range changes {
		var err error
		parsed[i], err = ParseChange(s)
		require.NoError(t, err)
	}
	actions, err := gov.ChangeActions(testContext(t), targets, parsed)
	require.NoError(t, err)
	return actions
}

// propose opens a proposal by proposer with actions and returns its id. It first moves the
// clock a second on: only stake added before the proposal's second votes on it.
func propose(t testing.TB, proposer solana.PrivateKey, title string, actions []gen.ProposalAction) uint64 {
	t.Helper()
	warp(t, time.Second)
	id, _, err := gov.CreateProposal(testContext(t), proposer, Proposal{Title: title, URI: "https://gov.example/" + title, Actions: actions})
	require.NoError(t, err)
	return id
}

func vote(t testing.TB, voter solana.PrivateKey, id uint64, choice Choice) {
	t.Helper()
	_, err := gov.CastVote(testContext(t), voter, id, choice)
	require.NoError(t, err)
}

func fetchProposal(t testing.TB, id uint64) *gen.Proposal {
	t.Helper()
	p, err := gov.FetchProposal(testContext(t), id)
	require.NoError(t, err)
	return p
}

func proposalAddr(t testing.TB, id uint64) solana.PublicKey {
	t.Helper()
	addr, err := ProposalAddress(gov.ProgramID, id)
	require.NoError(t, err)
	return addr
}

func positionAddr(t testing.TB, owner solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := staking.PositionAddress(stk.ProgramID, owner)
	require.NoError(t, err)
	return addr
}

func warp(t testing.TB, d time.Duration) int64 {
	t.Helper()
	w, err := chain.Warp(testContext(t), d)
	require.NoError(t, err)
	return w.UnixTimestamp
}

// govRejects asserts that ixs, sent to governance by payer, fail with want and change none of watch.
func govRejects(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, chain.Client, localnettest.Program{ID: gov.ProgramID, Errors: Errors}, want, watch, payer, ixs)
}

// stakingRejects is govRejects for instructions of the staking program.
func stakingRejects(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, chain.Client, localnettest.Program{ID: stk.ProgramID, Errors: staking.Errors}, want, watch, payer, ixs)
}

var mustIx = localnettest.MustIx

// staking.Errors is the staking program's error table, for landed rejections of its instructions.
