package staking

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/staking/src/state.rs declares them.
var (
	seedConfig      = []byte("config")
	seedStakeVault  = []byte("stake_vault")
	seedRewardVault = []byte("reward_vault")
	seedPosition    = []byte("position")
	seedDevice      = []byte("device")
)

// Addresses are the program's PDAs that do not depend on a user.
type Addresses struct {
	Config      solana.PublicKey
	StakeVault  solana.PublicKey
	RewardVault solana.PublicKey
}

// ProgramAddresses derives the config and vault PDAs of the program deployed at programID.
func ProgramAddresses(programID solana.PublicKey) (Addresses, error) {
	pdas, err := anchor.PDAs(programID, seedConfig, seedStakeVault, seedRewardVault)
	if err != nil {
		return Addresses{}, err
	}
	return Addresses{Config: pdas[0], StakeVault: pdas[1], RewardVault: pdas[2]}, nil
}

// PositionAddress is owner's stake position PDA.
func PositionAddress(programID, owner solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedPosition, owner.Bytes())
}

// DeviceAddress is the device PDA of deviceKey.
func DeviceAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedDevice, deviceKey.Bytes())
}
