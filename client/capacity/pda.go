package capacity

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking"
)

// seedConfig is the config PDA's seed, as programs/capacity-state/src/state.rs declares it.
var seedConfig = []byte("config")

// tagCapacity is the tag of a record's seed (staking.KeySeed with the device key).
const tagCapacity = "capacity"

// ConfigAddress is the config PDA of the program at programID.
func ConfigAddress(programID solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedConfig)
}

// RecordAddress is deviceKey's capacity record: the seeded address of
// staking.KeySeed("capacity", deviceKey) under the config PDA.
func RecordAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	config, err := ConfigAddress(programID)
	if err != nil {
		return solana.PublicKey{}, err
	}
	return anchor.SeededAddress(programID, config, staking.KeySeed(tagCapacity, deviceKey))
}
