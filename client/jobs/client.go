package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// Client drives the jobs program deployed at ProgramID. Safe for concurrent use.
type Client struct {
	ProgramID solana.PublicKey
	// Config is the program's config PDA.
	Config solana.PublicKey
	// Registry is the checker registry PDA; CheckerVault the IO token account PDA holding
	// checkers' stakes and rewards (both created by initialize).
	Registry, CheckerVault solana.PublicKey
	// Staking is the staking program the jobs program reads devices from and slashes through.
	Staking *staking.Client

	sx    *solanax.Client
	mu    sync.Mutex
	fixed *Fixed // the config's fields that never change, read once
}

// Fixed are the config fields set at initialisation that never change.
type Fixed struct {
	IOMint, USDCMint         solana.PublicKey
	IOTreasury, USDCTreasury solana.PublicKey
	StakingProgram           solana.PublicKey
	// Ledger is the emission program slashes burn through (read from the IO mint authority);
	// zero until the emission program is set up.
	Ledger staking.BurnLedger
}

// New returns a client for the program at programID (gen.ProgramID when zero) that reads
// devices from stk's program, reached through sx.
func New(sx *solanax.Client, programID solana.PublicKey, stk *staking.Client) (*Client, error) {
	if programID.IsZero() {
		programID = gen.ProgramID
	}
	cfg, err := ConfigAddress(programID)
	if err != nil {
		return nil, err
	}
	registry, err := RegistryAddress(programID)
	if err != nil {
		return nil, err
	}
	vault, err := CheckerVaultAddress(programID)
	if err != nil {
		return nil, err
	}
	return &Client{ProgramID: programID, Config: cfg, Registry: registry, CheckerVault: vault, Staking: stk, sx: sx}, nil
}

// Solana is the client's connection.
func (c *Client) Solana() *solanax.Client { return c.sx }

// Fixed reads the config's unchanging fields on first use.
func (c *Client) Fixed(ctx context.Context) (*Fixed, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed == nil {
		cfg, err := c.FetchConfig(ctx)
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("jobs program %s is not initialised: %w", c.ProgramID, err)
		}
		if err != nil {
			return nil, err
		}
		c.fixed = &Fixed{IOMint: cfg.IoMint, USDCMint: cfg.UsdcMint, IOTreasury: cfg.IoTreasury, USDCTreasury: cfg.UsdcTreasury, StakingProgram: cfg.StakingProgram}
	}
	if c.fixed.Ledger.Program.IsZero() {
		// Only slashes need it, and it exists once the emission program is set up: until then
		// Ledger stays zero (and the slashing instructions say so) and is looked up again.
		if ledger, err := c.Staking.FetchBurnLedger(ctx); err == nil {
			fixed := *c.fixed
			fixed.Ledger = ledger
			c.fixed = &fixed
		}
	}
	return c.fixed, nil
}

// TreasuryFor is the fee vault of mint (IO or USDC).
func (f *Fixed) TreasuryFor(mint solana.PublicKey) (solana.PublicKey, error) {
	switch {
	case mint.Equals(f.IOMint):
		return f.IOTreasury, nil
	case mint.Equals(f.USDCMint):
		return f.USDCTreasury, nil
	}
	return solana.PublicKey{}, fmt.Errorf("mint %s is neither the IO mint %s nor the USDC mint %s", mint, f.IOMint, f.USDCMint)
}

// Send sends ixs paid by payer (plus signers), decoding jobs program failures into
// *anchor.ProgramError.
func (c *Client) Send(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, "", payer, ixs, nil, solanax.WithSigners(signers...))
}

// sendOne sends the instructions one builder made (reporting what failed).
func (c *Client) sendOne(ctx context.Context, what string, payer solana.PrivateKey, ixs []solana.Instruction, err error, signers ...solana.PrivateKey) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, what, payer, ixs, err, solanax.WithSigners(signers...))
}
