package emission

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/emission/src/state.rs declares them.
var (
	seedState         = []byte("emission")
	seedStakerVault   = []byte("staker_vault")
	seedSupplierVault = []byte("supplier_vault")
	seedLiveness      = []byte("liveness")
	seedCapacityLink  = []byte("capacity")
)

// seedDeviceLiveness is a device's liveness account's seed under the device key.
const seedDeviceLiveness = "liveness"

// Tags of the seeded addresses' seeds (anchor.IDSeed with a number), as
// programs/emission/src/state.rs declares them.
const (
	tagBurn = "burn"
)

// Addresses are the program's PDAs (its records are at seeded addresses: BurnRecordAddress,
// DeviceLivenessAddress).
type Addresses struct {
	// State is the schedule and ledger account; it is also the IO mint authority.
	State         solana.PublicKey
	StakerVault   solana.PublicKey
	SupplierVault solana.PublicKey
	// LivenessPool holds each recent epoch's total heartbeat weight (created by initialize).
	LivenessPool solana.PublicKey
	// CapacityLink names the capacity program heartbeats ask (set_capacity_program; absent: none).
	CapacityLink solana.PublicKey
}

// ProgramAddresses derives the state and vault PDAs of the program deployed at programID.
func ProgramAddresses(programID solana.PublicKey) (Addresses, error) {
	pdas, err := anchor.PDAs(programID, seedState, seedStakerVault, seedSupplierVault, seedLiveness, seedCapacityLink)
	if err != nil {
		return Addresses{}, err
	}
	return Addresses{State: pdas[0], StakerVault: pdas[1], SupplierVault: pdas[2], LivenessPool: pdas[3], CapacityLink: pdas[4]}, nil
}

// BurnRecordAddress is the address of burn record index: the seeded address of "burn" +
// hex(index) under the state PDA (which only the program signs for).
func BurnRecordAddress(programID solana.PublicKey, index uint64) (solana.PublicKey, error) {
	state, err := anchor.PDA(programID, seedState)
	if err != nil {
		return solana.PublicKey{}, err
	}
	return anchor.SeededAddress(programID, state, anchor.IDSeed(tagBurn, index))
}

// DeviceLivenessAddress is the address of deviceKey's liveness account (its heartbeats of the
// last SupplierRing epochs): the seeded address of "liveness" under the device key (which signs
// the heartbeat that creates it).
func DeviceLivenessAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, deviceKey, seedDeviceLiveness)
}
