package livenesstest

import (
	"encoding/binary"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// heartbeatIx builds a heartbeat of signer for epoch, then swaps account index (when >= 0) for with.
func heartbeatIx(t *testing.T, signer solana.PublicKey, epoch uint64, index int, with solana.PublicKey) []solana.Instruction {
	t.Helper()
	ix, err := em.HeartbeatInstruction(signer, epoch)
	require.NoError(t, err)
	return swapAccount(t, ix, index, with)
}

// openLivenessIx builds open_liveness of signer (who pays), then swaps account index (when >= 0)
// for with.
func openLivenessIx(t *testing.T, signer solana.PublicKey, index int, with solana.PublicKey) []solana.Instruction {
	t.Helper()
	ix, err := em.OpenLivenessInstruction(signer, signer)
	require.NoError(t, err)
	return swapAccount(t, ix, index, with)
}

// swapAccount is ix with account index (when >= 0) swapped for with.
func swapAccount(t *testing.T, ix solana.Instruction, index int, with solana.PublicKey) []solana.Instruction {
	t.Helper()
	if index < 0 {
		return []solana.Instruction{ix}
	}
	return []solana.Instruction{withAccount(t, ix, index, with)}
}

// Account positions in the heartbeat and open_liveness instructions (programs-idl/emission.json).
const (
	hbState         = 1
	hbLiveness      = 3
	hbStakingConfig = 4
	hbDevice        = 5
	openLiveness    = 3
	openDevice      = 4
)

// TestHeartbeatRejections: every way a heartbeat must fail, each with its error and nothing
// changed (the liveness account, the pool, the payer's lamports).
func TestHeartbeatRejections(t *testing.T) {
	live := newDevice(t, nil, h100, 1, true)
	unstaked := newDevice(t, nil, h100, 1, false)
	attacker := localnettest.NewWallet(t, chain, 0)
	epoch := currentEpoch(t)
	heartbeat(t, live)

	liveDevice, err := staking.DeviceAddress(em.Staking.ProgramID, live.key.PublicKey())
	require.NoError(t, err)
	watchFor := func(key solana.PublicKey, epoch uint64) []solana.PublicKey {
		liveness, err := emission.DeviceLivenessAddress(em.ProgramID, key)
		require.NoError(t, err)
		return []solana.PublicKey{liveness, em.Addresses.LivenessPool, key}
	}
	cases := []struct {
		name   string
		signer solana.PrivateKey
		epoch  uint64
		index  int
		with   solana.PublicKey
		want   string
	}{
		{"a second heartbeat in the same epoch", live.key, epoch, -1, solana.PublicKey{}, emissiongen.Error_AlreadyLive},
		{"for the next epoch", live.key, epoch + 1, -1, solana.PublicKey{}, emissiongen.Error_WrongEpoch},
		{"for the previous epoch", live.key, epoch - 1, -1, solana.PublicKey{}, emissiongen.Error_WrongEpoch},
		{"a device staked below its requirement", unstaked.key, epoch, -1, solana.PublicKey{}, emissiongen.Error_DeviceNotEligible},
		{"another key signs with a live device's account", attacker, epoch, hbDevice, liveDevice, emissiongen.Error_WrongDevice},
		{"a key that is no registered device", attacker, epoch, -1, solana.PublicKey{}, emissiongen.Error_WrongDevice},
		{"staking config: the emission state", unstaked.key, epoch, hbStakingConfig, em.Addresses.State, emissiongen.Error_WrongStakingAccount},
		{"state: the staking config", live.key, epoch, hbState, em.Staking.Addresses.Config, "InvalidAccountOwner"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ixs := heartbeatIx(t, c.signer.PublicKey(), c.epoch, c.index, c.with)
			requireRejected(t, c.want, watchFor(c.signer.PublicKey(), c.epoch), c.signer, ixs)
		})
	}
	t.Run("a retried heartbeat through the client", func(t *testing.T) {
		_, err := em.Heartbeat(localnettest.Context(t), live.key, nil)
		require.True(t, emission.IsAlreadyLive(err), "%v", err)
	})
	// The liveness account must be the signing device key's: open_liveness creates it only at the
	// device key's seeded address of "liveness"; a heartbeat takes only the device's own.
	next := nextFreeDevice(t)
	liveLiveness, err := emission.DeviceLivenessAddress(em.ProgramID, live.key.PublicKey())
	require.NoError(t, err)
	otherEmpty, err := emission.DeviceLivenessAddress(em.ProgramID, unstaked.key.PublicKey())
	require.NoError(t, err)
	oldReceipt, err := anchor.SeededAddress(em.ProgramID, next.key.PublicKey(), anchor.IDSeed("receipt", epoch))
	require.NoError(t, err)
	oldPDA, err := anchor.PDA(em.ProgramID, []byte("heartbeat"), next.key.PublicKey().Bytes(), binary.LittleEndian.AppendUint64(nil, epoch))
	require.NoError(t, err)
	for _, c := range []struct {
		name  string
		other solana.PublicKey
		open  string // open_liveness's error with this account
		beat  string // heartbeat's
	}{
		{"another device's liveness account", liveLiveness, emissiongen.Error_WrongLivenessAccount, emissiongen.Error_WrongLivenessAccount},
		{"another device's liveness address, not created yet", otherEmpty, "InvalidSeeds", emissiongen.Error_NoLivenessAccount},
		{"the old receipt's seeded address of \"receipt\" + hex(epoch)", oldReceipt, "InvalidSeeds", emissiongen.Error_NoLivenessAccount},
		{"the old PDA [heartbeat, device, epoch]", oldPDA, "InvalidSeeds", emissiongen.Error_NoLivenessAccount},
		{"the liveness pool", em.Addresses.LivenessPool, emissiongen.Error_WrongLivenessAccount, emissiongen.Error_WrongLivenessAccount},
	} {
		t.Run(c.name, func(t *testing.T) {
			watch := append(watchFor(next.key.PublicKey(), epoch), c.other)
			requireRejected(t, c.open, watch, next.key, openLivenessIx(t, next.key.PublicKey(), openLiveness, c.other))
			requireRejected(t, c.beat, watch, next.key, heartbeatIx(t, next.key.PublicKey(), epoch, hbLiveness, c.other))
		})
	}
	t.Run("a heartbeat before open_liveness", func(t *testing.T) {
		requireRejected(t, emissiongen.Error_NoLivenessAccount, watchFor(next.key.PublicKey(), epoch), next.key,
			heartbeatIx(t, next.key.PublicKey(), epoch, -1, solana.PublicKey{}))
	})
	t.Run("open_liveness of a key that is no registered device", func(t *testing.T) {
		requireRejected(t, emissiongen.Error_WrongDevice, watchFor(attacker.PublicKey(), epoch), attacker,
			openLivenessIx(t, attacker.PublicKey(), -1, solana.PublicKey{}))
	})
	t.Run("open_liveness with another device's staking account", func(t *testing.T) {
		requireRejected(t, emissiongen.Error_WrongDevice, watchFor(next.key.PublicKey(), epoch), next.key,
			openLivenessIx(t, next.key.PublicKey(), openDevice, liveDevice))
	})
	t.Run("open_liveness again changes nothing", func(t *testing.T) {
		ctx := localnettest.Context(t)
		before, err := em.FetchDeviceLiveness(ctx, live.key.PublicKey())
		require.NoError(t, err)
		_, err = em.Solana().Send(ctx, live.key, openLivenessIx(t, live.key.PublicKey(), -1, solana.PublicKey{}))
		require.NoError(t, err)
		after, err := em.FetchDeviceLiveness(ctx, live.key.PublicKey())
		require.NoError(t, err)
		require.Equal(t, before, after)
	})
}

// TestDeviceCreatingItsOwnLivenessAddressBlocksOnlyItself: the device key signs open_liveness,
// so it can also create its liveness account's seeded address itself first (System
// CreateAccountWithSeed, owner the emission program, with no data or a liveness account's size of
// zeros). That only blocks its own heartbeats (refused, nothing but the fee moved); another
// device's heartbeat in the same epoch still lands.
func TestDeviceCreatingItsOwnLivenessAddressBlocksOnlyItself(t *testing.T) {
	cases := []struct {
		name  string
		space uint64
		want  string
	}{
		{"empty", 0, "AccountAlreadyInitialized"},
		{"a liveness account's size of zeros", livenessLen, emissiongen.Error_WrongLivenessAccount},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := nextFreeDevice(t)
			epoch := currentEpoch(t)
			liveness, err := emission.DeviceLivenessAddress(em.ProgramID, d.key.PublicKey())
			require.NoError(t, err)
			created := localnettest.CreateSeededEmpty(t, chain, d.key, "liveness", em.ProgramID, c.space)
			require.Equal(t, created, liveness, "the client's liveness address is the seeded address of \"liveness\"")

			first := append(openLivenessIx(t, d.key.PublicKey(), -1, solana.PublicKey{}), heartbeatIx(t, d.key.PublicKey(), epoch, -1, solana.PublicKey{})...)
			requireRejected(t, c.want, []solana.PublicKey{liveness, em.Addresses.LivenessPool, d.key.PublicKey()}, d.key, first)
			heartbeat(t, nextFreeDevice(t)) // another device is not blocked
		})
	}
}

// livenessLen is a DeviceLiveness's size (programs-idl/emission.json).
const livenessLen = 8 + 2*32 + emission.SupplierRing*(8+4) + 2*8 + 9 + 7

// nextFreeDevice is a fresh staked device without a heartbeat.
func nextFreeDevice(t *testing.T) device {
	return newDevice(t, nil, rtx4070, 1, true)
}

// TestLamportsSentToTheLivenessAddressCannotBlockTheHeartbeat: anyone can send lamports to a
// device's liveness address (known in advance); open_liveness, in its first heartbeat's
// transaction, still creates the account,
// topping it up to exactly rent exemption, and the next epoch's heartbeat writes it in place
// (no lamports move but the fee).
func TestLamportsSentToTheLivenessAddressCannotBlockTheHeartbeat(t *testing.T) {
	ctx := localnettest.Context(t)
	d := newDevice(t, nil, h100, 1, true)
	griefer := localnettest.NewWallet(t, chain, 0)
	epoch := currentEpoch(t)
	liveness, err := emission.DeviceLivenessAddress(em.ProgramID, d.key.PublicKey())
	require.NoError(t, err)
	const sent = 1_000_000 // rent-exempt for no data, less than the liveness account's rent
	_, err = em.Solana().Send(ctx, griefer, []solana.Instruction{system.NewTransferInstruction(sent, griefer.PublicKey(), liveness).Build()})
	require.NoError(t, err)

	ev := heartbeat(t, d)
	require.Equal(t, epoch, ev.Epoch)
	l, err := em.FetchDeviceLiveness(ctx, d.key.PublicKey())
	require.NoError(t, err)
	require.Equal(t, d.owner.PublicKey(), l.Owner)
	require.Equal(t, d.key.PublicKey(), l.DeviceKey)
	entry, ok := emission.Entry(l, epoch)
	require.True(t, ok)
	require.Equal(t, emission.LivenessEntry{Epoch: epoch, Weight: d.weight}, entry)
	rent, err := em.Solana().RPC.GetMinimumBalanceForRentExemption(ctx, livenessLen, "confirmed")
	require.NoError(t, err)
	require.Equal(t, rent, lamports(t, liveness), "topped up to exactly the rent")

	next := nextEpoch(t)
	keyBefore := lamports(t, d.key.PublicKey())
	ev = heartbeat(t, d)
	require.Equal(t, next, ev.Epoch)
	require.Equal(t, keyBefore-5_000, lamports(t, d.key.PublicKey()), "a later heartbeat pays only its fee")
	require.Equal(t, rent, lamports(t, liveness))
	l, err = em.FetchDeviceLiveness(ctx, d.key.PublicKey())
	require.NoError(t, err)
	for _, e := range []uint64{epoch, next} {
		_, ok := emission.Entry(l, e)
		require.True(t, ok, "epoch %d", e)
	}
}

// TestClaimRejections: claims by another key, before the epoch is minted, of a device without a
// heartbeat, and after the epoch left the ring, each failing with nothing changed.
func TestClaimRejections(t *testing.T) {
	ctx := localnettest.Context(t)
	d := newDevice(t, nil, a100, 2, true)
	silent := newDevice(t, nil, a100, 1, true)      // never heartbeats
	stranger := localnettest.NewWallet(t, chain, 1) // with an IO account
	epoch := currentEpoch(t)
	heartbeat(t, d)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	ownerIO := localnettest.TokenAccount(t, d.owner.PublicKey(), st.IoMint)
	strangerIO := localnettest.TokenAccount(t, stranger.PublicKey(), st.IoMint)
	silentIO := localnettest.TokenAccount(t, silent.owner.PublicKey(), st.IoMint)
	liveness, err := emission.DeviceLivenessAddress(em.ProgramID, d.key.PublicKey())
	require.NoError(t, err)
	watch := []solana.PublicKey{liveness, em.Addresses.LivenessPool, em.Addresses.SupplierVault, ownerIO, strangerIO, silentIO}
	claimIx := func(owner, deviceKey, token solana.PublicKey) []solana.Instruction {
		ix, err := em.ClaimSupplierRewardInstruction(owner, deviceKey, token)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}

	requireRejected(t, emissiongen.Error_EpochNotMinted, watch, d.owner, claimIx(d.owner.PublicKey(), d.key.PublicKey(), ownerIO))
	nextEpoch(t)
	catchUp(t)
	requireRejected(t, emissiongen.Error_NotDeviceOwner, watch, stranger, claimIx(stranger.PublicKey(), d.key.PublicKey(), strangerIO))
	requireRejected(t, emissiongen.Error_NoHeartbeat, watch, silent.owner, claimIx(silent.owner.PublicKey(), silent.key.PublicKey(), silentIO))
	// The device's own liveness account for another device's claim: not its owner's.
	ix := claimIx(silent.owner.PublicKey(), silent.key.PublicKey(), silentIO)[0]
	metas := ix.Accounts()
	metas[3].PublicKey = liveness
	data, err := ix.Data()
	require.NoError(t, err)
	requireRejected(t, emissiongen.Error_NotDeviceOwner, watch, silent.owner, []solana.Instruction{solana.NewInstruction(em.ProgramID, metas, data)})

	// 72 more minted epochs push the epoch out of the supplier ring: the entry stays unpaid.
	warpTo(t, startTs(t)+int64(epoch+emission.SupplierRing)*3600)
	catchUp(t)
	requireRejected(t, emissiongen.Error_EpochOutsideRing, watch, d.owner, claimIx(d.owner.PublicKey(), d.key.PublicKey(), ownerIO))
	report, err := em.Rewards(ctx, d.key.PublicKey())
	require.NoError(t, err)
	require.Equal(t, epoch+emission.SupplierRing+1, report.CurrentEpoch)
	require.Equal(t, uint64(0), report.Claimable)
	claims, err := em.ClaimAll(ctx, d.owner)
	require.NoError(t, err)
	require.Empty(t, claims, "nothing claimable is left")
}
