package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
)

// rewardsCLI runs the device (with its liveness rewards) and emission commands in-process.
func rewardsCLI(ctx context.Context, args ...string) (int, string, string) {
	return commandsCLI(ctx, commandSets(deviceCommands, emissionCommands), "", args...)
}

// TestDeviceRewardsCommands: a staked device's heartbeat, its rewards report, the crank, the
// owner's claim of the whole epoch (the only live device), and the refusals, through the CLI on
// a chain of its own (it moves the clock).
func TestDeviceRewardsCommands(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	sx := solanax.New(c.RPCURL, c.WSURL)
	_, err = bootstrap.Protocol(ctx, sx, c.Manifest)
	require.NoError(t, err)
	em, err := emission.New(sx, c.Manifest.Programs["emission"], c.Manifest.Programs["staking"])
	require.NoError(t, err)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	if now, err := solanax.ChainTime(ctx, c.RPC); err == nil && now < st.StartTs {
		_, err = c.Warp(ctx, time.Duration(st.StartTs-now)*time.Second)
		require.NoError(t, err)
	}

	global := []string{"--url", c.RPCURL}
	run := func(t *testing.T, command string, args ...string) string {
		t.Helper()
		full := append(strings.Fields(command), append(global, args...)...)
		code, out, errOut := rewardsCLI(ctx, full...)
		require.Equal(t, 0, code, "ionet %s: %s", strings.Join(full, " "), errOut)
		return out
	}
	owner := fundedKeypair(t, c, "owner", 2_000*emission.IO)
	device := fundedKeypair(t, c, "device", 0)
	idle := fundedKeypair(t, c, "idle", 0)
	deviceKey, err := solana.PrivateKeyFromSolanaKeygenFile(device)
	require.NoError(t, err)
	for _, d := range []string{device, idle} {
		run(t, "device register", "--keypair", owner, "--device-keypair", d, "--gpu-class", "H100", "--gpus", "1")
	}
	run(t, "device stake", "--keypair", owner, "--device-keypair", device, "2000")

	beat := decode[heartbeatReport](t, run(t, "device heartbeat", "--device-keypair", device, "-o", "json"))
	assert.Equal(t, uint64(100_000), beat.Weight)
	assert.Equal(t, uint64(100_000), beat.TotalWeight)
	code, _, errOut := rewardsCLI(ctx, append([]string{"device", "heartbeat", "--device-keypair", device}, global...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "is already live in epoch "+strconv.FormatUint(beat.Epoch, 10)+": its next heartbeat is due when epoch ")
	code, _, errOut = rewardsCLI(ctx, append([]string{"device", "heartbeat", "--device-keypair", idle}, global...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "is not eligible: ")
	assert.Contains(t, errOut, "`ionet device stake --device ")
	code, _, errOut = rewardsCLI(ctx, append([]string{"device", "heartbeat", "--device-keypair", fundedKeypair(t, c, "unregistered", 0)}, global...)...)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "is not registered (register it with `ionet device register`)")

	report := decode[rewardsReport](t, run(t, "device rewards", "--device-keypair", device, "-o", "json"))
	require.NotEmpty(t, report.EpochRewards)
	assert.Equal(t, report.RegisteredEpoch, report.EpochRewards[0].Epoch, "no epoch before the device's registration")
	last := report.EpochRewards[len(report.EpochRewards)-1]
	assert.Equal(t, epochRewardJS{Epoch: beat.Epoch, Live: true, Status: "live; the epoch is in progress", Weight: 100_000, TotalWeight: 100_000,
		SupplierAmount: cli.IO(0), Share: cli.IO(0)}, last)

	_, err = c.Warp(ctx, time.Hour)
	require.NoError(t, err)
	run(t, "emission crank", "--keypair", owner)
	st, err = em.FetchState(ctx)
	require.NoError(t, err)
	pool, ok := emission.SupplierAmount(st, beat.Epoch)
	require.True(t, ok)
	claimed := decode[claimReport](t, run(t, "device claim", "--keypair", owner, "-o", "json"))
	require.Len(t, claimed.Claims, 1)
	assert.Equal(t, beat.Epoch, claimed.Claims[0].Epoch)
	assert.Equal(t, pool, claimed.Total.Units(), "the only live device takes the epoch's whole supplier amount")
	assert.Contains(t, run(t, "device claim", "--keypair", owner), "nothing to claim")

	report = decode[rewardsReport](t, run(t, "device rewards", "--device-keypair", device, "-o", "json"))
	assert.Equal(t, pool, report.ClaimedIO.Units(), "the total of the claimed epochs")
	human := run(t, "device rewards", deviceKey.PublicKey().String())
	assert.Contains(t, human, "Total: claimed "+solanax.FormatAmount(pool, solanax.IODecimals)+" IO")
	assert.Regexp(t, `\n`+strconv.FormatUint(beat.Epoch, 10)+` +yes +100000 +100000 +`+regexp.QuoteMeta(solanax.FormatAmount(pool, solanax.IODecimals))+` +live; claimed\n`, human)
}
