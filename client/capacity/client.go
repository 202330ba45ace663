package capacity

import (
	"context"
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Client drives the capacity program deployed at ProgramID, challenging devices registered with
// the staking program at StakingProgram. Safe for concurrent use.
type Client struct {
	ProgramID      solana.PublicKey
	StakingProgram solana.PublicKey
	// Config is the PDA ["config"].
	Config solana.PublicKey

	sx *solanax.Client
}

// New returns a client for the program at programID (gen.ProgramID when zero).
func New(sx *solanax.Client, programID, stakingProgram solana.PublicKey) (*Client, error) {
	if programID.IsZero() {
		programID = gen.ProgramID
	}
	cfg, err := ConfigAddress(programID)
	if err != nil {
		return nil, err
	}
	return &Client{ProgramID: programID, StakingProgram: stakingProgram, Config: cfg, sx: sx}, nil
}

// Solana is the client's RPC connection.
func (c *Client) Solana() *solanax.Client { return c.sx }

// Errors is the capacity program's error table (the IDL's): it decodes the capacity instruction
// failures into *anchor.ProgramError.
var Errors = anchor.MustErrors("capacity", gen.IDL)

// ErrorName is the capacity program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return Errors.Name(err) }

// Send sends ixs paid by payer (plus signers), decoding capacity program failures.
func (c *Client) Send(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, opts ...solanax.TxOption) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, "", payer, ixs, nil, opts...)
}

func (c *Client) sendOne(ctx context.Context, what string, payer solana.PrivateKey, ix solana.Instruction, err error, opts ...solanax.TxOption) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, what, payer, []solana.Instruction{ix}, err, opts...)
}
