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
	ix, err := em.HeartbeatInstruction(signer, signer, epoch)
	require.NoError(t, err)
	if index < 0 {
		return []solana.Instruction{ix}
	}
	metas := make(solana.AccountMetaSlice, len(ix.Accounts()))
	for i, m := range ix.Accounts() {
		copied := *m
		metas[i] = &copied
	}
	metas[index].PublicKey = with
	data, err := ix.Data()
	require.NoError(t, err)
	return []solana.Instruction{solana.NewInstruction(em.ProgramID, metas, data)}
}

// Account positions in the heartbeat instruction (programs-idl/emission.json).
const (
	hbState         = 2
	hbReceipt       = 4
	hbStakingConfig = 5
	hbDevice        = 6
)

// TestHeartbeatRejections: every way a heartbeat must fail, each with its error and nothing
// changed (the receipt, the pool, the payer's lamports).
func TestHeartbeatRejections(t *testing.T) {
	live := newDevice(t, nil, h100, 1, true)
	unstaked := newDevice(t, nil, h100, 1, false)
	attacker := localnettest.NewWallet(t, chain, 0)
	epoch := currentEpoch(t)
	heartbeat(t, live)

	liveDevice, err := staking.DeviceAddress(em.Staking.ProgramID, live.key.PublicKey())
	require.NoError(t, err)
	watchFor := func(key solana.PublicKey, epoch uint64) []solana.PublicKey {
		receipt, err := emission.HeartbeatReceiptAddress(em.ProgramID, key, epoch)
		require.NoError(t, err)
		return []solana.PublicKey{receipt, em.Addresses.LivenessPool, key}
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
	// The receipt must be at the seeded address of "receipt" + hex(epoch) under the signing
	// device key: not another device's, not another epoch's.
	next := nextFreeDevice(t)
	otherDevice, err := emission.HeartbeatReceiptAddress(em.ProgramID, unstaked.key.PublicKey(), epoch)
	require.NoError(t, err)
	otherEpoch, err := emission.HeartbeatReceiptAddress(em.ProgramID, next.key.PublicKey(), epoch+1)
	require.NoError(t, err)
	oldPDA, err := anchor.PDA(em.ProgramID, []byte("heartbeat"), next.key.PublicKey().Bytes(), binary.LittleEndian.AppendUint64(nil, epoch))
	require.NoError(t, err)
	for name, other := range map[string]solana.PublicKey{
		"a receipt at another device's seeded address":        otherDevice,
		"a receipt at the device's address of another epoch":  otherEpoch,
		"a receipt at the old PDA [heartbeat, device, epoch]": oldPDA,
	} {
		t.Run(name, func(t *testing.T) {
			ixs := heartbeatIx(t, next.key.PublicKey(), epoch, hbReceipt, other)
			requireRejected(t, "InvalidSeeds", append(watchFor(next.key.PublicKey(), epoch), other), next.key, ixs)
		})
	}
}

// TestDeviceCreatingItsOwnReceiptBlocksOnlyItself: the device key signs the heartbeat, so it can
// also create its receipt's seeded address itself first (System CreateAccountWithSeed, owner the
// emission program, with no data or a receipt's size of zeros). That only blocks its own
// heartbeat for the epoch (refused as existing, nothing but the fee moved); another device's
// heartbeat in the same epoch still lands.
func TestDeviceCreatingItsOwnReceiptBlocksOnlyItself(t *testing.T) {
	ctx := localnettest.Context(t)
	cases := []struct {
		name  string
		space uint64
		want  string
	}{
		{"empty", 0, "AccountAlreadyInitialized"},
		{"a receipt's size of zeros", receiptLen, emissiongen.Error_AlreadyLive},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := nextFreeDevice(t)
			epoch := currentEpoch(t)
			receipt, err := emission.HeartbeatReceiptAddress(em.ProgramID, d.key.PublicKey(), epoch)
			require.NoError(t, err)
			seed := anchor.IDSeed("receipt", epoch)
			seeded, err := anchor.SeededAddress(em.ProgramID, d.key.PublicKey(), seed)
			require.NoError(t, err)
			require.Equal(t, seeded, receipt, "the client's receipt address is the seeded address of \"receipt\" + hex(epoch)")
			rent, err := em.Solana().RPC.GetMinimumBalanceForRentExemption(ctx, c.space, "confirmed")
			require.NoError(t, err)
			create := system.NewCreateAccountWithSeedInstruction(d.key.PublicKey(), seed, rent, c.space, em.ProgramID,
				d.key.PublicKey(), receipt, d.key.PublicKey()).Build()
			_, err = em.Solana().Send(ctx, d.key, []solana.Instruction{create})
			require.NoError(t, err)

			requireRejected(t, c.want, []solana.PublicKey{receipt, em.Addresses.LivenessPool, d.key.PublicKey()}, d.key,
				heartbeatIx(t, d.key.PublicKey(), epoch, -1, solana.PublicKey{}))
			heartbeat(t, nextFreeDevice(t)) // another device is not blocked
		})
	}
}

// receiptLen is a HeartbeatReceipt's size (programs-idl/emission.json).
const receiptLen = 8 + 2*32 + 3*8 + 8

// nextFreeDevice is a fresh staked device without a heartbeat.
func nextFreeDevice(t *testing.T) device {
	return newDevice(t, nil, rtx4070, 1, true)
}

// TestLamportsSentToAReceiptCannotBlockTheHeartbeat: anyone can send lamports to the receipt's
// address (known in advance); the heartbeat still creates the receipt, topping it up to rent
// exemption, and the claim later returns all of it to the owner.
func TestLamportsSentToAReceiptCannotBlockTheHeartbeat(t *testing.T) {
	ctx := localnettest.Context(t)
	d := newDevice(t, nil, h100, 1, true)
	griefer := localnettest.NewWallet(t, chain, 0)
	epoch := currentEpoch(t)
	receipt, err := emission.HeartbeatReceiptAddress(em.ProgramID, d.key.PublicKey(), epoch)
	require.NoError(t, err)
	const sent = 1_000_000 // rent-exempt for no data, less than the receipt's rent
	_, err = em.Solana().Send(ctx, griefer, []solana.Instruction{system.NewTransferInstruction(sent, griefer.PublicKey(), receipt).Build()})
	require.NoError(t, err)

	ev := heartbeat(t, d)
	require.Equal(t, epoch, ev.Epoch)
	r, err := em.FetchReceipt(ctx, d.key.PublicKey(), epoch)
	require.NoError(t, err)
	require.Equal(t, d.owner.PublicKey(), r.Owner)
	rent, err := em.Solana().RPC.GetMinimumBalanceForRentExemption(ctx, receiptLen, "confirmed")
	require.NoError(t, err)
	require.Equal(t, rent, lamports(t, receipt), "topped up to exactly the rent")
}

// TestClaimRejections: claims by another key, for an epoch not minted or without a heartbeat,
// and after the epoch left the ring, each failing with nothing changed.
func TestClaimRejections(t *testing.T) {
	ctx := localnettest.Context(t)
	d := newDevice(t, nil, a100, 2, true)
	stranger := localnettest.NewWallet(t, chain, 1) // with an IO account
	epoch := currentEpoch(t)
	heartbeat(t, d)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	ownerIO := localnettest.TokenAccount(t, d.owner.PublicKey(), st.IoMint)
	strangerIO := localnettest.TokenAccount(t, stranger.PublicKey(), st.IoMint)
	receipt, err := emission.HeartbeatReceiptAddress(em.ProgramID, d.key.PublicKey(), epoch)
	require.NoError(t, err)
	watch := []solana.PublicKey{receipt, em.Addresses.LivenessPool, em.Addresses.SupplierVault, ownerIO, strangerIO}
	claimIx := func(owner solana.PublicKey, token solana.PublicKey, epoch uint64) []solana.Instruction {
		ix, err := em.ClaimSupplierRewardInstruction(owner, d.key.PublicKey(), token, epoch)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}

	requireRejected(t, emissiongen.Error_EpochNotMinted, watch, d.owner, claimIx(d.owner.PublicKey(), ownerIO, epoch))
	nextEpoch(t)
	catchUp(t)
	requireRejected(t, emissiongen.Error_NotDeviceOwner, watch, stranger, claimIx(stranger.PublicKey(), strangerIO, epoch))
	requireRejected(t, emissiongen.Error_NoHeartbeat, watch, d.owner, claimIx(d.owner.PublicKey(), ownerIO, epoch+1))

	// 72 more minted epochs push the epoch out of the supplier ring: the receipt stays unpaid.
	warpTo(t, startTs(t)+int64(epoch+emission.SupplierRing)*3600)
	catchUp(t)
	requireRejected(t, emissiongen.Error_EpochOutsideRing, watch, d.owner, claimIx(d.owner.PublicKey(), ownerIO, epoch))
	report, err := em.Rewards(ctx, d.key.PublicKey())
	require.NoError(t, err)
	require.Equal(t, epoch+emission.SupplierRing+1, report.CurrentEpoch)
	require.Equal(t, uint64(0), report.Claimable)
	claims, err := em.ClaimAll(ctx, d.owner)
	require.NoError(t, err)
	require.Empty(t, claims, "nothing claimable is left")
}
