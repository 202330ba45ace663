package solanax

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/token"
)

// CreateMint creates a classic SPL Token mint at mint's address (mint signs) with the given
// authority and decimals and no freeze authority; payer pays rent and fees.
func (c *Client) CreateMint(ctx context.Context, payer, mint solana.PrivateKey, mintAuthority solana.PublicKey, decimals uint8, opts ...TxOption) (*Result, error) {
	rent, err := c.RPC.GetMinimumBalanceForRentExemption(ctx, MintSize, c.commitment)
	if err != nil {
		return nil, fmt.Errorf("create mint: %w", WrapRPCError("getMinimumBalanceForRentExemption", err))
	}
	ixs := CreateMintInstructions(payer.PublicKey(), mint.PublicKey(), mintAuthority, nil, decimals, rent)
	res, err := c.Send(ctx, payer, ixs, append(opts, WithSigners(mint))...)
	if err != nil {
		return nil, fmt.Errorf("create mint %s: %w", mint.PublicKey(), err)
	}
	return res, nil
}

// TransferTokens moves amount base units of mint from owner's associated token account to
// recipient's, creating the recipient's account if needed. payer pays fees and rent.
func (c *Client) TransferTokens(ctx context.Context, payer, owner solana.PrivateKey, mint, recipient solana.PublicKey, amount uint64, opts ...TxOption) (*Result, error) {
	m, err := c.classicMint(ctx, mint)
	if err != nil {
		return nil, fmt.Errorf("transfer tokens: %w", err)
	}
	source, err := AssociatedTokenAddress(owner.PublicKey(), mint)
	if err != nil {
		return nil, fmt.Errorf("transfer tokens: %w", err)
	}
	create, dest, err := createATA(payer.PublicKey(), recipient, mint)
	if err != nil {
		return nil, fmt.Errorf("transfer tokens: %w", err)
	}
	ixs := []solana.Instruction{create, TransferChecked(source, mint, dest, owner.PublicKey(), amount, m.Decimals)}
	res, err := c.Send(ctx, payer, ixs, append(opts, WithSigners(owner))...)
	if err != nil {
		return nil, fmt.Errorf("transfer %s of mint %s to %s: %w", FormatAmount(amount, m.Decimals), mint, recipient, err)
	}
	return res, nil
}

// MintTokens mints amount base units of mint to recipient's associated token account, creating
// it if needed; authority is the mint authority, payer pays fees and rent.
func (c *Client) MintTokens(ctx context.Context, payer, authority solana.PrivateKey, mint, recipient solana.PublicKey, amount uint64, opts ...TxOption) (*Result, error) {
	m, err := c.classicMint(ctx, mint)
	if err != nil {
		return nil, fmt.Errorf("mint tokens: %w", err)
	}
	create, dest, err := createATA(payer.PublicKey(), recipient, mint)
	if err != nil {
		return nil, fmt.Errorf("mint tokens: %w", err)
	}
	ixs := []solana.Instruction{create, MintTo(mint, dest, authority.PublicKey(), amount, m.Decimals)}
	res, err := c.Send(ctx, payer, ixs, append(opts, WithSigners(authority))...)
	if err != nil {
		return nil, fmt.Errorf("mint %s of %s to %s: %w", FormatAmount(amount, m.Decimals), mint, recipient, err)
	}
	return res, nil
}

// classicMint fetches a mint and insists it belongs to the classic Token program, the one the
// instruction builders here target.
func (c *Client) classicMint(ctx context.Context, mint solana.PublicKey) (*token.Mint, error) {
	acct, err := c.fetchAccount(ctx, mint)
	if err != nil {
		return nil, fmt.Errorf("fetch mint: %w", err)
	}
	if acct.Owner.Equals(Token2022ProgramID) {
		return nil, fmt.Errorf("mint %s is a Token-2022 mint; only classic SPL Token mints are supported here", mint)
	}
	return DecodeMint(mint, acct)
}

// createATA returns the idempotent create instruction for owner's associated token account
// and that account's address.
func createATA(payer, owner, mint solana.PublicKey) (solana.Instruction, solana.PublicKey, error) {
	ata, err := AssociatedTokenAddress(owner, mint)
	if err != nil {
		return nil, solana.PublicKey{}, err
	}
	create, err := CreateAssociatedTokenAccountIdempotent(payer, owner, mint, TokenProgramID)
	if err != nil {
		return nil, solana.PublicKey{}, err
	}
	return create, ata, nil
}
