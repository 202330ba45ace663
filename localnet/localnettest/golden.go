package localnettest

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

// SampleKey is the public key whose 32 bytes are all i, as the IDL samples
// (programs-idl/samples/*.mjs) build them.
func SampleKey(i byte) solana.PublicKey {
	var k solana.PublicKey
	for j := range k {
		k[j] = i
	}
	return k
}

// Marshaler is a generated account, event or type.
type Marshaler interface{ Marshal() ([]byte, error) }

// WithDiscriminator is v's encoding behind its 8-byte discriminator, as it sits in an account or
// an event's log line.
func WithDiscriminator(t testing.TB, disc [8]byte, v Marshaler) []byte {
	t.Helper()
	body, err := v.Marshal()
	require.NoError(t, err)
	return append(disc[:], body...)
}

// InstructionData unwraps an instruction builder's result into the instruction's data:
// InstructionData(t)(client.StakeInstruction(...)).
func InstructionData(t testing.TB) func(solana.Instruction, error) []byte {
	return func(ix solana.Instruction, err error) []byte {
		t.Helper()
		require.NoError(t, err)
		data, err := ix.Data()
		require.NoError(t, err)
		return data
	}
}

// RequireGolden asserts that ours, the Go encodings of program's IDL samples keyed "kind/name"
// ("instruction/stake", "account/Config", "event/Staked"), are exactly the samples of
// programs-idl/golden/<program>.json that the official Anchor TS coder produced: the same set, the
// same bytes.
func RequireGolden(t *testing.T, program string, ours map[string][]byte) {
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "programs-idl", "golden", program+".json"))
	require.NoError(t, err, "golden bytes: run make generate")
	var golden struct {
		Samples []struct {
			Kind, Name, Hex string
		}
	}
	require.NoError(t, json.Unmarshal(raw, &golden))
	require.Len(t, golden.Samples, len(ours), "every golden sample has a Go encoding and back")
	for _, s := range golden.Samples {
		id := s.Kind + "/" + s.Name
		t.Run(id, func(t *testing.T) {
			got, ok := ours[id]
			require.True(t, ok, "no Go encoding for golden sample %s", id)
			require.Equal(t, s.Hex, hex.EncodeToString(got))
		})
	}
}

// repoRoot is the module root: the nearest directory above the test's package directory (its
// working directory) that holds go.mod.
func repoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test's directory")
		dir = parent
	}
}
