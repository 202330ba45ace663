package capacity

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func seq(v byte) (out [32]byte) {
	for i := range out {
		out[i] = v + byte(i)
	}
	return out
}

// The samples of programs-idl/samples/capacity.mjs, built with the Go encoders, must equal the
// bytes of the official Anchor TS coder (programs-idl/golden/capacity.json).
func TestGoldenEncodings(t *testing.T) {
	c, err := New(nil, gen.ProgramID, localnettest.SampleKey(8))
	require.NoError(t, err)
	k := localnettest.SampleKey
	ixData := localnettest.InstructionData(t)
	params := gen.CapacityParams{ValidityEpochs: 24, IntervalSlots: 150}
	params.Classes[0] = gen.ClassParams{N: 16, K: 4, DeadlineSlots: 40}
	params.Classes[2] = gen.ClassParams{N: 4096, K: 1, DeadlineSlots: 400}
	params.Classes[3] = gen.ClassParams{N: 8, K: 4, DeadlineSlots: 10}
	config := gen.CapacityConfig{Authority: k(1), StakingProgram: k(2), ValidityEpochs: 24, IntervalSlots: 150, Classes: params.Classes, Bump: 253}
	record := gen.DeviceCapacity{
		DeviceKey: k(4), N: 16, K: 4, DeadlineSlots: 40, RequestSlot: 100, CommitSlot: 103, ClosedSlot: 107,
		Seed: seq(9), Root: seq(11), ProvedMask: 15, Challenges: 2, Passes: 1, Misses: 1, LastPassSlot: 107,
		LastPassTs: 1_765_000_000, Status: StatusPassed,
	}
	localnettest.RequireGolden(t, "capacity", map[string][]byte{
		"instruction/initialize":        ixData(c.InitializeInstruction(k(1), k(7), params)),
		"instruction/update_params":     ixData(c.UpdateParamsInstruction(k(1), params)),
		"instruction/request_challenge": ixData(c.RequestChallengeInstruction(k(1), k(2))),
		"instruction/commit":            ixData(c.CommitInstruction(k(1), seq(5))),
		"instruction/prove":             ixData(c.ProveInstruction(k(1), []pow.Opening{{M: 3, Value: pow.P - 1, Path: [][32]byte{seq(1), seq(2)}}})),
		"instruction/expire":            ixData(c.ExpireInstruction(k(1))),
		"account/CapacityConfig":        localnettest.WithDiscriminator(t, gen.Account_CapacityConfig, config),
		"account/DeviceCapacity":        localnettest.WithDiscriminator(t, gen.Account_DeviceCapacity, record),
	})
}
