package bootstrap

import (
	"context"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet"
)

func startChain(t *testing.T) (context.Context, *localnet.Chain) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	chain, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, chain.Stop()) })
	return ctx, chain
}

type clients struct {
	stk *staking.Client
	jb  *jobs.Client
	em  *emission.Client
}

func newClients(t *testing.T, chain *localnet.Chain) clients {
	t.Helper()
	ids := chain.Manifest.Programs
	stk, err := staking.New(chain.Client, ids["staking"])
	require.NoError(t, err)
	jb, err := jobs.New(chain.Client, ids["jobs"], stk)
	require.NoError(t, err)
	em, err := emission.New(chain.Client, ids["emission"], ids["staking"])
	require.NoError(t, err)
	return clients{stk, jb, em}
}

// TestFreshDeploymentCannotBeTakenOver: on a fresh chain an outsider tries first to initialise
// staking, jobs and emission naming itself authority (and arbiter), and sends lamports to every
// address their initialisation creates. Each initialize is refused (NotUpgradeAuthority); the
// set-up then initialises all three over the pre-funded addresses with the operator as authority.
func TestFreshDeploymentCannotBeTakenOver(t *testing.T) {
	ctx, chain := startChain(t)
	m := chain.Manifest
	c := newClients(t, chain)
	outsider, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	me := outsider.PublicKey()

	stakingParams, err := staking.DefaultParams(me)
	require.NoError(t, err)
	_, err = c.stk.Initialize(ctx, outsider, me, m.Mints.IO.Address, stakingParams)
	require.Equal(t, stakinggen.Error_NotUpgradeAuthority, staking.ErrorName(err), "staking: %v", err)
	_, err = c.jb.Initialize(ctx, outsider, m.Mints.IO.Address, m.Mints.USDC.Address, jobs.DefaultParams(me, me))
	require.Equal(t, jobsgen.Error_NotUpgradeAuthority, jobs.ErrorName(err), "jobs: %v", err)
	mintAuthority, err := m.MintAuthority.Load()
	require.NoError(t, err)
	ix, err := c.em.InitializeInstruction(me, mintAuthority.PublicKey(), m.Mints.IO.Address, time.Now().Unix(), emission.DefaultSettings(me, me))
	require.NoError(t, err)
	_, err = c.em.Send(ctx, outsider, []solana.Instruction{ix}, solanax.WithSigners(mintAuthority))
	require.Equal(t, emissiongen.Error_NotUpgradeAuthority, emission.ErrorName(err), "emission, even with the mint authority's signature: %v", err)

	var prefund []solana.Instruction
	for _, addr := range initialised(t, c, m) {
		prefund = append(prefund, system.NewTransferInstruction(1_000_000, me, addr).Build())
	}
	_, err = chain.Client.Send(ctx, outsider, prefund)
	require.NoError(t, err)

	steps, err := Protocol(ctx, chain.Client, m)
	require.NoError(t, err)
	require.Equal(t, []Step{{"staking", true}, {"jobs", true}, {"emission", true}, {"capacity", true}}, steps)
	cfg, err := c.stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, m.Distribution.Pubkey, cfg.Authority)
	jcfg, err := c.jb.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, m.Distribution.Pubkey, jcfg.Authority)
	require.Equal(t, m.Distribution.Pubkey, jcfg.Arbiter)
	st, err := c.em.FetchState(ctx)
	require.NoError(t, err)
	require.Equal(t, m.Distribution.Pubkey, st.Authority)
}

// TestForeignAuthorityFailsLoudly: a program already initialised with an authority that is
// neither the operator nor the governance PDA is not silently skipped: the set-up fails, naming
// the program and both keys, and initialises nothing after it.
func TestForeignAuthorityFailsLoudly(t *testing.T) {
	ctx, chain := startChain(t)
	m := chain.Manifest
	c := newClients(t, chain)
	upgrader, err := m.UpgradeAuthority.Load()
	require.NoError(t, err)
	_, err = chain.Fund(ctx, upgrader.PublicKey(), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	stranger := solana.NewWallet().PublicKey()
	params, err := staking.DefaultParams(stranger)
	require.NoError(t, err)
	_, err = c.stk.Initialize(ctx, upgrader, stranger, m.Mints.IO.Address, params)
	require.NoError(t, err)

	steps, err := Protocol(ctx, chain.Client, m)
	require.ErrorIs(t, err, ErrForeignAuthority)
	require.ErrorContains(t, err, "the staking program is already initialised with another authority "+stranger.String())
	require.ErrorContains(t, err, "(the operator is "+m.Distribution.Pubkey.String()+")")
	require.ErrorContains(t, err, "ionet localnet up --reset")
	require.Empty(t, steps)
	_, err = c.jb.FetchConfig(ctx)
	require.ErrorIs(t, err, jobs.ErrNotFound, "nothing after the refused step is initialised")
}

// initialised is every address the three initialisations create.
func initialised(t *testing.T, c clients, m *localnet.Manifest) []solana.PublicKey {
	t.Helper()
	var out []solana.PublicKey
	a := c.stk.Addresses
	out = append(out, a.Config, a.StakeVault, a.RewardVault, c.jb.Config)
	for _, mint := range []solana.PublicKey{m.Mints.IO.Address, m.Mints.USDC.Address} {
		treasury, err := jobs.TreasuryAddress(c.jb.ProgramID, mint)
		require.NoError(t, err)
		out = append(out, treasury)
	}
	e := c.em.Addresses
	return append(out, e.State, e.StakerVault, e.SupplierVault)
}
