package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// TestCostakeBadInput: the co-staking commands refuse bad input with an error naming the
// problem, before reaching any cluster (the URL answers nothing).
func TestCostakeBadInput(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	const dead = "http://127.0.0.1:1"
	key := filepath.Join(t.TempDir(), "id.json")
	_, err := cli.NewKeypairFile(key, false)
	require.NoError(t, err)
	device := "11111111111111111111111111111111"
	tests := []struct {
		args string
		err  string
	}{
		{"costake " + device, "give DEVICE AMOUNT"},
		{"costake nokey 5", `DEVICE "nokey" is not a base58 public key`},
		{"costake " + device + " 0", "AMOUNT must be more than zero"},
		{"costake " + device + " lots", "AMOUNT"},
		{"uncostake " + device, "give DEVICE AMOUNT"},
		{"costake claim", "give exactly one DEVICE public key (got 0 arguments)"},
		{"costake withdraw a b", "give exactly one DEVICE public key (got 2 arguments)"},
		{"costake params extra", "costake params takes no arguments"},
		{"offers --sort best", `--sort "best": use reliability, commission or free-capacity`},
		{"offers extra", "offers takes no arguments"},
		{"device offer open --device nokey --commission-bps 100 --max-costake 1", `--device "nokey" is not a base58 public key`},
		{"device offer open --device " + device + " --commission-bps 100 --max-costake x", "--max-costake"},
		{"device offer open --device " + device + " --max-costake 1", `Required flag "commission-bps" not set`},
		{"costake " + device + " 5", "Nothing answers at " + dead},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			args := append(strings.Fields(tt.args), "--url", dead, "--keypair", key)
			code, out, errOut := ionet(ctx, args...)
			assert.Equal(t, 1, code, "stdout: %s\nstderr: %s", out, errOut)
			assert.Contains(t, errOut, tt.err)
		})
	}
}

// TestFreeCapacity: the co-stake an open offer still takes is bounded by its cap and by the
// owner's minimum share of the stake after it.
func TestFreeCapacity(t *testing.T) {
	tests := []struct {
		name                  string
		own, costake, max, bp uint64
		want                  uint64
	}{
		{"the cap binds", 1_000, 0, 500, 1_000, 500},
		{"the floor binds: 10% own allows 9x own in co-stake", 1_000, 0, 100_000, 1_000, 9_000},
		{"part used", 1_000, 4_000, 100_000, 1_000, 5_000},
		{"full", 1_000, 9_000, 100_000, 1_000, 0},
		{"over the cap after a change", 1_000, 600, 500, 1_000, 0},
		{"no own stake left", 0, 500, 100_000, 1_000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &gen.DeviceOffer{ActiveAmount: tt.costake, MaxCostake: tt.max, MinOwnerBps: tt.bp}
			assert.Equal(t, tt.want, freeCapacity(tt.own, o))
		})
	}
}

// TestReliabilityOrder: fewer proven frauds first, then uptime, then completed jobs.
func TestReliabilityOrder(t *testing.T) {
	d := &gen.Device{RegisteredTs: 0}
	now := time.Unix(100*3600, 0)
	rel := func(live, completed, failed, frauds uint64) reliability {
		return newReliability(d, &gen.DeviceOffer{OpenedTs: 0, EpochsLive: live, JobsCompleted: completed, JobsFailed: failed, FraudsProven: frauds}, now)
	}
	r := rel(50, 3, 1, 0)
	assert.Equal(t, uint64(100), r.EpochsSinceOpened)
	assert.Equal(t, uint64(5_000), r.UptimeBps)
	assert.Equal(t, uint64(7_500), r.SuccessBps)
	ordered := []reliability{rel(100, 10, 0, 0), rel(100, 9, 1, 0), rel(90, 10, 0, 0), rel(100, 10, 0, 1)}
	for i := 1; i < len(ordered); i++ {
		assert.Negative(t, moreReliable(ordered[i-1], ordered[i]), "offer %d ranks before %d", i-1, i)
	}
}
