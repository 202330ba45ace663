package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/anchor"
	governancegen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
)

// TestErrorsSayWhatToDo: each refusal says the one fact the user needs (a date, a minimum, who
// may act, what exists, what the wallet holds) and the command to run, once, on one line,
// without the program's error code or a PDA; what succeeds says what happened.
func TestErrorsSayWhatToDo(t *testing.T) {
	isolate(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	sx := solanax.New(c.RPCURL, c.WSURL)
	_, err = bootstrap.Protocol(ctx, sx, c.Manifest)
	require.NoError(t, err)
	m := c.Manifest
	operator, alice, bob, carol, dave := m.Distribution.Keypair, m.Wallets["alice"].Keypair, m.Wallets["bob"].Keypair, m.Wallets["carol"].Keypair, m.Wallets["dave"].Keypair

	args := func(keypair, words string, rest ...string) []string {
		return append(append(strings.Fields(words), "--url", c.RPCURL, "--keypair", keypair), rest...)
	}
	run := func(t *testing.T, keypair, words string, rest ...string) string {
		t.Helper()
		code, out, errOut := ionet(ctx, args(keypair, words, rest...)...)
		require.Equal(t, 0, code, "ionet %s: %s", words, errOut)
		return out
	}
	// fails runs a command that must be refused and returns its one error line.
	fails := func(t *testing.T, keypair, words string, rest ...string) string {
		t.Helper()
		code, out, errOut := ionet(ctx, args(keypair, words, rest...)...)
		require.Equal(t, 1, code, "ionet %s should fail; stdout: %s", words, out)
		assert.Empty(t, out, "a refusal writes nothing to stdout")
		require.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %s", errOut)
		for _, noise := range []string{"Custom(", "account not found", "AnchorError", "custom program error"} {
			assert.NotContains(t, errOut, noise)
		}
		return strings.TrimPrefix(strings.TrimSpace(errOut), "Error: ")
	}
	date := func(ts time.Time) string { return ts.UTC().Format("2006-01-02 15:04:05 UTC") }

	t.Run("insufficient funds are checked before sending", func(t *testing.T) {
		poor := fundedKeypair(t, c, "poor", 1_250_000_000) // 12.5 IO
		key, err := solana.PrivateKeyFromSolanaKeygenFile(poor)
		require.NoError(t, err)
		before, err := sx.WalletBalances(ctx, key.PublicKey(), m.Mints.IO.Address)
		require.NoError(t, err)
		assert.Equal(t, "you have 12.5 IO, this needs 20.05 IO (see `ionet balance`)", fails(t, poor, "stake", "20.05"))
		after, err := sx.WalletBalances(ctx, key.PublicKey(), m.Mints.IO.Address)
		require.NoError(t, err)
		assert.Equal(t, before, after, "nothing was sent: not even a fee")
	})

	run(t, alice, "stake", "100")
	run(t, bob, "stake", "20")
	unstaked := run(t, alice, "unstake", "1")
	var pos positionReport
	require.NoError(t, json.Unmarshal([]byte(run(t, alice, "stake show", "-o", "json")), &pos))
	require.Len(t, pos.Cooldowns, 1)
	unlock := pos.Cooldowns[0].UnlockAt
	assert.Contains(t, unstaked, "unstake 1 IO: withdrawable from "+date(unlock)+" (then run `ionet withdraw`); done in slot")

	t.Run("early withdraw says when it unlocks", func(t *testing.T) {
		msg := fails(t, alice, "withdraw")
		assert.True(t, strings.HasPrefix(msg, "nothing to withdraw yet: 1 IO unlocks at "+date(unlock)+" (in "), msg)
		assert.True(t, strings.HasSuffix(msg, "; run `ionet withdraw` then"), msg)
		assert.Equal(t, "nothing is cooling down: `ionet unstake AMOUNT` starts a cooldown", fails(t, bob, "withdraw"))
	})

	t.Run("ids that do not exist say so", func(t *testing.T) {
		pda, err := jobs.JobAddress(m.Programs["jobs"], 999)
		require.NoError(t, err)
		msg := fails(t, alice, "job cancel", "999")
		assert.Contains(t, msg, "job 999 does not exist: it was never posted, or it closed")
		assert.NotContains(t, msg, pda.String())
		assert.Contains(t, fails(t, alice, "job settle", "999"), "job 999 does not exist")
		stranger := solana.NewWallet().PublicKey().String()
		assert.Equal(t, "device "+stranger+" is not registered (register it with `ionet device register`)", fails(t, alice, "device show", stranger))
		assert.Contains(t, fails(t, carol, "claim"), "has no stake position (stake with `ionet stake AMOUNT`)")
	})

	// A device and jobs: one open, one claimed, one attested.
	device := fundedKeypair(t, c, "device", 0)
	run(t, dave, "device register", "--device-keypair", device, "--gpu-class", "H100", "--gpus", "1")
	run(t, dave, "device stake", "--device-keypair", device, "3000")
	spec := filepath.Join(t.TempDir(), "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(`{"command": ["true"]}`), 0o600))
	create := func(t *testing.T) string {
		t.Helper()
		var cost costReport
		require.NoError(t, json.Unmarshal([]byte(run(t, alice, "job create", "-o", "json", "--yes", "--spec", spec, "--gpu-class", "H100", "--hours", "1", "--price", "1")), &cost))
		return strconv.FormatUint(*cost.JobID, 10)
	}

	t.Run("job create under -o json asks for --yes instead of prompting", func(t *testing.T) {
		code, out, errOut := ionet(ctx, args(alice, "job create", "-o", "json", "--spec", spec, "--gpu-class", "H100", "--hours", "1", "--price", "1")...)
		assert.Equal(t, 1, code)
		assert.Empty(t, out, "no prompt and no breakdown on stdout")
		assert.Contains(t, errOut, "--output json cannot ask before escrowing 1.0025 IO: pass --yes to post the job")
	})

	t.Run("DeviceMismatch says what the job needs", func(t *testing.T) {
		var cost costReport
		require.NoError(t, json.Unmarshal([]byte(run(t, alice, "job create", "-o", "json", "--yes", "--spec", spec, "--gpu-class", "H100", "--gpus", "2", "--hours", "1", "--price", "1")), &cost))
		id := strconv.FormatUint(*cost.JobID, 10)
		msg := fails(t, dave, "job claim", "--device-keypair", device, id)
		assert.True(t, strings.HasPrefix(msg, "job "+id+" needs 2 x H100; device "), msg)
		assert.True(t, strings.HasSuffix(msg, " has 1 x H100"), msg)
	})

	open := create(t)
	t.Run("another's job", func(t *testing.T) {
		msg := fails(t, bob, "job cancel", open)
		assert.True(t, strings.HasPrefix(msg, "only the buyer can cancel job "+open+": its buyer is "), msg)
	})
	t.Run("cancel says what it refunded", func(t *testing.T) {
		id := create(t)
		assert.Contains(t, run(t, alice, "job cancel", id), "cancel job "+id+": refunded 1.0025 IO; done in slot")
	})

	claimed := open
	run(t, dave, "job claim", "--device-keypair", device, claimed)
	t.Run("NotExpired says when", func(t *testing.T) {
		var show jobReport
		require.NoError(t, json.Unmarshal([]byte(run(t, alice, "job show", "-o", "json", claimed)), &show))
		msg := fails(t, bob, "job expire", claimed)
		assert.True(t, strings.HasPrefix(msg, "job "+claimed+" can be expired after "), msg)
		assert.Contains(t, msg, "(its deadline plus the grace): run `ionet job expire "+claimed+"` then")
		assert.Contains(t, fails(t, alice, "job cancel", claimed), "job "+claimed+" is claimed: only an open job, not yet claimed, can be cancelled")
	})

	_, err = c.Warp(ctx, 10*time.Minute)
	require.NoError(t, err)
	run(t, dave, "job attest", "--device-keypair", device, "--result", spec, "--ran", "10m", claimed)
	t.Run("WindowOpen says until when", func(t *testing.T) {
		var show jobReport
		require.NoError(t, json.Unmarshal([]byte(run(t, alice, "job show", "-o", "json", claimed)), &show))
		ends, err := time.Parse(time.RFC3339, show.WindowEnds)
		require.NoError(t, err)
		msg := fails(t, bob, "job settle", claimed)
		assert.True(t, strings.HasPrefix(msg, "job "+claimed+"'s challenge window is open until "+date(ends)+" (in "), msg)
		assert.True(t, strings.HasSuffix(msg, ": run `ionet job settle "+claimed+"` after it"), msg)
	})
	t.Run("BondTooSmall says the minimum", func(t *testing.T) {
		assert.Equal(t, "the bond must be at least 0.050125 IO (5% of the escrow)", fails(t, alice, "job challenge", "--bond", "0.01", claimed))
	})
	t.Run("NotChecker says the minimum", func(t *testing.T) {
		assert.Equal(t, "only the buyer or a staked checker can challenge job "+claimed+": a checker needs at least 1000 IO of active stake, "+
			"the --keypair wallet has 20 IO (`ionet stake 980` makes up the difference)", fails(t, bob, "job challenge", "--bond", "1", claimed))
	})

	// Governance: the operator hands the programs over; Alice proposes and votes.
	_, err = c.Fund(ctx, m.UpgradeAuthority.Pubkey, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	run(t, m.UpgradeAuthority.Keypair, "gov init", "--min-stake", "50")
	run(t, operator, "gov hand-over")
	text := filepath.Join(t.TempDir(), "proposal.md")
	require.NoError(t, os.WriteFile(text, []byte("fee\n"), 0o600))
	propose := []string{"--title", "fee", "--description-file", text, "--set", "jobs.usdc_fee_bps=150"}
	t.Run("BelowMinimumStake says the minimum", func(t *testing.T) {
		assert.Equal(t, "proposing needs at least 50 IO of active stake; the --keypair wallet has 20 IO (`ionet stake 30` makes up the difference)",
			fails(t, bob, "gov propose", propose...))
	})
	var proposed govTxReport
	require.NoError(t, json.Unmarshal([]byte(run(t, alice, "gov propose", append([]string{"-o", "json"}, propose...)...)), &proposed))
	pid := strconv.FormatUint(proposed.ID, 10)
	run(t, alice, "gov vote", pid, "yes")
	t.Run("PositionLocked says until when", func(t *testing.T) {
		var shown proposalReport
		require.NoError(t, json.Unmarshal([]byte(run(t, alice, "gov show", "-o", "json", pid)), &shown))
		msg := fails(t, alice, "unstake", "1")
		assert.True(t, strings.HasPrefix(msg, "your stake is locked by your governance vote until "+date(shown.VotingEnds)+" (in "), msg)
		assert.Contains(t, fails(t, alice, "gov vote", pid, "no"), "the --keypair wallet already voted on proposal "+pid)
		assert.Equal(t, "proposal 999 does not exist (see `ionet gov list`)", fails(t, alice, "gov vote", "999", "yes"))
		assert.True(t, strings.HasPrefix(fails(t, bob, "gov cancel", pid), "only the proposer can cancel proposal "+pid+": its proposer is "))
	})

	t.Run("a program error without a hint is said once", func(t *testing.T) {
		msg := fails(t, operator, "gov init")
		assert.Equal(t, 1, strings.Count(msg, governancegen.Error_NotUpgradeAuthority), msg)
		assert.Equal(t, 1, strings.Count(msg, "initialize must be signed by the governance program's upgrade authority"), msg)
	})

	_, err = c.Warp(ctx, staking.DefaultCooldown)
	require.NoError(t, err)
	t.Run("withdraw says what it withdrew", func(t *testing.T) {
		assert.Contains(t, run(t, alice, "withdraw"), "withdraw: withdrew 1 IO; done in slot")
	})
}

func TestExplain(t *testing.T) {
	isolate(t)
	env := &cli.Env{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	pe := &anchor.ProgramError{Program: "staking", Code: 6011, Name: stakinggen.Error_CooldownNotElapsed, Message: "no cooldown has ended yet"}
	wrapped := fmt.Errorf("withdraw: %w", pe)

	got := explain(env, wrapped, hints{stakinggen.Error_CooldownNotElapsed: "nothing to withdraw yet"})
	assert.EqualError(t, got, "nothing to withdraw yet")
	var cause *anchor.ProgramError
	assert.ErrorAs(t, got, &cause, "the program error stays the cause")
	assert.Equal(t, wrapped, explain(env, wrapped, hints{stakinggen.Error_NothingToWithdraw: "x"}), "no hint for it: the error as decoded")
	plain := errors.New("rpc down")
	assert.Equal(t, plain, explain(env, plain, hints{"": "never"}), "not a program error")
}

func TestWhen(t *testing.T) {
	now := time.Date(2026, 12, 7, 16, 0, 0, 0, time.UTC)
	tests := []struct {
		at   time.Time
		want string
	}{
		{now.Add(14*24*time.Hour - time.Minute), "2026-12-21 15:59:00 UTC (in 13d 23h 59m)"},
		{now.Add(90 * time.Minute), "2026-12-07 17:30:00 UTC (in 1h 30m)"},
		{now.Add(45 * time.Second), "2026-12-07 16:00:45 UTC (in 45s)"},
		{now.Add(-3 * time.Minute), "2026-12-07 15:57:00 UTC (3m 0s ago)"},
		{now, "2026-12-07 16:00:00 UTC (now)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, when(tt.at, now))
	}
}
