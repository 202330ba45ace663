package governance

import (
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// Instruction builders: gen's builders with the PDAs and fixed programs filled in, each put at
// c.ProgramID by anchor.At (gen's builders name the IDL's address).

// InitializeInstruction creates the governance PDA governing the staking program and the jobs
// and emission programs named; payer, who must be the program's upgrade authority, pays its
// rent.
func (c *Client) InitializeInstruction(payer, jobsProgram, emissionProgram, capacityProgram solana.PublicKey, params gen.GovernanceParams) (solana.Instruction, error) {
	programData, err := anchor.ProgramDataAddress(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewInitializeInstruction(params, payer, c.Governance, c.StakingProgram, programData, solana.SystemProgramID, jobsProgram, emissionProgram, capacityProgram)
	return anchor.At("governance", c.ProgramID, ix, err)
}

// UpdateConfigInstruction changes governance's own parameters: only useful as a proposal action
// (the governance PDA signs it).
func (c *Client) UpdateConfigInstruction(params gen.GovernanceParams) (solana.Instruction, error) {
	ix, err := gen.NewUpdateConfigInstruction(params, c.Governance)
	return anchor.At("governance", c.ProgramID, ix, err)
}

// Proposal is what create_proposal takes.
type Proposal struct {
	Title string
	// URI of the full text, whose SHA-256 is DescriptionHash.
	URI             string
	DescriptionHash [32]byte
	Actions         []gen.ProposalAction
}

// CreateProposalInstruction opens proposal id (the governance's proposal_count) for proposer.
func (c *Client) CreateProposalInstruction(proposer solana.PublicKey, id uint64, p Proposal) (solana.Instruction, error) {
	addr, err := ProposalAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	position, err := staking.PositionAddress(c.StakingProgram, proposer)
	if err != nil {
		return nil, err
	}
	stakingConfig, err := c.stakingConfig()
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewCreateProposalInstruction(p.Title, p.URI, p.DescriptionHash, p.Actions,
		proposer, c.Governance, addr, position, stakingConfig, solana.SystemProgramID)
	ix, err = anchor.At("governance", c.ProgramID, ix, err)
	if err != nil {
		return nil, err
	}
	// The program checks each action against its target's bounds (check_params): it needs each
	// target program and config (the action's second account), in action order.
	metas := ix.Accounts()
	for _, a := range p.Actions {
		if IsUpgrade(a.ProgramId) && len(a.Accounts) >= 3 { // its ProgramData, program and buffer
			metas = append(metas, solana.Meta(a.Accounts[0].Pubkey), solana.Meta(a.Accounts[1].Pubkey), solana.Meta(a.Accounts[2].Pubkey))
			continue
		}
		if a.ProgramId.Equals(c.ProgramID) || len(a.Accounts) < 2 {
			continue
		}
		metas = append(metas, solana.Meta(a.ProgramId), solana.Meta(a.Accounts[1].Pubkey))
	}
	data, err := ix.Data()
	if err != nil {
		return nil, fmt.Errorf("build governance instruction: %w", err)
	}
	return solana.NewInstruction(c.ProgramID, metas, data), nil
}

// CastVoteInstruction votes with voter's stake position on proposal id.
func (c *Client) CastVoteInstruction(voter solana.PublicKey, id uint64, choice Choice) (solana.Instruction, error) {
	proposal, err := ProposalAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	position, err := staking.PositionAddress(c.StakingProgram, voter)
	if err != nil {
		return nil, err
	}
	record, err := VoteRecordAddress(c.ProgramID, voter, id)
	if err != nil {
		return nil, err
	}
	stakingConfig, err := c.stakingConfig()
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewCastVoteInstruction(uint8(choice), voter, c.Governance, proposal, position, record, stakingConfig, c.StakingProgram, solana.SystemProgramID)
	return anchor.At("governance", c.ProgramID, ix, err)
}

func (c *Client) FinalizeInstruction(id uint64) (solana.Instruction, error) {
	proposal, err := ProposalAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewFinalizeInstruction(proposal)
	return anchor.At("governance", c.ProgramID, ix, err)
}

// ExecuteInstruction runs the stored actions of proposal p (fetched): each action's program and
// accounts follow the proposal, as the program expects them.
func (c *Client) ExecuteInstruction(p *gen.Proposal) (solana.Instruction, error) {
	proposal, err := ProposalAddress(c.ProgramID, p.Id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewExecuteInstruction(c.Governance, proposal)
	ix, err = anchor.At("governance", c.ProgramID, ix, err)
	if err != nil {
		return nil, err
	}
	metas := ix.Accounts()
	for _, a := range p.Actions[:p.ActionCount] {
		metas = append(metas, solana.Meta(a.ProgramId))
		for _, acct := range a.Accounts[:a.AccountCount] {
			meta := solana.Meta(acct.Pubkey)
			if acct.IsWritable == 1 {
				meta = meta.WRITE()
			}
			metas = append(metas, meta) // the governance PDA signs by CPI, not in the transaction
		}
		if IsUpgrade(a.ProgramId) { // the loader's fixed accounts; the governance PDA signs
			metas = append(metas, solana.Meta(solana.SysVarRentPubkey), solana.Meta(solana.SysVarClockPubkey))
		}
	}
	data, err := ix.Data()
	if err != nil {
		return nil, fmt.Errorf("build governance instruction: %w", err)
	}
	return solana.NewInstruction(c.ProgramID, metas, data), nil
}

func (c *Client) CancelInstruction(proposer solana.PublicKey, id uint64) (solana.Instruction, error) {
	proposal, err := ProposalAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewCancelInstruction(proposer, proposal)
	return anchor.At("governance", c.ProgramID, ix, err)
}

func (c *Client) stakingConfig() (solana.PublicKey, error) {
	addrs, err := staking.ProgramAddresses(c.StakingProgram)
	if err != nil {
		return solana.PublicKey{}, err
	}
	return addrs.Config, nil
}

// ActionFrom turns an instruction into a proposal action. Its signer accounts must be the
// governance PDA (the only signature an executed proposal has).
func (c *Client) ActionFrom(ix solana.Instruction) (gen.ProposalAction, error) {
	data, err := ix.Data()
	if err != nil {
		return gen.ProposalAction{}, fmt.Errorf("proposal action: %w", err)
	}
	a := gen.ProposalAction{ProgramId: ix.ProgramID(), Data: data}
	for _, m := range ix.Accounts() {
		if m.IsSigner && !m.PublicKey.Equals(c.Governance) {
			return gen.ProposalAction{}, fmt.Errorf("proposal action for %s: signer %s is not the governance PDA %s", ix.ProgramID(), m.PublicKey, c.Governance)
		}
		a.Accounts = append(a.Accounts, gen.ProposalAccountMeta{Pubkey: m.PublicKey, IsSigner: m.IsSigner, IsWritable: m.IsWritable})
	}
	return a, nil
}
