package emission

import (
	"context"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// Client drives the emission program deployed at ProgramID, which funds the staking program
// Staking drives. Safe for concurrent use.
type Client struct {
	ProgramID solana.PublicKey
	Addresses Addresses
	Staking   *staking.Client

	sx *solanax.Client
}

// New returns a client for the emission program at programID (gen.ProgramID, the IDL's address,
// when zero) and the staking program at stakingID (its IDL's address when zero), through sx.
func New(sx *solanax.Client, programID, stakingID solana.PublicKey) (*Client, error) {
	if programID.IsZero() {
		programID = gen.ProgramID
	}
	addrs, err := ProgramAddresses(programID)
	if err != nil {
		return nil, err
	}
	stk, err := staking.New(sx, stakingID)
	if err != nil {
		return nil, err
	}
	return &Client{ProgramID: programID, Addresses: addrs, Staking: stk, sx: sx}, nil
}

// Solana is the underlying send/confirm client.
func (c *Client) Solana() *solanax.Client { return c.sx }

// Send sends ixs paid by payer (plus signers), decoding emission program failures into
// *anchor.ProgramError.
func (c *Client) Send(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, opts ...solanax.TxOption) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, "", payer, ixs, nil, opts...)
}

// sendOne builds one instruction (reporting what failed) and sends it.
func (c *Client) sendOne(ctx context.Context, what string, payer solana.PrivateKey, ix solana.Instruction, err error, opts ...solanax.TxOption) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, what, payer, []solana.Instruction{ix}, err, opts...)
}
