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
)

// tagVote is the tag of a vote record's seed (anchor.IDSeed with the proposal id).
const tagVote = "vote"

// GovernanceAddress is the governance PDA of the program at programID.
func GovernanceAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedGovernance)
}

// ProposalAddress is the PDA of proposal id.
func ProposalAddress(programID solana.PublicKey, id uint64) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedProposal, binary.LittleEndian.AppendUint64(nil, id))
}

// VoteRecordAddress is the record of voter's vote (with their stake position) on proposal id:
// the seeded address of "vote" + hex(id) under voter.
func VoteRecordAddress(programID, voter solana.PublicKey, id uint64) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, voter, anchor.IDSeed(tagVote, id))
}
