package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestSlash(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 1_000*IO)
	deviceKey := solana.NewWallet().PrivateKey
	_, err := stk.RegisterDevice(ctx, owner, deviceKey, 0, 1)
	require.NoError(t, err)
	_, err = stk.StakeDevice(ctx, owner, deviceKey.PublicKey(), 400*IO)
	require.NoError(t, err)
	_, err = stk.UnstakeDevice(ctx, owner, deviceKey.PublicKey(), 100*IO) // still slashable while cooling
	require.NoError(t, err)
	prover := localnettest.NewWallet(t, chain, IO)
	beneficiary := localnettest.TokenAccount(t, prover.PublicKey(), ioMint)
	device := deviceAddr(t, deviceKey.PublicKey())
	supplyBefore := mintSupply(t)
	vaultBefore := localnettest.TokenBalance(t, stk.sx, stk.Addresses.StakeVault)
	cfgBefore, err := stk.FetchConfig(ctx)
	require.NoError(t, err)

	ledger, err := stk.FetchBurnLedger(ctx)
	require.NoError(t, err)
	slash := func(slasher, mint, beneficiary solana.PublicKey, amount uint64) []solana.Instruction {
		return localnettest.MustIx(t)(stk.SlashInstruction(slasher, deviceKey.PublicKey(), mint, beneficiary, amount, ledger))
	}
	outsider := localnettest.NewWallet(t, chain, 0)
	watch := []solana.PublicKey{stk.Addresses.Config, device, stk.Addresses.StakeVault, beneficiary, ioMint}
	cases := []struct {
		name   string
		want   string
		signer solana.PrivateKey
		ixs    []solana.Instruction
	}{
		{"by an unauthorised key", gen.Error_NotSlasher, outsider, slash(outsider.PublicKey(), ioMint, beneficiary, IO)},
		{"by the device owner", gen.Error_NotSlasher, owner, slash(owner.PublicKey(), ioMint, beneficiary, IO)},
		{"by the authority (governance after set-up)", gen.Error_NotSlasher, authority, slash(authority.PublicKey(), ioMint, beneficiary, IO)},
		{"zero", gen.Error_ZeroAmount, slasher, slash(slasher.PublicKey(), ioMint, beneficiary, 0)},
		{"more than active and cooling stake", gen.Error_SlashExceedsStake, slasher, slash(slasher.PublicKey(), ioMint, beneficiary, 400*IO+1)},
		{"overflowing amount", gen.Error_SlashExceedsStake, slasher, slash(slasher.PublicKey(), ioMint, beneficiary, ^uint64(0))},
		{"wrong mint (USDC)", gen.Error_WrongMint, slasher, slash(slasher.PublicKey(), chain.Manifest.Mints.USDC.Address, beneficiary, IO)},
		{"beneficiary holds USDC", gen.Error_WrongMint, slasher, slash(slasher.PublicKey(), ioMint, chain.Manifest.Distribution.USDCAccount, IO)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.signer, c.ixs)
		})
	}

	// 350 IO: all 300 active, then 50 of the 100 cooling; half burned (default 50%), half paid.
	res, err := stk.Slash(ctx, slasher, deviceKey.PublicKey(), beneficiary, 350*IO)
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, Events(details.Logs, stk.ProgramID), &gen.Slashed{
		DeviceKey: deviceKey.PublicKey(), Slasher: slasher.PublicKey(), Beneficiary: beneficiary,
		Amount: 350 * IO, Burned: 175 * IO, Paid: 175 * IO,
	})
	d, err := stk.FetchDevice(ctx, deviceKey.PublicKey())
	require.NoError(t, err)
	require.Zero(t, d.Stake)
	require.Equal(t, uint64(50*IO), d.Cooldowns[0].Amount)
	require.Equal(t, uint64(IO+175*IO), localnettest.TokenBalance(t, stk.sx, beneficiary))
	require.Equal(t, vaultBefore-350*IO, localnettest.TokenBalance(t, stk.sx, stk.Addresses.StakeVault))
	require.Equal(t, supplyBefore-175*IO, mintSupply(t), "the burn share leaves the supply")
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, cfgBefore.TotalDeviceStake-300*IO, cfg.TotalDeviceStake)
	require.Equal(t, cfgBefore.SlashedBurned+175*IO, cfg.SlashedBurned)
	require.Equal(t, cfgBefore.SlashedPaid+175*IO, cfg.SlashedPaid)
}

// TestAuthorityCannotSlash reproduces part of finding 12 of issue 13: the staking authority
// (the governance PDA after set-up) could slash any device. Only the configured slasher (the
// jobs program's PDA, on a proven fault) may; the authority's slash lands and fails, moving
// nothing but its fee.
func TestAuthorityCannotSlash(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 1_000*IO)
	deviceKey := solana.NewWallet().PrivateKey
	_, err := stk.RegisterDevice(ctx, owner, deviceKey, 0, 1)
	require.NoError(t, err)
	_, err = stk.StakeDevice(ctx, owner, deviceKey.PublicKey(), 10*IO)
	require.NoError(t, err)
	beneficiary := localnettest.TokenAccount(t, authority.PublicKey(), ioMint)
	watch := []solana.PublicKey{stk.Addresses.Config, deviceAddr(t, deviceKey.PublicKey()), stk.Addresses.StakeVault, beneficiary, ioMint}
	ledger, err := stk.FetchBurnLedger(ctx)
	require.NoError(t, err)
	requireRejected(t, gen.Error_NotSlasher, watch, authority,
		localnettest.MustIx(t)(stk.SlashInstruction(authority.PublicKey(), deviceKey.PublicKey(), ioMint, beneficiary, 10*IO, ledger)))
	_, err = stk.Slash(ctx, slasher, deviceKey.PublicKey(), localnettest.TokenAccount(t, owner.PublicKey(), ioMint), 3)
	require.NoError(t, err, "the configured slasher may")
	d, err := stk.FetchDevice(ctx, deviceKey.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(10*IO-3), d.Stake)
}

func mintSupply(t testing.TB) uint64 {
	t.Helper()
	m, err := stk.sx.FetchMint(localnettest.Context(t), ioMint)
	require.NoError(t, err)
	return m.Supply
}
