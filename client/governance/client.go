package governance

import (
	"context"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Client drives the governance program deployed at ProgramID for the staking program at
// StakingProgram. Safe for concurrent use.
type Client struct {
	ProgramID      solana.PublicKey
	StakingProgram solana.PublicKey
	// Governance is the PDA ["governance"]: the program's settings and the signer of executed
	// actions (the update authority of the governed programs).
	Governance solana.PublicKey

	sx *solanax.Client
}

// New returns a client for the program at programID (gen.ProgramID when zero), voting with
// positions of the staking program at stakingProgram.
func New(sx *solanax.Client, programID, stakingProgram solana.PublicKey) (*Client, error) {
	if programID.IsZero() {
		programID = gen.ProgramID
	}
	gov, err := GovernanceAddress(programID)
	if err != nil {
		return nil, err
	}
	return &Client{ProgramID: programID, StakingProgram: stakingProgram, Governance: gov, sx: sx}, nil
}

// Send sends ixs paid by payer (plus signers), decoding governance program failures into
// *anchor.ProgramError.
func (c *Client) Send(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, "", payer, ixs, nil, solanax.WithSigners(signers...))
}

// sendOne builds one instruction (reporting what failed) and sends it.
func (c *Client) sendOne(ctx context.Context, what string, payer solana.PrivateKey, ix solana.Instruction, err error, signers ...solana.PrivateKey) (*solanax.Result, error) {
	return Errors.Send(ctx, c.sx, c.ProgramID, what, payer, []solana.Instruction{ix}, err, solanax.WithSigners(signers...))
}
