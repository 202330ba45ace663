package staking

import (
	"context"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// seedSlasher is the registry entry's seed, as programs/staking/src/slashers.rs declares it.
var seedSlasher = []byte("slasher")

// SlasherEntryAddress is the registry entry PDA ["slasher", slasher]: it exists once add_slasher
// registered slasher, and slash takes it after the emission state when slasher is not the
// configured one.
func SlasherEntryAddress(programID, slasher solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedSlasher, slasher.Bytes())
}

// AddSlasherInstruction registers slasher (a program's PDA, such as the capacity program's
// config) as a key that may sign slash; payer must be the program's upgrade authority.
func (c *Client) AddSlasherInstruction(payer, slasher solana.PublicKey) (solana.Instruction, error) {
	entry, err := SlasherEntryAddress(c.ProgramID, slasher)
	if err != nil {
		return nil, err
	}
	programData, err := anchor.ProgramDataAddress(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewAddSlasherInstruction(slasher, payer, entry, programData, solana.SystemProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// AddSlasher registers slasher, signed and paid by the program's upgrade authority.
func (c *Client) AddSlasher(ctx context.Context, upgradeAuthority solana.PrivateKey, slasher solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.AddSlasherInstruction(upgradeAuthority.PublicKey(), slasher)
	return c.sendOne(ctx, "add slasher "+slasher.String(), upgradeAuthority, ix, err)
}

// FetchSlasherEntry reads slasher's registry entry (ErrNotFound: not registered).
func (c *Client) FetchSlasherEntry(ctx context.Context, slasher solana.PublicKey) (*gen.SlasherEntry, error) {
	entry, err := SlasherEntryAddress(c.ProgramID, slasher)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, c.sx.RPC, c.ProgramID, entry, "slasher entry", gen.ParseAccount_SlasherEntry)
}
