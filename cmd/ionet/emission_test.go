package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/localnet"
)

// emissionCLI runs the staking and emission commands in-process, returning the exit code,
// stdout and stderr.
func emissionCLI(ctx context.Context, args ...string) (int, string, string) {
	return commandsCLI(ctx, commandSets(stakeCommands, emissionCommands), "", args...)
}

func TestEmissionSchedule(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := emissionCLI(ctx, append([]string{"emission", "schedule"}, args...)...)
		require.Equal(t, 0, code, "stderr: %s", errOut)
		return out
	}
	one := decode[epochsReport](t, run("--epoch", "2", "-o", "json"))
	require.Len(t, one.Epochs, 1)
	assert.Equal(t, "4566.14663492", one.Epochs[0].Amount.UIAmountString, "E_2")
	assert.Equal(t, "913235668058", one.Epochs[0].Cumulative.Amount)

	tail := decode[epochsReport](t, run("--from", "175318", "--to", "175320", "-o", "json"))
	require.Len(t, tail.Epochs, 3)
	assert.Equal(t, "300000000", tail.Epochs[1].Cumulative.UIAmountString, "the final epoch completes the 300,000,000 IO")
	assert.Equal(t, "0", tail.Epochs[2].Amount.Amount, "nothing after the final epoch")

	years := decode[yearsReport](t, run("-o", "json"))
	require.Len(t, years.Years, 21)
	assert.Equal(t, "37662980.66326943", years.Years[0].Emitted.UIAmountString, "year one")
	assert.Equal(t, "800000000", years.MaxSupply.UIAmountString)
	assert.Contains(t, run(), "Total emission 300000000 IO")

	plot := filepath.Join(t.TempDir(), "schedule.svg")
	run("--epoch", "1", "--plot", plot)
	svg, err := os.ReadFile(plot)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(svg), "<svg"), "an SVG file")

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--epoch", "0"}, "epochs are numbered from 1"},
		{[]string{"--epoch", "3", "--from", "1"}, "not both"},
		{[]string{"--from", "5"}, "needs both --from N and --to M"},
		{[]string{"--from", "1", "--to", "20000"}, "at most 10000 at a time"},
	} {
		code, _, errOut := emissionCLI(ctx, append([]string{"emission", "schedule"}, c.args...)...)
		assert.Equal(t, 1, code, "%v", c.args)
		assert.Contains(t, errOut, c.want, "%v", c.args)
	}
}

// rentExemptWallet is the least a wallet (no data) holds to be rent-exempt.
const rentExemptWallet = 890_880

// TestEmissionCommands runs init, crank, status and burn on a chain of its own: initialising
// emission moves the IO mint authority for good.
func TestEmissionCommands(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	global := []string{"--url", c.RPCURL}
	run := walletCLI{ctx: ctx, commands: commandSets(stakeCommands, emissionCommands), global: global}.run
	admin := fundedKeypair(t, c, "admin", 1_000*emission.IO)
	upgrader := upgraderKeypair(t, c)
	run(t, upgrader, "stake init", "--manifest", c.ManifestPath, "--authority", pubkeyOf(t, admin))
	run(t, upgrader, "emission init", "--manifest", c.ManifestPath, "--authority", pubkeyOf(t, admin))

	_, err = c.Warp(ctx, 2*time.Hour+time.Second)
	require.NoError(t, err)
	cranked := decode[crankReport](t, run(t, admin, "emission crank", "-o", "json"))
	require.Len(t, cranked.Transactions, 1)
	assert.Equal(t, uint64(1), cranked.Transactions[0].FirstEpoch)
	assert.Equal(t, uint64(2), cranked.Transactions[0].LastEpoch)
	assert.Equal(t, "9132.35668058", cranked.Transactions[0].Minted.UIAmountString)
	assert.Contains(t, run(t, admin, "emission crank"), "nothing to mint")

	run(t, admin, "burn", "--reason", "revenue buyback", "5")
	status := decode[statusReport](t, run(t, admin, "emission status", "-o", "json"))
	assert.Equal(t, uint64(2), status.LastMintedEpoch)
	assert.Equal(t, schedule.Cumulative(2), status.EmittedIO.Units())
	assert.Equal(t, uint64(5*emission.IO), status.BurnedIO.Units())
	assert.True(t, status.Holds)
	human := run(t, admin, "emission status")
	assert.Regexp(t, `last minted epoch +2\n`, human)
	assert.Contains(t, human, "HOLDS")

	// A crank that lands one transaction of several exits non-zero and says so: this cranker
	// (its IO account made) can pay the fee of one transaction and stay rent-exempt, not two.
	_, err = c.Warp(ctx, 3*time.Hour)
	require.NoError(t, err)
	poor, err := c.NewWallet(ctx, localnet.Funding{Lamports: rentExemptWallet + 5_000 + 2_500, IO: 1})
	require.NoError(t, err)
	poorFile := keypairFile(t, t.TempDir(), "poor", poor)
	code, out, errOut := emissionCLI(ctx, append([]string{"emission", "crank", "--keypair", poorFile, "--max-epochs", "1", "-o", "json"}, global...)...)
	assert.Equal(t, 1, code, "stdout: %s\nstderr: %s", out, errOut)
	partial := decode[crankReport](t, out)
	require.Len(t, partial.Transactions, 1, "what landed is listed")
	assert.False(t, partial.UpToDate)
	assert.Contains(t, errOut, "Error: minted only part: 1 transaction(s) landed (listed above), then: ")
	assert.Contains(t, errOut, "rerun `ionet emission crank` for the epochs still unminted")
	run(t, admin, "emission crank")

	user := fundedKeypair(t, c, "user", 10*emission.IO)
	code, _, errOut = emissionCLI(ctx, append([]string{"burn", "--keypair", user, "--reason", "x"}, append(global, "1")...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "Error: only the treasury authority, ")
	assert.NotContains(t, errOut, emissiongen.Error_NotTreasuryAuthority, "the hint replaces the program's error")
}
