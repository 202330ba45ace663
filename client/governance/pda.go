package governance

import (
	"encoding/binary"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/governance/src/state.rs declares them.
var (
	seedGovernance = []byte("governance")
	seedProposal   = []byte("proposal")
	seedVote       = []byte("vote")
)

// GovernanceAddress is the governance PDA of the program at programID.
func GovernanceAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedGovernance)
}

// ProposalAddress is the PDA of proposal id.
func ProposalAddress(programID solana.PublicKey, id uint64) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedProposal, binary.LittleEndian.AppendUint64(nil, id))
}

// VoteRecordAddress is the PDA recording position's vote on proposal.
func VoteRecordAddress(programID, proposal, position solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedVote, proposal.Bytes(), position.Bytes())
}
