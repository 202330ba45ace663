package staking

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
)

// BurnLedger is the emission program a slash burns through (its burn_slash instruction) and its
// state PDA, found as the staking program checks them: the state is the IO mint's mint
// authority, and the program is the state's owner.
type BurnLedger struct {
	Program, State solana.PublicKey
}

// FetchBurnLedger reads the IO mint's mint authority and that account's owner. It fails before
// the emission program is set up (the mint authority is then a wallet, not a program's state).
func (c *Client) FetchBurnLedger(ctx context.Context) (BurnLedger, error) {
	mint, err := c.IOMint(ctx)
	if err != nil {
		return BurnLedger{}, fmt.Errorf("find the burn ledger: %w", err)
	}
	m, err := c.sx.FetchMint(ctx, mint)
	if err != nil {
		return BurnLedger{}, fmt.Errorf("find the burn ledger: %w", err)
	}
	if m.MintAuthority == nil {
		return BurnLedger{}, fmt.Errorf("find the burn ledger: IO mint %s has no mint authority: set the emission program up first", mint)
	}
	state := *m.MintAuthority
	info, err := c.sx.RPC.GetAccountInfoWithOpts(ctx, state, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
	if err != nil {
		return BurnLedger{}, fmt.Errorf("find the burn ledger: %w", solanax.WrapRPCError("getAccountInfo", err))
	}
	if info.Value == nil || info.Value.Owner.Equals(solana.SystemProgramID) {
		return BurnLedger{}, fmt.Errorf("find the burn ledger: the IO mint authority %s is not a program's state: set the emission program up first (it takes the mint authority)", state)
	}
	return BurnLedger{Program: info.Value.Owner, State: state}, nil
}
