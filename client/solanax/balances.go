package solanax

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
)

// WalletBalances is a wallet's SOL and its token balances in associated token accounts.
type WalletBalances struct {
	Wallet   solana.PublicKey
	Lamports uint64
	Tokens   []TokenBalance // in the order the mints were asked for
}

// TokenBalance is a wallet's balance of one mint, held in its associated token account.
type TokenBalance struct {
	Mint     solana.PublicKey
	Decimals uint8
	Account  solana.PublicKey // the associated token account
	Exists   bool             // false: the account has not been created (balance 0)
	Amount   uint64           // base units
}

// WalletBalances reads wallet's lamports and its associated-token-account balance of each mint
// (Token or Token-2022), in two getMultipleAccounts calls. A mint that does not exist is an
// error: it usually means the wrong cluster.
func (c *Client) WalletBalances(ctx context.Context, wallet solana.PublicKey, mints ...solana.PublicKey) (*WalletBalances, error) {
	first, err := c.multipleAccounts(ctx, append([]solana.PublicKey{wallet}, mints...))
	if err != nil {
		return nil, fmt.Errorf("balances of %s: %w", wallet, err)
	}
	out := &WalletBalances{Wallet: wallet, Tokens: make([]TokenBalance, len(mints))}
	if first[0] != nil {
		out.Lamports = first[0].Lamports
	}
	atas := make([]solana.PublicKey, len(mints))
	for i, mint := range mints {
		m, err := DecodeMint(mint, first[i+1])
		if err != nil {
			return nil, fmt.Errorf("balances of %s: %w (is this the right cluster?)", wallet, err)
		}
		if atas[i], err = AssociatedTokenAddressFor(wallet, mint, first[i+1].Owner); err != nil {
			return nil, err
		}
		out.Tokens[i] = TokenBalance{Mint: mint, Decimals: m.Decimals, Account: atas[i]}
	}
	if len(mints) == 0 {
		return out, nil
	}
	accounts, err := c.multipleAccounts(ctx, atas)
	if err != nil {
		return nil, fmt.Errorf("balances of %s: %w", wallet, err)
	}
	for i, acct := range accounts {
		if acct == nil {
			continue
		}
		ta, err := DecodeTokenAccount(atas[i], acct)
		if err != nil {
			return nil, fmt.Errorf("balances of %s: %w", wallet, err)
		}
		out.Tokens[i].Exists, out.Tokens[i].Amount = true, ta.Amount
	}
	return out, nil
}

func (c *Client) multipleAccounts(ctx context.Context, keys []solana.PublicKey) ([]*rpc.Account, error) {
	got, err := c.RPC.GetMultipleAccountsWithOpts(ctx, keys, &rpc.GetMultipleAccountsOpts{
		Encoding: solana.EncodingBase64, Commitment: c.commitment,
	})
	if err != nil {
		return nil, WrapRPCError("getMultipleAccounts", err)
	}
	if len(got.Value) != len(keys) {
		return nil, fmt.Errorf("getMultipleAccounts: asked for %d accounts, got %d", len(keys), len(got.Value))
	}
	return got.Value, nil
}
