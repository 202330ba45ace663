package anchor

import (
	"bytes"
	"fmt"

	"github.com/gagliardetto/solana-go"
)

// PDA is the program derived address of seeds under programID, with the canonical bump (the
// address an Anchor program finds with the same seeds).
func PDA(programID solana.PublicKey, seeds ...[]byte) (solana.PublicKey, error) {
	addr, _, err := PDAWithBump(programID, seeds...)
	return addr, err
}

// PDAWithBump is PDA with its canonical bump, for instructions that take the bump instead of
// searching for it on-chain.
func PDAWithBump(programID solana.PublicKey, seeds ...[]byte) (solana.PublicKey, uint8, error) {
	addr, bump, err := solana.FindProgramAddress(seeds, programID)
	if err != nil {
		return solana.PublicKey{}, 0, fmt.Errorf("derive the PDA of seeds %q under program %s: %w", bytes.Join(seeds, []byte("/")), programID, err)
	}
	return addr, bump, nil
}

// PDAs derives one PDA per seed, each from that seed alone: a program's fixed accounts
// (config, vaults), in the order of seeds.
func PDAs(programID solana.PublicKey, seeds ...[]byte) ([]solana.PublicKey, error) {
	out := make([]solana.PublicKey, len(seeds))
	for i, seed := range seeds {
		addr, err := PDA(programID, seed)
		if err != nil {
			return nil, err
		}
		out[i] = addr
	}
	return out, nil
}

// ProgramDataAddress is programID's ProgramData account (the BPF Loader Upgradeable's PDA
// [programID]), which names its upgrade authority: every program's initialize takes it.
func ProgramDataAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return PDA(solana.BPFLoaderUpgradeableProgramID, programID.Bytes())
}

// SeededAddress is the address of seed under base for accounts owned by programID
// (`sha256(base || seed || programID)`, the System program's create_with_seed), which the
// programs use for records unique per key: no bump to search (ionet_sdk::seeded).
func SeededAddress(programID, base solana.PublicKey, seed string) (solana.PublicKey, error) {
	addr, err := solana.CreateWithSeed(base, seed, programID)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("derive the address of seed %q under %s for program %s: %w", seed, base, programID, err)
	}
	return addr, nil
}

// IDSeed is a seeded address's seed for a record indexed by a number: tag, then the 16
// lowercase hex digits of id (ionet_sdk::seeded::IdSeed).
func IDSeed(tag string, id uint64) string {
	return fmt.Sprintf("%s%016x", tag, id)
}
