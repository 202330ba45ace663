package capacity

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/client/staking"
)

// InitializeInstruction creates the config naming authority (who may update the parameters);
// payer must be the program's upgrade authority.
func (c *Client) InitializeInstruction(payer, authority solana.PublicKey, params gen.CapacityParams) (solana.Instruction, error) {
	programData, err := anchor.ProgramDataAddress(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewInitializeInstruction(authority, params, payer, c.Config, c.StakingProgram, programData, solana.SystemProgramID)
	return anchor.At("capacity", c.ProgramID, ix, err)
}

// UpdateParamsInstruction changes the parameters; authority signs.
func (c *Client) UpdateParamsInstruction(authority solana.PublicKey, params gen.CapacityParams) (solana.Instruction, error) {
	ix, err := gen.NewUpdateParamsInstruction(params, authority, c.Config)
	return anchor.At("capacity", c.ProgramID, ix, err)
}

// RequestChallengeInstruction opens a challenge for deviceKey; payer pays (the record's rent the
// first time).
func (c *Client) RequestChallengeInstruction(payer, deviceKey solana.PublicKey) (solana.Instruction, error) {
	device, err := staking.DeviceAddress(c.StakingProgram, deviceKey)
	if err != nil {
		return nil, err
	}
	record, err := RecordAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewRequestChallengeInstruction(payer, c.Config, deviceKey, device, record, solana.SystemProgramID)
	return anchor.At("capacity", c.ProgramID, ix, err)
}

// CommitInstruction commits root for deviceKey's open challenge.
func (c *Client) CommitInstruction(deviceKey solana.PublicKey, root [32]byte) (solana.Instruction, error) {
	record, err := RecordAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewCommitInstruction(root, deviceKey, record, solana.SysVarSlotHashesPubkey)
	return anchor.At("capacity", c.ProgramID, ix, err)
}

// ProveInstruction proves openings of deviceKey's committed challenge.
func (c *Client) ProveInstruction(deviceKey solana.PublicKey, openings []pow.Opening) (solana.Instruction, error) {
	record, err := RecordAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	entries := make([]gen.ProvedEntry, len(openings))
	for i, o := range openings {
		entries[i] = gen.ProvedEntry{M: o.M, Value: o.Value, Path: o.Path}
	}
	ix, err := gen.NewProveInstruction(entries, deviceKey, record, solana.SysVarSlotHashesPubkey)
	return anchor.At("capacity", c.ProgramID, ix, err)
}

// ExpireInstruction closes deviceKey's overdue challenge as missed.
func (c *Client) ExpireInstruction(deviceKey solana.PublicKey) (solana.Instruction, error) {
	record, err := RecordAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewExpireInstruction(record)
	return anchor.At("capacity", c.ProgramID, ix, err)
}
