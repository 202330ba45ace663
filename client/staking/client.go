package staking

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Client drives the staking program deployed at ProgramID. Safe for concurrent use.
type Client struct {
	ProgramID solana.PublicKey
	Addresses Addresses

	sx     *solanax.Client
	mu     sync.Mutex
	ioMint solana.PublicKey // from the config, read once: it never changes
}

// New returns a client for the program at programID (gen.ProgramID, the IDL's address, when
// zero) reached through sx.
func New(sx *solanax.Client, programID solana.PublicKey) (*Client, error) {
	if programID.IsZero() {
		programID = gen.ProgramID
	}
	addrs, err := ProgramAddresses(programID)
	if err != nil {
		return nil, err
	}
	return &Client{ProgramID: programID, Addresses: addrs, sx: sx}, nil
}

// IOMint is the mint the program stakes, read from its config on first use.
func (c *Client) IOMint(ctx context.Context) (solana.PublicKey, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ioMint.IsZero() {
		cfg, err := c.FetchConfig(ctx)
		if errors.Is(err, ErrNotFound) {
			return solana.PublicKey{}, fmt.Errorf("staking program %s is not initialised: %w", c.ProgramID, err)
		}
		if err != nil {
			return solana.PublicKey{}, err
		}
		c.ioMint = cfg.IoMint
	}
	return c.ioMint, nil
}

// IOAccount is owner's associated IO token account.
func (c *Client) IOAccount(ctx context.Context, owner solana.PublicKey) (solana.PublicKey, error) {
	mint, err := c.IOMint(ctx)
	if err != nil {
		return solana.PublicKey{}, err
	}
	return solanax.AssociatedTokenAddress(owner, mint)
}

// Send sends ixs paid by payer (plus signers), decoding staking program failures into
// *anchor.ProgramError.
func (c *Client) Send(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, "", payer, ixs, nil, solanax.WithSigners(signers...))
}

// sendOne builds one instruction (reporting what failed) and sends it.
func (c *Client) sendOne(ctx context.Context, what string, payer solana.PrivateKey, ix solana.Instruction, err error, signers ...solana.PrivateKey) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, what, payer, []solana.Instruction{ix}, err, solanax.WithSigners(signers...))
}

// sendWithIO builds one instruction from signer's IO token account and sends it (signer signs
// and pays).
func (c *Client) sendWithIO(ctx context.Context, what string, signer solana.PrivateKey, build func(token solana.PublicKey) (solana.Instruction, error)) (*solanax.Result, error) {
	token, err := c.IOAccount(ctx, signer.PublicKey())
	if err != nil {
		return nil, err
	}
	ix, err := build(token)
	return c.sendOne(ctx, what, signer, ix, err)
}
