package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// launchSupply is the IO mint's supply before any emission: 500,000,000 IO.
const launchSupply = 500_000_000 * IO

var emissionErrors = anchor.MustErrors("emission", emissiongen.IDL)

// TestSlashBurnsThroughTheLedger: the burned share of a slash used to be burned straight from the
// stake vault, outside the emission ledger, so the supply equation needed a special case
// (staking's slashed_burned). It now goes through emission's burn_slash: the ledger's burned
// total counts it and supply == launch + emitted - burned holds as it is. Nobody can hand the
// slash another "emission" program, or call burn_slash but the staking config PDA.
func TestSlashBurnsThroughTheLedger(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 1_000*IO)
	deviceKey := solana.NewWallet().PrivateKey
	_, err := stk.RegisterDevice(ctx, owner, deviceKey, 0, 1)
	require.NoError(t, err)
	_, err = stk.StakeDevice(ctx, owner, deviceKey.PublicKey(), 400*IO)
	require.NoError(t, err)
	beneficiary := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	ledger, err := stk.FetchBurnLedger(ctx)
	require.NoError(t, err)
	require.Equal(t, chain.Manifest.Programs["emission"], ledger.Program)

	before := emissionState(t, ledger)
	requireSupplyEquation(t, ledger)
	_, err = stk.Slash(ctx, slasher, deviceKey.PublicKey(), beneficiary, 100*IO)
	require.NoError(t, err)
	after := emissionState(t, ledger)
	require.Equal(t, before.Burned+50*IO, after.Burned, "the burned half is in the ledger")
	require.Equal(t, before.BurnCount, after.BurnCount, "no treasury burn record")
	requireSupplyEquation(t, ledger)

	device := deviceAddr(t, deviceKey.PublicKey())
	watch := []solana.PublicKey{stk.Addresses.Config, device, stk.Addresses.StakeVault, ledger.State, ioMint}
	for _, tc := range []struct {
		name   string
		ledger BurnLedger
	}{
		{"another program posing as emission", BurnLedger{Program: stk.ProgramID, State: ledger.State}},
		{"another state", BurnLedger{Program: ledger.Program, State: stk.Addresses.Config}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := localnettest.MustIx(t)(stk.SlashInstruction(slasher.PublicKey(), deviceKey.PublicKey(), ioMint, beneficiary, IO, tc.ledger))
			requireRejected(t, gen.Error_WrongEmissionProgram, watch, slasher, ix)
		})
	}

	// burn_slash straight from an outsider's own account: only the staking config PDA may.
	outsider := localnettest.NewWallet(t, chain, 10*IO)
	outsiderIO := localnettest.TokenAccount(t, outsider.PublicKey(), ioMint)
	ix, err := emissiongen.NewBurnSlashInstruction(IO, outsider.PublicKey(), ledger.State, outsiderIO, ioMint, solana.TokenProgramID)
	require.NoError(t, err)
	data, err := ix.Data()
	require.NoError(t, err)
	burn := []solana.Instruction{solana.NewInstruction(ledger.Program, ix.Accounts(), data)}
	emissionProgram := localnettest.Program{ID: ledger.Program, Errors: emissionErrors}
	localnettest.RequireRejectedOnChain(t, stk.sx, emissionProgram, emissiongen.Error_NotStakingConfig, []solana.PublicKey{ledger.State, outsiderIO, ioMint}, outsider, burn)
}

func emissionState(t testing.TB, ledger BurnLedger) *emissiongen.EmissionState {
	t.Helper()
	acct, err := stk.sx.RPC.GetAccountInfo(localnettest.Context(t), ledger.State)
	require.NoError(t, err)
	st, err := emissiongen.ParseAccount_EmissionState(acct.Value.Data.GetBinary())
	require.NoError(t, err)
	return st
}

// requireSupplyEquation checks supply == launch + emitted - burned, with no slash term.
func requireSupplyEquation(t testing.TB, ledger BurnLedger) {
	t.Helper()
	st := emissionState(t, ledger)
	require.Equal(t, launchSupply+st.Emitted-st.Burned, mintSupply(t), "supply equation")
}
