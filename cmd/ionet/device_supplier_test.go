package main

import (
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
	"github.com/ionet-oss/ionet/localnet/bootstrap"
)

// supplierCommands are the device, stake and job commands.
var supplierCommands = commandSets(stakeCommands, deviceCommands, jobCommands)

// TestSupplierView: an owner lists its devices, is stopped from unstaking below the
// requirement without --yes, and after a claimed job expires sees in `device show` the slash
// with the job that caused it.
func TestSupplierView(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	global := []string{"--url", c.RPCURL}
	w := walletCLI{ctx: ctx, commands: supplierCommands, global: global}
	run := w.run
	fails := func(t *testing.T, keypair, command string, args ...string) string {
		t.Helper()
		return w.fails(t, keypair, "", command, args...)
	}
	// The whole protocol: an expiry's slash burns through emission's burn ledger.
	_, err = bootstrap.Protocol(ctx, solanax.New(c.RPCURL, c.WSURL), c.Manifest)
	require.NoError(t, err)
	owner := fundedKeypair(t, c, "owner", 2_000*staking.IO)
	ownerKey, err := solana.PrivateKeyFromSolanaKeygenFile(owner)
	require.NoError(t, err)
	assert.Contains(t, run(t, owner, "device list"), "no devices registered by "+ownerKey.PublicKey().String())

	device := keypairFile(t, t.TempDir(), "device", solana.NewWallet().PrivateKey)
	deviceKey, err := solana.PrivateKeyFromSolanaKeygenFile(device)
	require.NoError(t, err)
	run(t, owner, "device register", "--gpu-class", "rtx4090", "--gpus", "1", "--device-keypair", device)
	// 1,000 IO: a claim reserves the worst-case penalty (the fraud penalty) of the stake.
	run(t, owner, "device stake", "--device-keypair", device, "1000")
	list := decode[deviceListReport](t, run(t, owner, "device list", "-o", "json"))
	require.Len(t, list.Devices, 1)
	assert.Equal(t, deviceListItem{Device: deviceKey.PublicKey().String(), Class: "RTX4090", GPUs: 1, Stake: cli.IO(1_000 * staking.IO), Required: list.Devices[0].Required,
		Eligible: true, Reason: list.Devices[0].Reason}, list.Devices[0])

	// Unstaking below the requirement needs --yes; nothing moved without it.
	errOut := fails(t, owner, "device unstake", "--device-keypair", device, "1000")
	assert.Contains(t, errOut, "add --yes to unstake anyway")
	assert.Equal(t, "1000", decode[deviceListReport](t, run(t, owner, "device list", "-o", "json")).Devices[0].Stake.String())
	run(t, owner, "device unstake", "--device-keypair", device, "1")
	run(t, owner, "device stake", "--device-keypair", device, "1")

	// A claimed job left to expire slashes the device; show names the job.
	buyerKey, err := c.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: 100 * staking.IO})
	require.NoError(t, err)
	buyer := keypairFile(t, t.TempDir(), "buyer", buyerKey)
	spec := filepath.Join(t.TempDir(), "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(`{"command": ["true"]}`), 0o600))
	cost := decode[costReport](t, run(t, buyer, "job create", "--spec", spec, "--gpu-class", "rtx4090", "--hours", "1", "--price", "1", "--yes", "-o", "json"))
	id := strconv.FormatUint(*cost.JobID, 10)
	run(t, owner, "job claim", "--device-keypair", device, id)
	_, err = c.Warp(ctx, time.Hour+jobs.DefaultExpiryGrace+2*time.Minute)
	require.NoError(t, err)
	run(t, buyer, "job expire", id)

	show := decode[deviceReport](t, run(t, owner, "device show", "--device-keypair", device, "-o", "json"))
	assert.Empty(t, show.HistoryNote)
	var kinds []string
	var slash *stakeChange
	for i, h := range show.History {
		kinds = append(kinds, h.Kind)
		if h.Kind == "slashed" {
			slash = &show.History[i]
		}
	}
	assert.Equal(t, []string{"slashed", "staked", "unstaked", "staked"}, kinds, "newest first")
	require.NotNil(t, slash)
	require.NotNil(t, slash.Job)
	assert.Equal(t, *cost.JobID, *slash.Job)
	assert.Equal(t, "job "+id+" expired unattested", slash.Why)
	assert.Positive(t, slash.Amount.Units())
	assert.Contains(t, run(t, owner, "device show", "--device-keypair", device), "expired unattested")
}
