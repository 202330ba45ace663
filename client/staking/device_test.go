package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestDeviceLifecycle(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 5_000*IO)
	token := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	deviceKey := solana.NewWallet().PrivateKey
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	rtx, err := ClassIndex(cfg, "rtx4070")
	require.NoError(t, err)

	res, err := stk.RegisterDevice(ctx, owner, deviceKey, rtx, 2)
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, Events(details.Logs, stk.ProgramID),
		&gen.DeviceRegistered{DeviceKey: deviceKey.PublicKey(), Owner: owner.PublicKey(), GpuClass: rtx, GpuCount: 2})

	// RTX 4070 (0.25x) x2 needs 200 IO * 1 * 2.
	_, err = stk.StakeDevice(ctx, owner, deviceKey.PublicKey(), 400*IO-1)
	require.NoError(t, err)
	d, err := stk.FetchDevice(ctx, deviceKey.PublicKey())
	require.NoError(t, err)
	e := DeviceEligibility(cfg, d)
	require.False(t, e.Eligible, e.Reason)
	require.Equal(t, uint64(400*IO), e.Required)
	_, err = stk.StakeDevice(ctx, owner, deviceKey.PublicKey(), 1)
	require.NoError(t, err)
	d, err = stk.FetchDevice(ctx, deviceKey.PublicKey())
	require.NoError(t, err)
	require.True(t, DeviceEligibility(cfg, d).Eligible)
	require.Equal(t, owner.PublicKey(), d.Owner)
	require.Equal(t, uint64(4_600*IO), localnettest.TokenBalance(t, stk.sx, token))

	withCooldown(t, 0, func() {
		_, err = stk.UnstakeDevice(ctx, owner, deviceKey.PublicKey(), 100*IO)
		require.NoError(t, err)
	})
	d, err = stk.FetchDevice(ctx, deviceKey.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(300*IO), d.Stake)
	require.False(t, DeviceEligibility(cfg, d).Eligible, "unstaking drops eligibility at once")
	_, err = stk.WithdrawDevice(ctx, owner, deviceKey.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(4_700*IO), localnettest.TokenBalance(t, stk.sx, token))
}

func TestDeviceRejected(t *testing.T) {
	ctx := localnettest.Context(t)
	alice := localnettest.NewWallet(t, chain, 1_000*IO)
	bob := localnettest.NewWallet(t, chain, 1_000*IO)
	a := alice.PublicKey()
	aliceToken := localnettest.TokenAccount(t, a, ioMint)
	deviceKey := solana.NewWallet().PrivateKey
	_, err := stk.RegisterDevice(ctx, alice, deviceKey, 0, 1)
	require.NoError(t, err)
	device := deviceAddr(t, deviceKey.PublicKey())
	_, err = stk.StakeDevice(ctx, alice, deviceKey.PublicKey(), 100*IO)
	require.NoError(t, err)
	_, err = stk.UnstakeDevice(ctx, alice, deviceKey.PublicKey(), 10*IO) // 14-day cooldown
	require.NoError(t, err)

	fresh := solana.NewWallet().PrivateKey
	register := func(deviceKey solana.PublicKey, class uint8, gpus uint64, deviceSigns bool) []solana.Instruction {
		ix, err := gen.NewRegisterDeviceInstruction(class, gpus, a, deviceKey, stk.Addresses.Config, deviceAddr(t, deviceKey), solana.SystemProgramID)
		ix, err = anchor.At("staking", stk.ProgramID, ix, err)
		require.NoError(t, err)
		ix.Accounts()[1].IsSigner = deviceSigns
		return []solana.Instruction{ix}
	}
	stakeDevice := func(owner, token solana.PublicKey, amount uint64) []solana.Instruction {
		ix, err := gen.NewStakeDeviceInstruction(amount, owner, stk.Addresses.Config, device, token, stk.Addresses.StakeVault, solana.TokenProgramID)
		return localnettest.MustIx(t)(anchor.At("staking", stk.ProgramID, ix, err))
	}
	unstakeDevice := func(owner solana.PublicKey, amount uint64) []solana.Instruction {
		ix, err := gen.NewUnstakeDeviceInstruction(amount, owner, stk.Addresses.Config, device)
		return localnettest.MustIx(t)(anchor.At("staking", stk.ProgramID, ix, err))
	}
	withdrawDevice := localnettest.MustIx(t)(stk.WithdrawDeviceInstruction(a, deviceKey.PublicKey(), aliceToken))
	watch := []solana.PublicKey{stk.Addresses.Config, device, deviceAddr(t, fresh.PublicKey()), aliceToken, stk.Addresses.StakeVault}
	cases := []struct {
		name    string
		want    string
		payer   solana.PrivateKey
		ixs     []solana.Instruction
		signers []solana.PrivateKey
	}{
		{"register without the device key's signature", "MissingRequiredSignature", alice, register(fresh.PublicKey(), 0, 1, false), nil},
		{"register an unknown class", gen.Error_UnknownGpuClass, alice, register(fresh.PublicKey(), 8, 1, true), []solana.PrivateKey{fresh}},
		{"register zero GPUs", gen.Error_InvalidGpuCount, alice, register(fresh.PublicKey(), 0, 0, true), []solana.PrivateKey{fresh}},
		{"register too many GPUs", gen.Error_InvalidGpuCount, alice, register(fresh.PublicKey(), 0, 1025, true), []solana.PrivateKey{fresh}},
		{"register a device twice", "AccountAlreadyInitialized", alice, register(deviceKey.PublicKey(), 0, 1, true), []solana.PrivateKey{deviceKey}},
		{"stake another owner's device", gen.Error_WrongOwner, bob, stakeDevice(bob.PublicKey(), localnettest.TokenAccount(t, bob.PublicKey(), ioMint), IO), nil},
		{"stake zero", gen.Error_ZeroAmount, alice, stakeDevice(a, aliceToken, 0), nil},
		{"stake from a USDC account", gen.Error_WrongMint, alice, stakeDevice(a, chain.Manifest.Distribution.USDCAccount, IO), nil},
		{"unstake another owner's device", gen.Error_WrongOwner, bob, unstakeDevice(bob.PublicKey(), IO), nil},
		{"unstake more than the device stake", gen.Error_InsufficientStake, alice, unstakeDevice(a, 90*IO+1), nil},
		{"withdraw before the cooldown ends", gen.Error_CooldownNotElapsed, alice, withdrawDevice, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.payer, c.ixs, c.signers...)
		})
	}
}
