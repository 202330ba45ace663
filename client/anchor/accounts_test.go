package anchor_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestFetch reads the localnet's IO mint, an account every chain has, as if it were an account of
// a program client.
func TestFetch(t *testing.T) {
	ctx := localnettest.Context(t)
	chain, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Stop() })
	mint := chain.Manifest.Mints.IO.Address
	size := func(data []byte) (*int, error) { n := len(data); return &n, nil }
	other := solana.NewWallet().PublicKey()

	got, err := anchor.Fetch(ctx, chain.RPC, "token", solana.TokenProgramID, mint, "mint", size)
	require.NoError(t, err)
	require.Equal(t, 82, *got, "an SPL mint is 82 bytes")

	_, err = anchor.Fetch(ctx, chain.RPC, "token", solana.TokenProgramID, other, "mint", size)
	require.ErrorIs(t, err, anchor.ErrNotFound)
	require.EqualError(t, err, "fetch token mint "+other.String()+": account not found")

	// Lamports sent to an address before a program creates its account there: not created yet.
	prefunded := solana.NewWallet().PublicKey()
	_, err = chain.Fund(ctx, prefunded, localnet.Funding{Lamports: 1_000_000})
	require.NoError(t, err)
	_, err = anchor.Fetch(ctx, chain.RPC, "token", solana.TokenProgramID, prefunded, "mint", size)
	require.ErrorIs(t, err, anchor.ErrNotFound)
	require.EqualError(t, err, "fetch token mint "+prefunded.String()+": not created yet (it only holds 1000000 lamports sent to it): account not found")

	_, err = anchor.Fetch(ctx, chain.RPC, "staking", other, mint, "config", size)
	require.EqualError(t, err, "fetch staking config "+mint.String()+": owned by "+solana.TokenProgramID.String()+", not the staking program "+other.String())

	_, err = anchor.Fetch(ctx, chain.RPC, "token", solana.TokenProgramID, mint, "mint", func([]byte) (*int, error) {
		return nil, errors.New("wrong discriminator")
	})
	require.EqualError(t, err, "decode token mint "+mint.String()+": wrong discriminator")
}

func TestDescribed(t *testing.T) {
	addr := solana.NewWallet().PublicKey()
	missing := anchor.Described(fmt.Errorf("fetch jobs job 7 %s: %w", addr, anchor.ErrNotFound), "job 7 does not exist")
	require.EqualError(t, missing, "job 7 does not exist", "the user's words, without the PDA")
	require.ErrorIs(t, missing, anchor.ErrNotFound)
	other := errors.New("rpc down")
	require.Equal(t, other, anchor.Described(other, "job 7 does not exist"))
	require.NoError(t, anchor.Described(nil, "job 7 does not exist"))
}
