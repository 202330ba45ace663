package capacity

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// attack is one hostile transaction: who pays, the instructions, who else signs, the error.
type attack struct {
	payer   solana.PrivateKey
	ixs     []solana.Instruction
	signers []solana.PrivateKey
}

func TestAdversarialConfig(t *testing.T) {
	stranger := localnettest.NewWallet(t, chain, 0)
	with := func(edit func(*gen.CapacityParams)) gen.CapacityParams {
		p := testParams()
		edit(&p)
		return p
	}
	bad := map[string]gen.CapacityParams{
		"n not a power of two":     with(func(p *gen.CapacityParams) { p.Classes[0].N = 12 }),
		"n above 4096":             with(func(p *gen.CapacityParams) { p.Classes[0].N = 8192 }),
		"k zero":                   with(func(p *gen.CapacityParams) { p.Classes[5].K = 0 }),
		"proofs beyond one tx":     with(func(p *gen.CapacityParams) { p.Classes[0].K = 2 }),
		"deadline past SlotHashes": with(func(p *gen.CapacityParams) { p.Classes[5].DeadlineSlots = 500 }),
		"deadline below 10":        with(func(p *gen.CapacityParams) { p.Classes[5].DeadlineSlots = 9 }),
		"validity zero":            with(func(p *gen.CapacityParams) { p.ValidityEpochs = 0 }),
		"interval above a day":     with(func(p *gen.CapacityParams) { p.IntervalSlots = 216_001 }),
		"an empty table":           {}, // validity 0 (every class disabled is fine on its own)
	}
	for name, params := range bad {
		t.Run("update_params/"+name, func(t *testing.T) {
			ix, err := cp.UpdateParamsInstruction(upgrader.PublicKey(), params)
			require.NoError(t, err)
			require.Error(t, CheckParams(params), "the client refuses it before sending too")
			rejected(t, gen.Error_InvalidParams, upgrader, []solana.Instruction{ix})
		})
	}
	cases := map[string]struct {
		want  string
		build func(t *testing.T) attack
	}{
		"update_params by a stranger": {gen.Error_NotAuthority, func(t *testing.T) attack {
			ix, err := cp.UpdateParamsInstruction(stranger.PublicKey(), testParams())
			require.NoError(t, err)
			return attack{stranger, []solana.Instruction{ix}, nil}
		}},
		"initialize by a stranger": {gen.Error_NotUpgradeAuthority, func(t *testing.T) attack {
			ix, err := cp.InitializeInstruction(stranger.PublicKey(), stranger.PublicKey(), testParams())
			require.NoError(t, err)
			return attack{stranger, []solana.Instruction{ix}, nil}
		}},
		"initialize by a stranger, out of bounds too": {gen.Error_NotUpgradeAuthority, func(t *testing.T) attack {
			ix, err := cp.InitializeInstruction(stranger.PublicKey(), stranger.PublicKey(), gen.CapacityParams{})
			require.NoError(t, err)
			return attack{stranger, []solana.Instruction{ix}, nil}
		}},
		"initialize out of bounds": {gen.Error_InvalidParams, func(t *testing.T) attack {
			ix, err := cp.InitializeInstruction(upgrader.PublicKey(), upgrader.PublicKey(), gen.CapacityParams{})
			require.NoError(t, err)
			return attack{upgrader, []solana.Instruction{ix}, nil}
		}},
		"set_authority by a stranger (taking the table)": {gen.Error_NotAuthority, func(t *testing.T) attack {
			ix, err := cp.SetAuthorityInstruction(stranger.PublicKey(), stranger.PublicKey())
			require.NoError(t, err)
			return attack{stranger, []solana.Instruction{ix}, nil}
		}},
		"initialize again": {"AccountAlreadyInitialized", func(t *testing.T) attack {
			ix, err := cp.InitializeInstruction(upgrader.PublicKey(), upgrader.PublicKey(), testParams())
			require.NoError(t, err)
			return attack{upgrader, []solana.Instruction{ix}, nil}
		}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a := c.build(t)
			rejected(t, c.want, a.payer, a.ixs, a.signers...)
		})
	}
	// The table did not change.
	cfg, err := cp.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	require.Equal(t, testParams(), gen.CapacityParams{ValidityEpochs: cfg.ValidityEpochs, IntervalSlots: cfg.IntervalSlots, Classes: cfg.Classes})
	require.Equal(t, upgrader.PublicKey(), cfg.Authority)
}

func TestAdversarialRequest(t *testing.T) {
	keeper := localnettest.NewWallet(t, chain, 0)
	request := func(t *testing.T, deviceKey, device, record solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewRequestChallengeInstruction(keeper.PublicKey(), cp.Config, deviceKey, device, record, solana.SystemProgramID)
		ix, err = anchor.At("capacity", cp.ProgramID, ix, err)
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
	cases := map[string]struct {
		want  string
		build func(t *testing.T) []solana.Instruction
	}{
		"class without a challenge": {gen.Error_ClassDisabled, func(t *testing.T) []solana.Instruction {
			ix, err := cp.RequestChallengeInstruction(keeper.PublicKey(), newDevice(t, classDisabled).PublicKey())
			return localnettest.MustIx(t)(ix, err)
		}},
		"another device's staking account": {gen.Error_WrongDevice, func(t *testing.T) []solana.Instruction {
			a, b := newDevice(t, classCPU).PublicKey(), newDevice(t, classCPU).PublicKey()
			deviceB, err := staking.DeviceAddress(stk.ProgramID, b)
			require.NoError(t, err)
			recordA, err := RecordAddress(cp.ProgramID, a)
			require.NoError(t, err)
			return request(t, a, deviceB, recordA)
		}},
		"an unregistered key": {gen.Error_WrongDevice, func(t *testing.T) []solana.Instruction {
			ix, err := cp.RequestChallengeInstruction(keeper.PublicKey(), solana.NewWallet().PublicKey())
			return localnettest.MustIx(t)(ix, err)
		}},
		"another device's record": {"InvalidSeeds", func(t *testing.T) []solana.Instruction {
			a, b := newDevice(t, classCPU).PublicKey(), newDevice(t, classCPU).PublicKey()
			deviceA, err := staking.DeviceAddress(stk.ProgramID, a)
			require.NoError(t, err)
			recordB, err := RecordAddress(cp.ProgramID, b)
			require.NoError(t, err)
			return request(t, a, deviceA, recordB)
		}},
		// The record is at its seed's address under the config PDA: its old PDA, and the same seed
		// under the device key (which anyone holding it could create), are refused.
		"the record's old PDA": {"InvalidSeeds", func(t *testing.T) []solana.Instruction {
			a := newDevice(t, classCPU).PublicKey()
			deviceA, err := staking.DeviceAddress(stk.ProgramID, a)
			require.NoError(t, err)
			old, err := anchor.PDA(cp.ProgramID, []byte("capacity"), a.Bytes())
			require.NoError(t, err)
			return request(t, a, deviceA, old)
		}},
		"the record's seed under the device key": {"InvalidSeeds", func(t *testing.T) []solana.Instruction {
			a := newDevice(t, classCPU).PublicKey()
			deviceA, err := staking.DeviceAddress(stk.ProgramID, a)
			require.NoError(t, err)
			underKey, err := anchor.SeededAddress(cp.ProgramID, a, staking.KeySeed(tagCapacity, a))
			require.NoError(t, err)
			return request(t, a, deviceA, underKey)
		}},
		"a challenge already open": {gen.Error_ChallengeOpen, func(t *testing.T) []solana.Instruction {
			device, _ := requested(t, classCPU)
			ix, err := cp.RequestChallengeInstruction(keeper.PublicKey(), device.PublicKey())
			return localnettest.MustIx(t)(ix, err)
		}},
		"right after the last closed": {gen.Error_TooSoon, func(t *testing.T) []solana.Instruction {
			device, seed, ans, check := committed(t, classCPU)
			_, err := cp.Prove(localnettest.Context(t), device, device, ans.Open(check, seed, 0, 2))
			require.NoError(t, err)
			ix, err := cp.RequestChallengeInstruction(keeper.PublicKey(), device.PublicKey())
			return localnettest.MustIx(t)(ix, err)
		}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rejected(t, c.want, keeper, c.build(t))
		})
	}
}

func TestAdversarialCommitProveExpire(t *testing.T) {
	ctx := localnettest.Context(t)
	keeper := localnettest.NewWallet(t, chain, 0)
	commitIx := func(t *testing.T, signer, deviceKey solana.PublicKey, slotHashes solana.PublicKey) solana.Instruction {
		record, err := RecordAddress(cp.ProgramID, deviceKey)
		require.NoError(t, err)
		ix, err := gen.NewCommitInstruction([32]byte{7}, signer, record, slotHashes)
		ix, err = anchor.At("capacity", cp.ProgramID, ix, err)
		require.NoError(t, err)
		return ix
	}
	proveIx := func(t *testing.T, device solana.PublicKey, openings []pow.Opening) solana.Instruction {
		ix, err := cp.ProveInstruction(device, openings)
		require.NoError(t, err)
		return ix
	}
	cases := map[string]struct {
		want  string
		build func(t *testing.T) attack
	}{
		"commit by another key": {gen.Error_WrongDevice, func(t *testing.T) attack {
			device, _ := requested(t, classCPU)
			other := localnettest.NewWallet(t, chain, 0)
			return attack{other, []solana.Instruction{commitIx(t, other.PublicKey(), device.PublicKey(), solana.SysVarSlotHashesPubkey)}, nil}
		}},
		"commit with a fake SlotHashes": {"InvalidArgument", func(t *testing.T) attack {
			device, _ := requested(t, classCPU)
			waitSlot(t, slot(t))
			return attack{device, []solana.Instruction{commitIx(t, device.PublicKey(), device.PublicKey(), solana.SysVarClockPubkey)}, nil}
		}},
		"commit twice": {gen.Error_NoOpenChallenge, func(t *testing.T) attack {
			device, _, _, _ := committed(t, classCPU)
			return attack{device, []solana.Instruction{commitIx(t, device.PublicKey(), device.PublicKey(), solana.SysVarSlotHashesPubkey)}, nil}
		}},
		"prove before the commit": {gen.Error_NoOpenChallenge, func(t *testing.T) attack {
			device, _ := requested(t, classCPU)
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), nil)}, nil}
		}},
		"prove in the commit's transaction": {gen.Error_ChecksNotReady, func(t *testing.T) attack {
			device, rec := requested(t, classCPU)
			seed, ans := solved(t, device, rec)
			commit, err := cp.CommitInstruction(device.PublicKey(), ans.Root())
			require.NoError(t, err)
			// Guessed entries: the check slot's hash is unknown until the commit's slot is over.
			return attack{device, []solana.Instruction{commit, proveIx(t, device.PublicKey(), ans.Open([32]byte{}, seed, 0, 2))}, nil}
		}},
		"a path that misses the root": {gen.Error_InvalidProof, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classCPU)
			open := ans.Open(check, seed, 0, 2)
			open[1].Path[3][0] ^= 1
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), open)}, nil}
		}},
		"an entry proved twice": {gen.Error_InvalidProof, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classCPU)
			open := ans.Open(check, seed, 0, 1)
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), append(open, open[0]))}, nil}
		}},
		"an entry beyond k": {gen.Error_InvalidProof, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classCPU)
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), ans.Open(check, seed, 2, 1))}, nil}
		}},
		"a short path": {gen.Error_InvalidProof, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classCPU)
			open := ans.Open(check, seed, 0, 2)
			open[0].Path = open[0].Path[:len(open[0].Path)-1]
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), open)}, nil}
		}},
		"a chosen entry instead of the picked one": {gen.Error_InvalidProof, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classCPU)
			open := ans.Open(check, seed, 0, 1)
			// The opening of another entry (leaf 0) under m = 0.
			open[0].Value, open[0].Path = ans.C[0], ans.Open([32]byte{}, seed, 0, 1)[0].Path
			if i, j := pow.CheckedEntry(check, seed, 64, 0); i == 0 && j == 0 {
				t.Skip("the check picked entry (0, 0) itself")
			}
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), open)}, nil}
		}},
		"prove by another key": {gen.Error_WrongDevice, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classCPU)
			other := localnettest.NewWallet(t, chain, 0)
			record, err := RecordAddress(cp.ProgramID, device.PublicKey())
			require.NoError(t, err)
			entries := []gen.ProvedEntry{}
			for _, o := range ans.Open(check, seed, 0, 2) {
				entries = append(entries, gen.ProvedEntry{M: o.M, Value: o.Value, Path: o.Path})
			}
			ix, err := gen.NewProveInstruction(entries, other.PublicKey(), record, solana.SysVarSlotHashesPubkey)
			ix, err = anchor.At("capacity", cp.ProgramID, ix, err)
			require.NoError(t, err)
			return attack{other, []solana.Instruction{ix}, nil}
		}},
		"prove after the deadline": {gen.Error_DeadlinePassed, func(t *testing.T) attack {
			device, seed, ans, check := committed(t, classShort)
			rec := record(t, device.PublicKey())
			waitSlot(t, rec.CommitSlot+rec.DeadlineSlots)
			return attack{device, []solana.Instruction{proveIx(t, device.PublicKey(), ans.Open(check, seed, 0, 3))}, nil}
		}},
		"expire in time": {gen.Error_NotExpired, func(t *testing.T) attack {
			device, _ := requested(t, classCPU)
			ix, err := cp.ExpireInstruction(device.PublicKey())
			return attack{keeper, localnettest.MustIx(t)(ix, err), nil}
		}},
		"expire a closed challenge": {gen.Error_NoOpenChallenge, func(t *testing.T) attack {
			device, _ := requested(t, classCPU)
			_, err := cp.Answer(ctx, device, device, pow.CPU{}, nil)
			require.NoError(t, err)
			ix, err := cp.ExpireInstruction(device.PublicKey())
			return attack{keeper, localnettest.MustIx(t)(ix, err), nil}
		}},
		"expire the config": {gen.Error_WrongAccountType, func(t *testing.T) attack {
			ix, err := gen.NewExpireInstruction(cp.Config)
			ix, err = anchor.At("capacity", cp.ProgramID, ix, err)
			return attack{keeper, localnettest.MustIx(t)(ix, err), nil}
		}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a := c.build(t)
			rejected(t, c.want, a.payer, a.ixs, a.signers...)
		})
	}
}

// Lamports sent to a device's record address before its first challenge cannot block it.
func TestPrefundedRecord(t *testing.T) {
	for _, p := range localnettest.Prefunds {
		t.Run(p.Name, func(t *testing.T) {
			device := newDevice(t, classCPU)
			addr, err := RecordAddress(cp.ProgramID, device.PublicKey())
			require.NoError(t, err)
			localnettest.Prefund(t, chain, addr, p.Lamports)
			keeper := localnettest.NewWallet(t, chain, 0)
			_, err = cp.Request(localnettest.Context(t), keeper, device.PublicKey())
			require.NoError(t, err)
			localnettest.RequireCreated(t, chain, addr, cp.ProgramID, p.Lamports)
			require.Equal(t, StatusRequested, record(t, device.PublicKey()).Status)
		})
	}
}
