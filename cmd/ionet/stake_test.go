package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet"
)

// stakingCLI runs the staking and device commands in-process (as newApp will once they are
// wired into main), returning the exit code, stdout and stderr.
func stakingCLI(ctx context.Context, args ...string) (int, string, string) {
	return commandsCLI(ctx, commandSets(stakeCommands, deviceCommands), "", args...)
}

// keypairFile writes key as a Solana CLI keypair file in dir.
func keypairFile(t *testing.T, dir, name string, key solana.PrivateKey) string {
	t.Helper()
	ints := make([]int, len(key))
	for i, b := range key {
		ints[i] = int(b)
	}
	data, err := json.Marshal(ints)
	require.NoError(t, err)
	path := filepath.Join(dir, name+".json")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

// fundedKeypair is a fresh wallet with 1 SOL and io base units of IO, as a keypair file.
func fundedKeypair(t *testing.T, c *localnet.Chain, name string, io uint64) string {
	t.Helper()
	key, err := c.NewWallet(testContext(t), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: io})
	require.NoError(t, err)
	return keypairFile(t, t.TempDir(), name, key)
}

func TestStakeCommands(t *testing.T) {
	isolate(t)
	c := testChain(t)
	ctx := testContext(t)
	global := []string{"--url", c.RPCURL}
	// run puts the command words first, then the global flags, then args.
	run := walletCLI{ctx: ctx, commands: commandSets(stakeCommands, deviceCommands), global: global}.run
	admin := fundedKeypair(t, c, "admin", 1_000*staking.IO)
	upgrader := upgraderKeypair(t, c)
	run(t, upgrader, "stake init", "--manifest", c.ManifestPath, "--authority", pubkeyOf(t, admin))
	code, _, errOut := stakingCLI(ctx, append([]string{"stake", "init"}, append(global, "--keypair", admin, "--manifest", c.ManifestPath)...)...)
	require.Equal(t, 1, code, "only the upgrade authority initialises")
	require.Contains(t, errOut, stakinggen.Error_NotUpgradeAuthority)
	user := fundedKeypair(t, c, "user", 1_000*staking.IO)

	out := run(t, user, "stake", "-o", "json", "1.5")
	var tx txReport
	require.NoError(t, json.Unmarshal([]byte(out), &tx), out)
	require.Equal(t, "stake", tx.Action)
	require.Equal(t, cli.NewAmount(150_000_000, 8), *tx.Amount)
	require.NotEmpty(t, tx.Signature)

	run(t, admin, "stake fund", "3")
	run(t, user, "unstake", "0.5")
	show := decode[positionReport](t, run(t, user, "stake show", "-o", "json"))
	assert.True(t, show.Exists)
	assert.Equal(t, "1", show.Active.UIAmountString)
	assert.Equal(t, "3", show.Claimable.UIAmountString, "the only staker gets the whole funding")
	require.Len(t, show.Cooldowns, 1)
	assert.Equal(t, "0.5", show.Cooldowns[0].Amount.UIAmountString)
	assert.False(t, show.Cooldowns[0].Ready)

	human := run(t, user, "stake show")
	assert.Contains(t, human, "Active stake       1 IO")
	assert.Contains(t, human, "cooling down")

	code, _, errOut = stakingCLI(ctx, append([]string{"withdraw", "--keypair", user}, global...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "Error: nothing to withdraw yet: 0.5 IO unlocks at ")
	assert.Contains(t, errOut, "run `ionet withdraw` then")
	out = run(t, user, "claim")
	assert.Contains(t, out, "claim: claimed 3 IO; done in slot")
	code, _, errOut = stakingCLI(ctx, append([]string{"stake", "activate", "--keypair", user}, global...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no warming stake can start earning yet", "no epoch has been cranked since the stake")
	code, _, errOut = stakingCLI(ctx, append([]string{"stake", "--keypair", user}, append(global, "0")...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "AMOUNT must be more than zero")

	// Devices: register (the device key signs), stake up to the requirement, show.
	devKey := keypairFile(t, t.TempDir(), "device", solana.NewWallet().PrivateKey)
	run(t, user, "device register", "--gpu-class", "rtx4070", "--gpus", "2", "--device-keypair", devKey)
	run(t, user, "device stake", "--device-keypair", devKey, "399.99999999")
	dev := decode[deviceReport](t, run(t, user, "device show", "--device-keypair", devKey, "-o", "json"))
	assert.False(t, dev.Eligible)
	assert.Equal(t, "400", dev.Required.UIAmountString)
	assert.Equal(t, "RTX4070", dev.Class)
	run(t, user, "device stake", "--device-keypair", devKey, "0.00000001")
	human = run(t, user, "device show", "--device-keypair", devKey)
	assert.Contains(t, human, "Eligible    yes: stake covers the 400 IO required for 2 x RTX4070")

	code, _, errOut = stakingCLI(ctx, append([]string{"device", "register", "--gpu-class", "B200", "--gpus", "1", "--device-keypair", devKey, "--keypair", user}, global...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, `unknown GPU class "B200": choose one of H100, A100`)
	// Flags may follow AMOUNT, as in the Solana CLI; after `--` a dash is an argument.
	code, _, errOut = stakingCLI(ctx, "unstake", "0.25", "--keypair", user, "--url", c.RPCURL)
	assert.Equal(t, 0, code, errOut)
	code, _, errOut = stakingCLI(ctx, "unstake", "--keypair", user, "--url", c.RPCURL, "--", "-1")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "negative amounts are not allowed")
}
