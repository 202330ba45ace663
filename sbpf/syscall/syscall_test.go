package syscall

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference hashes as the Solana loader registers them.
func TestHashMatchesLoaderValues(t *testing.T) {
	tests := []struct {
		name string
		want uint32
	}{
		{"abort", 0xb6fc1a11},
		{"sol_panic_", 0x686093bb},
		{"sol_log_", 0x207559bd},
		{"sol_log_64_", 0x5c2a3178},
		{"sol_log_pubkey", 0x7ef088ca},
		{"sol_log_compute_units_", 0x52ba5096},
		{"sol_create_program_address", 0x9377323c},
		{"sol_try_find_program_address", 0x48504a38},
		{"sol_sha256", 0x11f49d86},
		{"sol_keccak256", 0xd7793abb},
		{"sol_memcmp_", 0x5fdcde31},
		{"sol_invoke_signed_c", 0xa22b9c85},
		{"sol_log_data", 0x7317b434},
		{"sol_get_epoch_stake", 0x5be92f4a},
		{"entrypoint", 0x71e3cf81},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Hash(tt.name))
		})
	}
}

func TestTableLookups(t *testing.T) {
	require.True(t, Known("sol_sha256"))
	require.False(t, Known("memcpy"))
	name, ok := ByHash(0x207559bd)
	require.True(t, ok)
	require.Equal(t, "sol_log_", name)
}
