package faulttest

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	capgen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestAdversarialSlashFault: each hostile slash_fault (or slash, or add_slasher) lands, fails
// with its error, and moves nothing but the fee.
func TestAdversarialSlashFault(t *testing.T) {
	ctx := localnettest.Context(t)
	faulty, _, out := answered(t, offByOne)
	require.Equal(t, capacity.StatusFault, out.Status)
	honest, _, out := answered(t, nil)
	require.Equal(t, capacity.StatusPassed, out.Status)
	target, err := cp.FetchSlashTarget(ctx)
	require.NoError(t, err)
	attacker := localnettest.NewWallet(t, chain, 1)
	attackerIO := localnettest.TokenAccount(t, attacker.PublicKey(), target.IOMint)
	watch := append(watched(t, faulty.PublicKey(), target), watched(t, honest.PublicKey(), target)...)
	entry, err := staking.SlasherEntryAddress(stk.ProgramID, cp.Config)
	require.NoError(t, err)

	// slashFault is slash_fault of deviceKey into target, with edit applied to its accounts.
	slashFault := func(deviceKey solana.PublicKey, target capacity.SlashTarget, edit func(solana.AccountMetaSlice)) []solana.Instruction {
		ix, err := cp.SlashFaultInstruction(deviceKey, target)
		require.NoError(t, err)
		if edit != nil {
			edit(ix.Accounts())
		}
		return []solana.Instruction{ix}
	}
	toAttacker := target
	toAttacker.Treasury = attackerIO
	otherDevice, err := staking.DeviceAddress(stk.ProgramID, honest.PublicKey())
	require.NoError(t, err)
	const (
		accStakingProgram = 2
		accDevice         = 4
		accEmissionState  = 10
		accSlasherEntry   = 11
	)
	cases := []struct {
		name, program, want string
		ixs                 []solana.Instruction
	}{
		{"a device without a fault", "capacity", capgen.Error_NoFaultToSlash, slashFault(honest.PublicKey(), target, nil)},
		{"the paid share to the caller", "capacity", capgen.Error_WrongTreasury, slashFault(faulty.PublicKey(), toAttacker, nil)},
		{"a look-alike emission state", "capacity", capgen.Error_WrongTreasury, slashFault(faulty.PublicKey(), target, func(a solana.AccountMetaSlice) {
			a[accEmissionState].PublicKey = stk.Addresses.Config
		})},
		{"another device's stake", "capacity", capgen.Error_WrongDevice, slashFault(faulty.PublicKey(), target, func(a solana.AccountMetaSlice) {
			a[accDevice].PublicKey = otherDevice
		})},
		{"another staking program", "capacity", "IncorrectProgramId", slashFault(faulty.PublicKey(), target, func(a solana.AccountMetaSlice) {
			a[accStakingProgram].PublicKey = chain.Manifest.Programs["jobs"]
		})},
		{"no registry entry (the staking config instead)", "staking", stakinggen.Error_NotSlasher, slashFault(faulty.PublicKey(), target, func(a solana.AccountMetaSlice) {
			a[accSlasherEntry].PublicKey = stk.Addresses.Config
		})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := capacityErrors
			if c.program == "staking" {
				errs = stakingErrors
			}
			rejected(t, errs, c.want, watch, attacker, c.ixs)
		})
	}

	t.Run("staking's slash signed by an outsider naming the capacity entry", func(t *testing.T) {
		ix, err := stk.SlashInstruction(attacker.PublicKey(), faulty.PublicKey(), target.IOMint, attackerIO, 1, target.Ledger)
		require.NoError(t, err)
		ix = withAccount(t, ix, entry)
		rejected(t, stakingErrors, stakinggen.Error_NotSlasher, watch, attacker, []solana.Instruction{ix})
	})
	t.Run("add_slasher by someone other than the upgrade authority", func(t *testing.T) {
		ix, err := stk.AddSlasherInstruction(attacker.PublicKey(), attacker.PublicKey())
		require.NoError(t, err)
		own, err := staking.SlasherEntryAddress(stk.ProgramID, attacker.PublicKey())
		require.NoError(t, err)
		rejected(t, stakingErrors, stakinggen.Error_NotUpgradeAuthority, append(watch, own), attacker, []solana.Instruction{ix})
	})
	t.Run("the faulty device is still slashable", func(t *testing.T) {
		require.True(t, capacity.Slashable(record(t, faulty.PublicKey())))
	})
}

// withAccount is ix with extra appended to its accounts, read-only: a remaining account.
func withAccount(t *testing.T, ix solana.Instruction, extra solana.PublicKey) solana.Instruction {
	t.Helper()
	data, err := ix.Data()
	require.NoError(t, err)
	accounts := append(solana.AccountMetaSlice{}, ix.Accounts()...)
	accounts = append(accounts, solana.Meta(extra))
	return solana.NewInstruction(ix.ProgramID(), accounts, data)
}
