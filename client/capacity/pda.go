package capacity

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/capacity/src/state.rs declares them.
var (
	seedConfig   = []byte("config")
	seedCapacity = []byte("capacity")
)

// ConfigAddress is the config PDA of the program at programID.
func ConfigAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedConfig)
}

// RecordAddress is the PDA of deviceKey's capacity record.
func RecordAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedCapacity, deviceKey.Bytes())
}
