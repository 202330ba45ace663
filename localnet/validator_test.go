package localnet

import (
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The solana-test-validator backend gets the same genesis and manifest over JSON-RPC.
func TestValidatorBackend(t *testing.T) {
	if _, err := exec.LookPath(validatorBinary); err != nil {
		t.Skipf("%s is not installed (it comes with the Solana CLI, from GitHub releases, unreachable here): %v", validatorBinary, err)
	}
	t.Parallel()
	ctx := testContext(t)
	c, err := Start(ctx, Options{Backend: BackendValidator})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Stop()) }()

	assert.Equal(t, BackendValidator, c.Manifest.Backend)
	supply, err := c.RPC.GetTokenSupply(ctx, c.Manifest.Mints.IO.Address, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, strconv.FormatUint(IOLaunchSupply, 10), supply.Value.Amount)
	for name, w := range c.Manifest.Wallets {
		bal, err := c.RPC.GetBalance(ctx, w.Pubkey, rpc.CommitmentConfirmed)
		require.NoError(t, err, name)
		assert.Equal(t, WalletFunding.Lamports, bal.Value, name)
	}
	for name, id := range c.Manifest.Programs {
		acct, err := c.RPC.GetAccountInfo(ctx, id)
		require.NoError(t, err, name)
		assert.True(t, acct.Value.Executable, name)
	}
}

func TestValidatorRejectsWhatItCannotDo(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		path string // $PATH; "" keeps it
		want string
	}{
		{"default features", Options{Features: FeaturesDefault}, "", "always activates every feature"},
		{"slot duration", Options{SlotDuration: 100 * time.Millisecond}, "", "has no slot duration setting"},
		{"not installed", Options{}, t.TempDir(), "solana-test-validator not found on PATH: install the Solana CLI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path != "" {
				t.Setenv("PATH", tc.path)
			}
			tc.opts.Backend = BackendValidator
			_, err := Start(testContext(t), tc.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
