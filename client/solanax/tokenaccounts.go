package solanax

import (
	"context"
	"errors"
	"fmt"

	bin "github.com/gagliardetto/binary"
	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/token"
	"github.com/gagliardetto/solana-go/rpc"
)

// ErrAccountNotFound is wrapped when an account that should exist does not.
var ErrAccountNotFound = errors.New("account not found")

// FetchMint reads and decodes a mint account.
func (c *Client) FetchMint(ctx context.Context, mint solana.PublicKey) (*token.Mint, error) {
	acct, err := c.fetchAccount(ctx, mint)
	if err != nil {
		return nil, fmt.Errorf("fetch mint: %w", err)
	}
	return DecodeMint(mint, acct)
}

// FetchTokenAccount reads and decodes a token account.
func (c *Client) FetchTokenAccount(ctx context.Context, addr solana.PublicKey) (*token.Account, error) {
	acct, err := c.fetchAccount(ctx, addr)
	if err != nil {
		return nil, fmt.Errorf("fetch token account: %w", err)
	}
	return DecodeTokenAccount(addr, acct)
}

func (c *Client) fetchAccount(ctx context.Context, addr solana.PublicKey) (*rpc.Account, error) {
	got, err := c.RPC.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{
		Encoding: solana.EncodingBase64, Commitment: c.commitment,
	})
	if errors.Is(err, rpc.ErrNotFound) {
		return nil, fmt.Errorf("%s: %w", addr, ErrAccountNotFound)
	}
	if err != nil {
		return nil, WrapRPCError("getAccountInfo", err)
	}
	return got.Value, nil
}

// DecodeMint decodes account data of a Token or Token-2022 mint (the base layout both share).
// acct nil means the account does not exist.
func DecodeMint(addr solana.PublicKey, acct *rpc.Account) (*token.Mint, error) {
	data, err := tokenProgramData(addr, acct, MintSize, "mint")
	if err != nil {
		return nil, err
	}
	var mint token.Mint
	if err := bin.NewBinDecoder(data[:MintSize]).Decode(&mint); err != nil {
		return nil, fmt.Errorf("decode mint %s: %w", addr, err)
	}
	if !mint.IsInitialized {
		return nil, fmt.Errorf("mint %s is not initialised", addr)
	}
	return &mint, nil
}

// DecodeTokenAccount decodes account data of a Token or Token-2022 token account.
// acct nil means the account does not exist.
func DecodeTokenAccount(addr solana.PublicKey, acct *rpc.Account) (*token.Account, error) {
	data, err := tokenProgramData(addr, acct, TokenAccountSize, "token account")
	if err != nil {
		return nil, err
	}
	var ta token.Account
	if err := bin.NewBinDecoder(data[:TokenAccountSize]).Decode(&ta); err != nil {
		return nil, fmt.Errorf("decode token account %s: %w", addr, err)
	}
	if ta.State == token.Uninitialized {
		return nil, fmt.Errorf("token account %s is not initialised", addr)
	}
	return &ta, nil
}

// tokenProgramData checks that acct exists, belongs to a token program and is large enough.
func tokenProgramData(addr solana.PublicKey, acct *rpc.Account, size int, what string) ([]byte, error) {
	if acct == nil {
		return nil, fmt.Errorf("%s %s: %w", what, addr, ErrAccountNotFound)
	}
	if !acct.Owner.Equals(TokenProgramID) && !acct.Owner.Equals(Token2022ProgramID) {
		return nil, fmt.Errorf("%s is not a %s: it is owned by %s, not a token program", addr, what, acct.Owner)
	}
	data := acct.Data.GetBinary()
	if len(data) < size {
		return nil, fmt.Errorf("%s is not a %s: %d bytes of data, want %d", addr, what, len(data), size)
	}
	return data, nil
}
