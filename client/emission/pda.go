package emission

import (
	"encoding/binary"
	"fmt"

	"github.com/gagliardetto/solana-go"
)

// PDA seeds, as programs/emission/src/state.rs declares them.
var (
	seedState         = []byte("emission")
	seedStakerVault   = []byte("staker_vault")
	seedSupplierVault = []byte("supplier_vault")
	seedBurn          = []byte("burn")
)

// Addresses are the program's PDAs that do not depend on a burn index.
type Addresses struct {
	// State is the schedule and ledger account; it is also the IO mint authority.
	State         solana.PublicKey
	StakerVault   solana.PublicKey
	SupplierVault solana.PublicKey
}

// ProgramAddresses derives the state and vault PDAs of the program deployed at programID.
func ProgramAddresses(programID solana.PublicKey) (Addresses, error) {
	var a Addresses
	for _, p := range []struct {
		seed []byte
		out  *solana.PublicKey
	}{{seedState, &a.State}, {seedStakerVault, &a.StakerVault}, {seedSupplierVault, &a.SupplierVault}} {
		addr, err := findPDA(programID, p.seed)
		if err != nil {
			return Addresses{}, err
		}
		*p.out = addr
	}
	return a, nil
}

// BurnRecordAddress is the PDA of burn record index.
func BurnRecordAddress(programID solana.PublicKey, index uint64) (solana.PublicKey, error) {
	return findPDA(programID, seedBurn, binary.LittleEndian.AppendUint64(nil, index))
}

func findPDA(programID solana.PublicKey, seeds ...[]byte) (solana.PublicKey, error) {
	addr, _, err := solana.FindProgramAddress(seeds, programID)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("derive emission PDA %q: %w", seeds[0], err)
	}
	return addr, nil
}
