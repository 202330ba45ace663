package solanax_test

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
)

// tokenOwnerMismatch is SPL Token's TokenError::OwnerMismatch.
const tokenOwnerMismatch = 4

func TestTokenLifecycle(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	payer := newWallet(t, localnet.Funding{Lamports: 2 * sol})
	authority, mintKey := solana.NewWallet().PrivateKey, solana.NewWallet().PrivateKey
	mint := mintKey.PublicKey()
	alice, bob := solana.NewWallet().PrivateKey, newAddress(t)

	_, err := c.CreateMint(ctx, payer, mintKey, authority.PublicKey(), solanax.IODecimals)
	require.NoError(t, err)
	m, err := c.FetchMint(ctx, mint)
	require.NoError(t, err)
	assert.Equal(t, solanax.IODecimals, m.Decimals)
	assert.Zero(t, m.Supply)
	require.NotNil(t, m.MintAuthority)
	assert.Equal(t, authority.PublicKey(), *m.MintAuthority)
	assert.Nil(t, m.FreezeAuthority)

	amount, err := solanax.ParseAmount("1234.5", solanax.IODecimals)
	require.NoError(t, err)
	_, err = c.MintTokens(ctx, payer, authority, mint, alice.PublicKey(), amount)
	require.NoError(t, err)
	// Minting again reuses the account: CreateIdempotent succeeds when it exists.
	_, err = c.MintTokens(ctx, payer, authority, mint, alice.PublicKey(), 1)
	require.NoError(t, err)

	aliceATA, err := solanax.AssociatedTokenAddress(alice.PublicKey(), mint)
	require.NoError(t, err)
	acct, err := c.FetchTokenAccount(ctx, aliceATA)
	require.NoError(t, err)
	assert.Equal(t, amount+1, acct.Amount)
	assert.Equal(t, alice.PublicKey(), acct.Owner)
	assert.Equal(t, mint, acct.Mint)

	_, err = c.TransferTokens(ctx, payer, alice, mint, bob, 100_000_001)
	require.NoError(t, err)

	balances, err := c.WalletBalances(ctx, bob, mint)
	require.NoError(t, err)
	require.Len(t, balances.Tokens, 1)
	bobATA, err := solanax.AssociatedTokenAddress(bob, mint)
	require.NoError(t, err)
	assert.Equal(t, solanax.TokenBalance{Mint: mint, Decimals: solanax.IODecimals, Account: bobATA, Exists: true, Amount: 100_000_001}, balances.Tokens[0])
	assert.Zero(t, balances.Lamports, "bob never held SOL; the payer paid the rent")

	m, err = c.FetchMint(ctx, mint)
	require.NoError(t, err)
	assert.Equal(t, amount+1, m.Supply)

	t.Run("wallet without a token account", func(t *testing.T) {
		got, err := c.WalletBalances(ctx, payer.PublicKey(), mint)
		require.NoError(t, err)
		assert.False(t, got.Tokens[0].Exists)
		assert.Zero(t, got.Tokens[0].Amount)
		assert.NotZero(t, got.Lamports)
	})
	t.Run("wrong mint authority", func(t *testing.T) {
		impostor := solana.NewWallet().PrivateKey
		_, err := c.MintTokens(ctx, payer, impostor, mint, alice.PublicKey(), 1)
		code, ok := solanax.CustomCode(err, solanax.TokenProgramID)
		require.True(t, ok, "error: %v", err)
		assert.Equal(t, uint32(tokenOwnerMismatch), code)
		acct, err := c.FetchTokenAccount(ctx, aliceATA)
		require.NoError(t, err)
		assert.Equal(t, amount+1-100_000_001, acct.Amount, "unchanged")
	})
	t.Run("transfer more than held", func(t *testing.T) {
		_, err := c.TransferTokens(ctx, payer, alice, mint, bob, amount)
		code, ok := solanax.CustomCode(err, solanax.TokenProgramID)
		require.True(t, ok, "error: %v", err)
		assert.Equal(t, uint32(1), code, "TokenError::InsufficientFunds")
	})
}

func TestFetchTokenErrors(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	wallet := newWallet(t, localnet.Funding{Lamports: sol})

	_, err := c.FetchMint(ctx, newAddress(t))
	require.ErrorIs(t, err, solanax.ErrAccountNotFound)

	_, err = c.FetchMint(ctx, wallet.PublicKey())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not a mint: it is owned by 11111111111111111111111111111111")

	_, err = c.FetchTokenAccount(ctx, testChain(t).Manifest.Mints.IO.Address)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not a token account: 82 bytes of data, want 165")

	_, err = c.WalletBalances(ctx, wallet.PublicKey(), newAddress(t))
	require.ErrorIs(t, err, solanax.ErrAccountNotFound)
	assert.Contains(t, err.Error(), "is this the right cluster?")

	_, err = c.TransferTokens(ctx, wallet, wallet, wallet.PublicKey(), newAddress(t), 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not a mint")
}

func TestLocalnetGenesisBalances(t *testing.T) {
	c := newTestClient(t)
	m := testChain(t).Manifest
	got, err := c.WalletBalances(testContext(t), m.Wallets["alice"].Pubkey, m.Mints.IO.Address, m.Mints.USDC.Address)
	require.NoError(t, err)
	assert.Equal(t, localnet.WalletFunding.Lamports, got.Lamports)
	assert.Equal(t, solanax.TokenBalance{Mint: m.Mints.IO.Address, Decimals: solanax.IODecimals, Account: m.Wallets["alice"].IOAccount,
		Exists: true, Amount: localnet.WalletFunding.IO}, got.Tokens[0])
	assert.Equal(t, solanax.TokenBalance{Mint: m.Mints.USDC.Address, Decimals: solanax.USDCDecimals, Account: m.Wallets["alice"].USDCAccount,
		Exists: true, Amount: localnet.WalletFunding.USDC}, got.Tokens[1])
}
