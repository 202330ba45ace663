package staking

import (
	"fmt"

	"github.com/gagliardetto/solana-go"
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
	var a Addresses
	for _, p := range []struct {
		seed []byte
		out  *solana.PublicKey
	}{{seedConfig, &a.Config}, {seedStakeVault, &a.StakeVault}, {seedRewardVault, &a.RewardVault}} {
		addr, err := findPDA(programID, p.seed)
		if err != nil {
			return Addresses{}, err
		}
		*p.out = addr
	}
	return a, nil
}

// PositionAddress is owner's stake position PDA.
func PositionAddress(programID, owner solana.PublicKey) (solana.PublicKey, error) {
	return findPDA(programID, seedPosition, owner.Bytes())
}

// DeviceAddress is the device PDA of deviceKey.
func DeviceAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	return findPDA(programID, seedDevice, deviceKey.Bytes())
}

func findPDA(programID solana.PublicKey, seeds ...[]byte) (solana.PublicKey, error) {
	addr, _, err := solana.FindProgramAddress(seeds, programID)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("derive staking PDA %q: %w", seeds[0], err)
	}
	return addr, nil
}
