package emission

import (
	"encoding/binary"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/emission/src/state.rs declares them.
var (
	seedState         = []byte("emission")
	seedStakerVault   = []byte("staker_vault")
	seedSupplierVault = []byte("supplier_vault")
	seedBurn          = []byte("burn")
	seedLiveness      = []byte("liveness")
	seedCapacityLink  = []byte("capacity")
	seedHeartbeat     = []byte("heartbeat")
)

// Addresses are the program's PDAs that do not depend on a burn index.
type Addresses struct {
	// State is the schedule and ledger account; it is also the IO mint authority.
	State         solana.PublicKey
	StakerVault   solana.PublicKey
	SupplierVault solana.PublicKey
	// LivenessPool holds each recent epoch's total heartbeat weight (created by the first heartbeat).
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

// BurnRecordAddress is the PDA of burn record index.
func BurnRecordAddress(programID solana.PublicKey, index uint64) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedBurn, binary.LittleEndian.AppendUint64(nil, index))
}

// HeartbeatReceiptAddress is the PDA of deviceKey's heartbeat receipt for epoch.
func HeartbeatReceiptAddress(programID, deviceKey solana.PublicKey, epoch uint64) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedHeartbeat, deviceKey[:], binary.LittleEndian.AppendUint64(nil, epoch))
}
