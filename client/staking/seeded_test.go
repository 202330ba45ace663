package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// A position, a device and an offer live at seeded addresses (ionet_sdk::seeded): "position"
// under the owner, "device" under the device key, KeySeed("offer", device key) under the config
// PDA. No bump is searched, so the program must refuse every other address.

// oldPDA is the canonical PDA the record had before it moved to its seeded address.
func oldPDA(t *testing.T, seeds ...[]byte) solana.PublicKey {
	t.Helper()
	addr, err := anchor.PDA(stk.ProgramID, seeds...)
	require.NoError(t, err)
	return addr
}

// TestSeededRecordsOnlyAtTheirAddress: open_position, register_device and open_offer given
// another key's seeded address, or the record's old PDA, land and fail with InvalidSeeds, only
// the fee moving; each record then opens at its own address.
func TestSeededRecordsOnlyAtTheirAddress(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 10*IO)
	other := solana.NewWallet().PublicKey()
	deviceKey := solana.NewWallet().PrivateKey
	plainKey := solana.NewWallet().PrivateKey
	_, err := stk.RegisterDevice(ctx, owner, plainKey, 0, 1)
	require.NoError(t, err)
	plain := plainKey.PublicKey()
	params, _, err := CostakeAddresses(stk.ProgramID)
	require.NoError(t, err)
	terms := OfferTerms{CommissionBps: 1_000, MaxCostake: 100 * IO, MinOwnerBps: 1_000}

	openPosition := func(position solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewOpenPositionInstruction(owner.PublicKey(), position, solana.SystemProgramID)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
	registerDevice := func(device solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewRegisterDeviceInstruction(0, 1, owner.PublicKey(), deviceKey.PublicKey(), stk.Addresses.Config, device, solana.SystemProgramID)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
	openOffer := func(offer solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewOpenOfferInstruction(terms.CommissionBps, terms.MaxCostake, terms.MinOwnerBps,
			owner.PublicKey(), stk.Addresses.Config, deviceAddr(t, plain), offer, params, solana.SystemProgramID)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
	cases := []struct {
		name    string
		ixs     []solana.Instruction
		watch   solana.PublicKey
		signers []solana.PrivateKey
	}{
		{"position at another owner's address", openPosition(positionAddr(t, other)), positionAddr(t, other), nil},
		{"position at its old PDA", openPosition(oldPDA(t, []byte("position"), owner.PublicKey().Bytes())), positionAddr(t, owner.PublicKey()), nil},
		{"device at another key's address", registerDevice(deviceAddr(t, other)), deviceAddr(t, other), []solana.PrivateKey{deviceKey}},
		{"device at its old PDA", registerDevice(oldPDA(t, []byte("device"), deviceKey.PublicKey().Bytes())), deviceAddr(t, deviceKey.PublicKey()), []solana.PrivateKey{deviceKey}},
		{"offer at another device's address", openOffer(offerAddr(t, other)), offerAddr(t, other), nil},
		{"offer at its old PDA", openOffer(oldPDA(t, []byte("offer"), plain.Bytes())), offerAddr(t, plain), nil},
		{"offer at the device key's own seeded address", openOffer(seededAddr(t, plain, "offer")), offerAddr(t, plain), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			watch := []solana.PublicKey{c.watch, deviceAddr(t, plain), stk.Addresses.Config}
			requireRejected(t, "InvalidSeeds", watch, owner, c.ixs, c.signers...)
		})
	}

	// Each at its own address.
	_, err = stk.Stake(ctx, owner, IO)
	require.NoError(t, err)
	t.Cleanup(func() { unstakeAll(t, owner) })
	_, err = stk.RegisterDevice(ctx, owner, deviceKey, 0, 1)
	require.NoError(t, err)
	_, err = stk.OpenOffer(ctx, owner, plain, terms)
	require.NoError(t, err)
	offer, err := stk.FetchOffer(ctx, plain)
	require.NoError(t, err)
	require.Equal(t, plain, offer.DeviceKey)
	for _, addr := range []solana.PublicKey{positionAddr(t, owner.PublicKey()), deviceAddr(t, deviceKey.PublicKey()), offerAddr(t, plain)} {
		acct, err := chain.RPC.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
		require.NoError(t, err)
		require.Equal(t, stk.ProgramID, acct.Value.Owner)
	}
}

func seededAddr(t *testing.T, base solana.PublicKey, seed string) solana.PublicKey {
	t.Helper()
	addr, err := anchor.SeededAddress(stk.ProgramID, base, seed)
	require.NoError(t, err)
	return addr
}

// TestOwnAddressCreatedFirstBlocksOnlyItself: the owner (the base of its position's address)
// and the device key (the base of its device's) can create that address first with the System
// program, owned by staking and zeroed. open_position and register_device then refuse it as
// existing (AccountAlreadyInitialized, only the fee moving): the key blocks its own record and
// nobody else's, and the zeroed account is no position or device to any reader.
func TestOwnAddressCreatedFirstBlocksOnlyItself(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 10*IO)
	position := localnettest.CreateSeededEmpty(t, chain, owner, tagPosition, stk.ProgramID, 272)
	deviceKey := localnettest.NewWallet(t, chain, 0) // it pays for its own address
	device := localnettest.CreateSeededEmpty(t, chain, deviceKey, tagDevice, stk.ProgramID, 176)

	openIx, err := stk.OpenPositionInstruction(owner.PublicKey())
	require.NoError(t, err)
	requireRejected(t, "AccountAlreadyInitialized", []solana.PublicKey{position}, owner, []solana.Instruction{openIx})
	registerIx, err := stk.RegisterDeviceInstruction(owner.PublicKey(), deviceKey.PublicKey(), 0, 1)
	require.NoError(t, err)
	requireRejected(t, "AccountAlreadyInitialized", []solana.PublicKey{device}, owner, []solana.Instruction{registerIx}, deviceKey)
	_, err = stk.FetchPosition(ctx, owner.PublicKey())
	require.Error(t, err, "a zeroed account is no position")
	_, err = stk.FetchDevice(ctx, deviceKey.PublicKey())
	require.Error(t, err, "a zeroed account is no device")

	// Nobody else is blocked: another owner stakes, the same owner registers another device.
	other := localnettest.NewWallet(t, chain, 10*IO)
	_, err = stk.Stake(ctx, other, IO)
	require.NoError(t, err)
	t.Cleanup(func() { unstakeAll(t, other) })
	another := solana.NewWallet().PrivateKey
	_, err = stk.RegisterDevice(ctx, owner, another, 0, 1)
	require.NoError(t, err)
	d, err := stk.FetchDevice(ctx, another.PublicKey())
	require.NoError(t, err)
	require.Equal(t, owner.PublicKey(), d.Owner)
}

// TestKeySeedMatchesTheProgram: KeySeed is staking_state::KeySeed (its Rust test's vectors).
func TestKeySeedMatchesTheProgram(t *testing.T) {
	var key, ones solana.PublicKey
	for i := range key {
		key[i], ones[i] = byte(i), 0xff
	}
	cases := []struct {
		tag  string
		key  solana.PublicKey
		want string
	}{
		{"offer", key, "offerAAECAwQFBgcICQoLDA0ODxAR"},
		{"capacity", key, "capacityAAECAwQFBgcICQoLDA0ODxAR"},
		{"", key, "AAECAwQFBgcICQoLDA0ODxAR"},
		{"offer", ones, "offer________________________"},
	}
	for _, c := range cases {
		require.Equal(t, c.want, KeySeed(c.tag, c.key), c.tag)
	}
}

// TestCostakePositionAtItsStakersAddress: a co-stake position lives at the seeded address of
// KeySeed("costake", device key) under its staker. The first co-stake refuses another staker's
// address and the old PDA (InvalidSeeds, only the fee moving); a staker who creates its own
// address first (any key can, with the System program) blocks only its own co-stake.
func TestCostakePositionAtItsStakersAddress(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := localnettest.NewWallet(t, chain, 2_000*IO)
	erin := localnettest.NewWallet(t, chain, 100*IO)
	frank := localnettest.NewWallet(t, chain, 100*IO)
	key := offerDevice(t, dave, 500*IO, OfferTerms{CommissionBps: 1_000, MaxCostake: 1_000 * IO, MinOwnerBps: 1_000})
	erinToken := localnettest.TokenAccount(t, erin.PublicKey(), ioMint)
	costakeAt := func(position solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewCostakeInstruction(IO, erin.PublicKey(), stk.Addresses.Config, deviceAddr(t, key), offerAddr(t, key), position,
			erinToken, stk.Addresses.StakeVault, solana.TokenProgramID, solana.SystemProgramID)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
	watch := []solana.PublicKey{deviceAddr(t, key), offerAddr(t, key), erinToken, stk.Addresses.StakeVault}
	for name, position := range map[string]solana.PublicKey{
		"another staker's address": costakeAddr(t, key, frank.PublicKey()),
		"the old PDA":              oldPDA(t, []byte("costake"), key.Bytes(), erin.PublicKey().Bytes()),
	} {
		t.Run(name, func(t *testing.T) {
			requireRejected(t, "InvalidSeeds", append(watch, position), erin, costakeAt(position))
		})
	}

	made := localnettest.CreateSeededEmpty(t, chain, frank, KeySeed(tagCostake, key), stk.ProgramID, 0)
	require.Equal(t, costakeAddr(t, key, frank.PublicKey()), made)
	frankIx, err := stk.CostakeInstruction(frank.PublicKey(), key, localnettest.TokenAccount(t, frank.PublicKey(), ioMint), IO)
	require.NoError(t, err)
	requireRejected(t, "AccountAlreadyInitialized", append(watch, made), frank, []solana.Instruction{frankIx})

	_, err = stk.Costake(ctx, erin, key, IO)
	require.NoError(t, err, "nobody else is blocked")
	p, err := stk.FetchCostakePosition(ctx, key, erin.PublicKey())
	require.NoError(t, err)
	require.Equal(t, erin.PublicKey(), p.Staker)
}
