package bootstrap

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

func TestProtocolInitialisesEveryProgramOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	chain, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, chain.Stop()) }()
	m := chain.Manifest

	steps, err := Protocol(ctx, chain.Client, m)
	require.NoError(t, err)
	assert.Equal(t, []Step{{"staking", true}, {"jobs", true}, {"emission", true}, {"capacity", true}}, steps)

	stk, err := staking.New(chain.Client, m.Programs["staking"])
	require.NoError(t, err)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	slasher, err := jobs.ConfigAddress(m.Programs["jobs"])
	require.NoError(t, err)
	assert.Equal(t, slasher, cfg.Slasher, "the jobs program slashes")
	assert.Equal(t, m.Distribution.Pubkey, cfg.Authority)

	jb, err := jobs.New(chain.Client, m.Programs["jobs"], stk)
	require.NoError(t, err)
	jcfg, err := jb.FetchConfig(ctx)
	require.NoError(t, err)
	assert.Equal(t, m.Distribution.Pubkey, jcfg.Arbiter)

	em, err := emission.New(chain.Client, m.Programs["emission"], m.Programs["staking"])
	require.NoError(t, err)
	mint, err := chain.Client.FetchMint(ctx, m.Mints.IO.Address)
	require.NoError(t, err)
	require.NotNil(t, mint.MintAuthority)
	assert.Equal(t, em.Addresses.State, *mint.MintAuthority, "only the emission program mints IO now")

	cp, err := capacity.New(chain.Client, m.Programs["capacity"], m.Programs["staking"])
	require.NoError(t, err)
	ccfg, err := cp.FetchConfig(ctx)
	require.NoError(t, err)
	assert.Equal(t, m.Distribution.Pubkey, ccfg.Authority, "the operator holds the capacity parameters")
	assert.Equal(t, capacity.DefaultParams().Classes, ccfg.Classes)

	again, err := Protocol(ctx, chain.Client, m)
	require.NoError(t, err)
	assert.Equal(t, []Step{{"staking", false}, {"jobs", false}, {"emission", false}, {"capacity", false}}, again, "a second run changes nothing")
}
