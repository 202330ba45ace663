package governance

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Operations: build, send, confirm. Failures of the program come back as *ProgramError.

// Initialize creates the governance PDA with params; payer (the program's upgrade authority) pays.
func (c *Client) Initialize(ctx context.Context, payer solana.PrivateKey, jobsProgram, emissionProgram, capacityProgram solana.PublicKey, params gen.GovernanceParams) (*solanax.Result, error) {
	ix, err := c.InitializeInstruction(payer.PublicKey(), jobsProgram, emissionProgram, capacityProgram, params)
	return c.sendOne(ctx, "initialize governance", payer, ix, err)
}

// CreateProposal opens the next proposal for proposer and returns its id.
func (c *Client) CreateProposal(ctx context.Context, proposer solana.PrivateKey, p Proposal) (uint64, *solanax.Result, error) {
	gov, err := c.FetchGovernance(ctx)
	if err != nil {
		return 0, nil, err
	}
	id := gov.ProposalCount
	ix, err := c.CreateProposalInstruction(proposer.PublicKey(), id, p)
	var targets []solana.PublicKey
	for _, a := range p.Actions {
		targets = append(targets, a.ProgramId)
	}
	res, err := c.sendBudgeted(ctx, fmt.Sprintf("create proposal %d", id), proposer, ix, err, hasUpgrade(targets...))
	return id, res, err
}

// CastVote votes with voter's stake position on proposal id.
func (c *Client) CastVote(ctx context.Context, voter solana.PrivateKey, id uint64, choice Choice) (*solanax.Result, error) {
	ix, err := c.CastVoteInstruction(voter.PublicKey(), id, choice)
	return c.sendOne(ctx, fmt.Sprintf("vote %s on proposal %d", choice, id), voter, ix, err)
}

// Finalize settles proposal id after its voting period; payer pays the fee.
func (c *Client) Finalize(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	ix, err := c.FinalizeInstruction(id)
	return c.sendOne(ctx, fmt.Sprintf("finalize proposal %d", id), payer, ix, err)
}

// Execute runs proposal id's actions after its timelock; payer pays the fee.
func (c *Client) Execute(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	p, err := c.FetchProposal(ctx, id)
	if err != nil {
		return nil, err
	}
	ix, err := c.ExecuteInstruction(p)
	return c.sendBudgeted(ctx, fmt.Sprintf("execute proposal %d", id), payer, ix, err, HasUpgrade(p))
}

// Cancel withdraws proposer's proposal id while nobody has voted.
func (c *Client) Cancel(ctx context.Context, proposer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	ix, err := c.CancelInstruction(proposer.PublicKey(), id)
	return c.sendOne(ctx, fmt.Sprintf("cancel proposal %d", id), proposer, ix, err)
}

func (c *Client) voteRecordOf(id uint64, voter solana.PublicKey) (solana.PublicKey, error) {
	return VoteRecordAddress(c.ProgramID, voter, id)
}

// sendBudgeted is sendOne with UpgradeComputeUnits when upgrade actions hash their buffers.
func (c *Client) sendBudgeted(ctx context.Context, what string, payer solana.PrivateKey, ix solana.Instruction, err error, upgrades bool) (*solanax.Result, error) {
	if !upgrades {
		return c.sendOne(ctx, what, payer, ix, err)
	}
	return Errors.Send(ctx, c.sx, c.ProgramID, what, payer, []solana.Instruction{ix}, err, solanax.WithComputeUnitLimit(UpgradeComputeUnits))
}
