package emission

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestCrankRejectsSubstitutedAccounts swaps each account of a crank for one an attacker controls
// or a look-alike, and expects the named rejection with nothing changed.
func TestCrankRejectsSubstitutedAccounts(t *testing.T) {
	ctx := localnettest.Context(t)
	attacker := localnettest.NewWallet(t, chain, 10*IO)
	attackerIO := localnettest.TokenAccount(t, attacker.PublicKey(), ioMint)
	usdc := chain.Manifest.Mints.USDC.Address
	attackerUSDC, err := solanax.AssociatedTokenAddress(attacker.PublicKey(), usdc)
	require.NoError(t, err)
	createUSDC, err := solanax.CreateAssociatedTokenAccountIdempotent(attacker.PublicKey(), attacker.PublicKey(), usdc, solana.TokenProgramID)
	require.NoError(t, err)
	_, err = em.sx.Send(ctx, attacker, []solana.Instruction{createUSDC})
	require.NoError(t, err)

	// Account positions in the crank instruction (programs-idl/emission.json).
	const (
		state = iota + 1
		mint
		stakerVault
		supplierVault
		tipAccount
		stakingProgram
		stakingConfig
		rewardVault
		tokenProgram
	)
	cases := []struct {
		name  string
		index int
		with  solana.PublicKey
		want  string
	}{
		{"state: the staking config", state, em.Staking.Addresses.Config, "InvalidAccountOwner"},
		{"mint: USDC", mint, usdc, gen.Error_WrongMint},
		{"staker vault: the attacker's", stakerVault, attackerIO, gen.Error_WrongVault},
		{"supplier vault: the attacker's", supplierVault, attackerIO, gen.Error_WrongVault},
		{"supplier vault: the staker vault", supplierVault, em.Addresses.StakerVault, gen.Error_WrongVault},
		{"tip account: a USDC account", tipAccount, attackerUSDC, gen.Error_WrongMint},
		{"staking program: SPL Token", stakingProgram, solana.TokenProgramID, "IncorrectProgramId"},
		{"staking config: the emission state", stakingConfig, em.Addresses.State, gen.Error_WrongStakingAccount},
		{"reward vault: the attacker's", rewardVault, attackerIO, gen.Error_WrongStakingAccount},
		{"reward vault: the stake vault", rewardVault, em.Staking.Addresses.StakeVault, gen.Error_WrongStakingAccount},
		{"token program: System", tokenProgram, solana.SystemProgramID, "IncorrectProgramId"},
	}
	watch := []solana.PublicKey{em.Addresses.State, ioMint, em.Addresses.StakerVault, em.Addresses.SupplierVault, attackerIO, em.Staking.Addresses.RewardVault}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix, err := em.CrankInstruction(attacker.PublicKey(), ioMint, attackerIO, 0)
			require.NoError(t, err)
			metas := ix.Accounts()
			swapped := make(solana.AccountMetaSlice, len(metas))
			for i, m := range metas {
				copied := *m
				swapped[i] = &copied
			}
			swapped[c.index].PublicKey = c.with
			data, err := ix.Data()
			require.NoError(t, err)
			requireRejected(t, c.want, watch, attacker, []solana.Instruction{solana.NewInstruction(em.ProgramID, swapped, data)})
		})
	}
}

// TestInitializeRejectsUnfitMints checks initialize's rules with fresh mints (they fail before
// the already-created state is looked at): only the upgrade authority, then the mint's.
func TestInitializeRejectsUnfitMints(t *testing.T) {
	ctx := localnettest.Context(t)
	payer := upgrader
	rent, err := em.sx.RPC.GetMinimumBalanceForRentExemption(ctx, solanax.MintSize, "confirmed")
	require.NoError(t, err)
	newMint := func(decimals uint8, freeze bool) solana.PublicKey {
		mint := solana.NewWallet().PrivateKey
		var freezeAuthority *solana.PublicKey
		if freeze {
			pub := payer.PublicKey()
			freezeAuthority = &pub
		}
		ixs := solanax.CreateMintInstructions(payer.PublicKey(), mint.PublicKey(), payer.PublicKey(), freezeAuthority, decimals, rent)
		_, err := em.sx.Send(ctx, payer, ixs, solanax.WithSigners(mint))
		require.NoError(t, err)
		return mint.PublicKey()
	}
	settings := DefaultSettings(payer.PublicKey(), payer.PublicKey())
	cases := []struct {
		name string
		mint solana.PublicKey
		want string
	}{
		{"a mint with a freeze authority", newMint(8, true), gen.Error_MintHasFreezeAuthority},
		{"a mint with 6 decimals", newMint(6, false), gen.Error_WrongDecimals},
		{"a mint without the launch supply", newMint(8, false), gen.Error_WrongLaunchSupply},
		{"the IO mint, signed by someone who is not its authority", ioMint, gen.Error_WrongMintAuthority},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix, err := em.InitializeInstruction(payer.PublicKey(), payer.PublicKey(), c.mint, startTs, settings)
			require.NoError(t, err)
			requireRejected(t, c.want, []solana.PublicKey{c.mint, em.Addresses.State}, payer, []solana.Instruction{ix})
		})
	}
	t.Run("a payer who is not the program's upgrade authority", func(t *testing.T) {
		outsider := localnettest.NewWallet(t, chain, 0)
		ix, err := em.InitializeInstruction(outsider.PublicKey(), outsider.PublicKey(), newMint(8, false), startTs, settings)
		require.NoError(t, err)
		requireRejected(t, gen.Error_NotUpgradeAuthority, []solana.PublicKey{em.Addresses.State}, outsider, []solana.Instruction{ix})
	})
}
