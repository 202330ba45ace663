package governance

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// The governance PDA's seed, as programs/governance/src/state.rs declares it.
var seedGovernance = []byte("governance")

// The tags of proposals' and vote records' seeds (anchor.IDSeed with the proposal id).
const (
	tagProposal = "proposal"
	tagVote     = "vote"
)

// GovernanceAddress is the governance PDA of the program at programID.
func GovernanceAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedGovernance)
}

// ProposalAddress is proposal id's address: the seeded address of "proposal" + hex(id) under the
// governance PDA.
func ProposalAddress(programID solana.PublicKey, id uint64) (solana.PublicKey, error) {
	governance, err := GovernanceAddress(programID)
	if err != nil {
		return solana.PublicKey{}, err
	}
	return anchor.SeededAddress(programID, governance, anchor.IDSeed(tagProposal, id))
}

// VoteRecordAddress is the record of voter's vote (with their stake position) on proposal id:
// the seeded address of "vote" + hex(id) under voter.
func VoteRecordAddress(programID, voter solana.PublicKey, id uint64) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, voter, anchor.IDSeed(tagVote, id))
}
