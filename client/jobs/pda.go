package jobs

import (
	"encoding/binary"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/jobs/src/state.rs declares them.
var (
	seedConfig   = []byte("config")
	seedTreasury = []byte("treasury")
	seedJob      = []byte("job")
	seedEscrow   = []byte("escrow")
	seedCheckers = []byte("checkers")
	seedVault    = []byte("checker_vault")
)

// Tags of the seeds of records at seeded addresses (anchor.SeededAddress), as
// programs/jobs/src/state.rs declares them.
const (
	tagChecker = "checker"
	tagAudit   = "audit"
)

// ConfigAddress is the program's config PDA: it owns the treasuries and is the staking
// program's slasher.
func ConfigAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedConfig)
}

// TreasuryAddress is the fee vault of mint.
func TreasuryAddress(programID, mint solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedTreasury, mint.Bytes())
}

// JobAddress is the PDA of job id.
func JobAddress(programID solana.PublicKey, id uint64) (solana.PublicKey, error) {
	addr, _, err := jobPDA(programID, id)
	return addr, err
}

// jobPDA is JobAddress with its bump (create_job takes it).
func jobPDA(programID solana.PublicKey, id uint64) (solana.PublicKey, uint8, error) {
	return anchor.PDAWithBump(programID, seedJob, binary.LittleEndian.AppendUint64(nil, id))
}

// EscrowAddress is the escrow token account of the job at job.
func EscrowAddress(programID, job solana.PublicKey) (solana.PublicKey, error) {
	addr, _, err := escrowPDA(programID, job)
	return addr, err
}

// escrowPDA is EscrowAddress with its bump (create_job takes it).
func escrowPDA(programID, job solana.PublicKey) (solana.PublicKey, uint8, error) {
	return anchor.PDAWithBump(programID, seedEscrow, job.Bytes())
}

// CheckerAddress is owner's Checker: the seeded address of "checker" under owner.
func CheckerAddress(programID, owner solana.PublicKey) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, owner, tagChecker)
}

// RegistryAddress is the checker registry PDA.
func RegistryAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedCheckers)
}

// CheckerVaultAddress is the IO token account holding checkers' stakes and rewards.
func CheckerVaultAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedVault)
}

// AuditAddress is the Audit of the job at job: the seeded address of "audit" under the job.
func AuditAddress(programID, job solana.PublicKey) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, job, tagAudit)
}
