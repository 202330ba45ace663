package staking

import (
	"encoding/base64"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
)

// PDA seeds, as programs/staking/src/state.rs declares them.
var (
	seedConfig      = []byte("config")
	seedStakeVault  = []byte("stake_vault")
	seedRewardVault = []byte("reward_vault")
)

// Tags of the seeded addresses (anchor.SeededAddress), as programs/staking-state declares them:
// a position under its owner, a device under its device key, an offer ("offer" + the device
// key, KeySeed) under the config PDA, a co-stake position ("costake" + the device key) under
// its staker.
const (
	tagPosition = "position"
	tagDevice   = "device"
	tagOffer    = "offer"
	tagCostake  = "costake"
)

// keySeedBytes is how much of the key a KeySeed holds: 18 bytes, 24 base64url characters.
const keySeedBytes = 18

// KeySeed is the seed of a record kept one per key under a PDA that signs for it (a device's
// offer, its capacity record): tag, then the key's first 18 bytes (144 bits) in base64url
// without padding (staking_state::KeySeed; tags are at most 8 bytes).
func KeySeed(tag string, key solana.PublicKey) string {
	return tag + base64.RawURLEncoding.EncodeToString(key[:keySeedBytes])
}

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

// PositionAddress is owner's stake position: the seeded address of "position" under owner.
func PositionAddress(programID, owner solana.PublicKey) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, owner, tagPosition)
}

// DeviceAddress is the device account of deviceKey: the seeded address of "device" under
// deviceKey.
func DeviceAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, deviceKey, tagDevice)
}
