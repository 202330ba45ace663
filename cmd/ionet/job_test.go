package main

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

// jobCLI runs the job commands in-process with stdin, returning the exit code, stdout and stderr.
func jobCLI(ctx context.Context, stdin string, args ...string) (int, string, string) {
	return commandsCLI(ctx, commandSets(jobCommands, stakeCommands), stdin, args...)
}

func TestJobCommands(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	// A chain of its own: the staking program must not be initialised by another test first.
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	global := []string{"--url", c.RPCURL}
	w := walletCLI{ctx: ctx, commands: commandSets(jobCommands, stakeCommands), global: global}
	run, fails := w.run, w.fails
	admin := fundedKeypair(t, c, "admin", 1_000*staking.IO)
	upgrader := upgraderKeypair(t, c)
	run(t, upgrader, "stake init", "--manifest", c.ManifestPath, "--authority", pubkeyOf(t, admin))
	run(t, upgrader, "job init", "--manifest", c.ManifestPath, "--window", "1m", "--authority", pubkeyOf(t, admin))

	buyerKey, err := c.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: 100 * staking.IO, USDC: 100_000_000})
	require.NoError(t, err)
	buyer := keypairFile(t, t.TempDir(), "buyer", buyerKey)
	spec := filepath.Join(t.TempDir(), "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(`{"command": ["python", "train.py"], "environment": {"EPOCHS": "3"}}`), 0o600))
	create := []string{"--spec", spec, "--gpu-class", "rtx4090", "--gpus", "1", "--hours", "1.5", "--price", "2"}

	// Declining the prompt posts nothing; the breakdown was shown.
	errOut := fails(t, buyer, "n\n", "job create", create...)
	assert.Contains(t, errOut, "not confirmed: nothing was posted")

	cost := decode[costReport](t, run(t, buyer, "job create", append(create, "--yes", "-o", "json")...))
	assert.Equal(t, cli.NewAmount(300_750_000, 8), cost.Escrow)
	assert.Equal(t, "0.0075", cost.MaxFees.UIAmountString)
	assert.Equal(t, cli.NewAmount(3_067_500, 6), cost.OtherEscrow, "2 USDC an hour: 0.25% + 2% fees")
	assert.Equal(t, "USDC", cost.OtherCurrency)
	require.NotNil(t, cost.JobID)
	hash, err := (&jobs.Spec{Command: []string{"python", "train.py"}, Environment: map[string]string{"EPOCHS": "3"}}).Hash()
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(hash[:]), cost.SpecHash, "the canonical spec's SHA-256")

	id := *cost.JobID
	show := decode[jobReport](t, run(t, buyer, "job show", "-o", "json", "0"))
	assert.Equal(t, jobReport{ID: id, State: "open", Buyer: buyerKey.PublicKey().String(), Currency: "IO", PricePerHour: cli.NewAmount(200_000_000, 8),
		MaxDuration: "1h30m0s", Escrowed: cli.NewAmount(300_750_000, 8), GPUs: "1 x RTX4090", SpecHash: cost.SpecHash}, show)
	list := decode[jobList](t, run(t, buyer, "job list", "--mine", "--state", "open", "-o", "json"))
	require.Len(t, list.Jobs, 1)
	assert.Empty(t, decode[jobList](t, run(t, buyer, "job list", "--state", "claimed", "-o", "json")).Jobs)
	assert.Contains(t, run(t, buyer, "job cancel", "0"), "cancel job 0: refunded 3.0075 IO; done in slot")
	assert.Contains(t, fails(t, buyer, "", "job show", "0"), "job 0 does not exist")

	// A USDC job run by a device the test drives, settled from the CLI after the window.
	cost = decode[costReport](t, run(t, buyer, "job create", append(create, "--pay", "usdc", "--yes", "-o", "json")...))
	assert.Equal(t, "3.0675", cost.Escrow.UIAmountString)
	assert.Equal(t, "USDC", cost.Currency)
	id = *cost.JobID
	ownerKey, err := c.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: 1_100 * staking.IO})
	require.NoError(t, err)
	owner := keypairFile(t, t.TempDir(), "owner", ownerKey)
	device := keypairFile(t, t.TempDir(), "device", solana.NewWallet().PrivateKey)
	code, _, errOut := stakingCLI(ctx, append([]string{"device", "register", "--gpu-class", "rtx4090", "--gpus", "1", "--device-keypair", device, "--keypair", owner}, global...)...)
	require.Equal(t, 0, code, errOut)
	// Eligible at 200 IO; a claim reserves the 1,000 IO worst-case penalty of free stake.
	code, _, errOut = stakingCLI(ctx, append([]string{"device", "stake", "--device-keypair", device, "--keypair", owner}, append(global, "1000")...)...)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, run(t, owner, "job claim", "--device-keypair", device, strconv.FormatUint(id, 10)), "claim job 1: done")
	assert.Contains(t, fails(t, owner, "", "job attest", "--device-keypair", device, "--result", spec, "--ran", "30m", "1"), "a run of 30m0s from the claim ends at ")
	_, err = c.Warp(ctx, 30*time.Minute)
	require.NoError(t, err)
	run(t, owner, "job attest", "--device-keypair", device, "--result", spec, "--ran", "30m", "1")
	human := run(t, buyer, "job show", "1")
	assert.Contains(t, human, "State        attested")
	assert.Contains(t, human, "Ran          30m0s")
	assert.Contains(t, fails(t, buyer, "", "job settle", "1"), "job 1's challenge window is open until ")
	_, err = c.Warp(ctx, time.Minute)
	require.NoError(t, err)
	assert.Contains(t, run(t, buyer, "job settle", "1"), "settle job 1: worker paid 1 USDC, fees 0.0225 USDC, refunded 2.045 USDC; done in slot")
	paid, err := solanax.New(c.RPCURL, c.WSURL).WalletBalances(ctx, ownerKey.PublicKey(), c.Manifest.Mints.USDC.Address)
	require.NoError(t, err)
	assert.Equal(t, uint64(1_000_000), paid.Tokens[0].Amount, "30 minutes at 2 USDC an hour")

	assert.Contains(t, fails(t, admin, "", "job resolve", "1"), "give exactly one of --fraud and --no-fraud")
	assert.Contains(t, fails(t, buyer, "", "job create", "--spec", spec, "--gpu-class", "B200", "--hours", "1", "--price", "1", "--yes"), `unknown GPU class "B200"`)
	assert.Contains(t, fails(t, buyer, "", "job create", "--spec", spec, "--gpu-class", "H100", "--hours", "0.0001", "--price", "1", "--yes"), "must be whole seconds")
}
