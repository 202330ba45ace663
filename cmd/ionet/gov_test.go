package main

import (
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
	"github.com/ionet-oss/ionet/client/governance"
	governancegen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

// TestGovCommands: set-up, propose two changes, vote, finalize, execute through the CLI; the
// staking cooldown and the jobs USDC fee change on chain.
func TestGovCommands(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	// A chain of its own: the programs' authorities move to governance here.
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	global := []string{"--url", c.RPCURL}
	cmd := func(keypair, command string, args ...string) []string {
		return append(strings.Fields(command), append(append(global, "--keypair", keypair), args...)...)
	}
	run := func(t *testing.T, keypair, command string, args ...string) string {
		t.Helper()
		full := cmd(keypair, command, args...)
		code, out, errOut := ionet(ctx, full...)
		require.Equal(t, 0, code, "ionet %s: %s", strings.Join(full, " "), errOut)
		return out
	}
	fails := func(t *testing.T, keypair, command string, args ...string) string {
		t.Helper()
		full := cmd(keypair, command, args...)
		code, _, errOut := ionet(ctx, full...)
		require.Equal(t, 1, code, "ionet %s should fail", strings.Join(full, " "))
		return errOut
	}
	admin := fundedKeypair(t, c, "admin", 100_000*staking.IO)
	upgrader := upgraderKeypair(t, c)
	for _, init := range []string{"stake init", "job init", "emission init"} {
		run(t, upgrader, init, "--manifest", c.ManifestPath, "--authority", pubkeyOf(t, admin))
	}
	assert.Contains(t, fails(t, admin, "gov init"), governancegen.Error_NotUpgradeAuthority)
	initOut := decode[govInitReport](t, run(t, upgrader, "gov init", "--min-stake", "1000", "-o", "json"))
	// The exit code tells whether every program was handed over: none (not the authority),
	// part (staking has another authority), the rest, then nothing left to do.
	stranger := fundedKeypair(t, c, "stranger", 0)
	code, out, errOut := ionet(ctx, cmd(stranger, "gov hand-over", "-o", "json")...)
	assert.Equal(t, 1, code)
	assert.Empty(t, decode[handOverReport](t, out).HandedOver)
	assert.Contains(t, errOut, "Error: nothing was handed over to governance (staking, jobs, emission refused, reasons above)")
	adminKey, err := cli.LoadKeypair(admin)
	require.NoError(t, err)
	other := solana.NewWallet().PrivateKey
	stk, err := staking.New(c.Client, c.Manifest.Programs["staking"])
	require.NoError(t, err)
	_, err = stk.SetAuthority(ctx, adminKey, other.PublicKey())
	require.NoError(t, err)
	code, out, errOut = ionet(ctx, cmd(admin, "gov hand-over", "-o", "json")...)
	assert.Equal(t, 1, code)
	handed := decode[handOverReport](t, out)
	assert.Equal(t, initOut.Governance, handed.Governance)
	assert.Equal(t, []string{"jobs", "emission"}, handed.HandedOver)
	require.Len(t, handed.Skipped, 1)
	assert.Contains(t, handed.Skipped[0], "staking: ")
	assert.Contains(t, errOut, "Error: only part was handed over to governance: jobs, emission governed, staking not (reasons above)")
	_, err = c.Fund(ctx, other.PublicKey(), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	handed = decode[handOverReport](t, run(t, keypairFile(t, t.TempDir(), "other", other), "gov hand-over", "-o", "json"))
	assert.Equal(t, []string{"staking"}, handed.HandedOver, "skipped: %v", handed.Skipped)
	assert.Equal(t, []string{"jobs", "emission"}, handed.Already)
	assert.Contains(t, run(t, admin, "gov hand-over"), "Already governed by "+initOut.Governance+": staking, jobs, emission\n")

	run(t, admin, "stake", "20000")
	_, err = c.Warp(ctx, time.Second) // only stake from before a proposal's second votes on it
	require.NoError(t, err)
	text := filepath.Join(t.TempDir(), "proposal.md")
	require.NoError(t, os.WriteFile(text, []byte("# Longer cooldown, cheaper USDC\n"), 0o600))
	assert.Contains(t, fails(t, admin, "gov propose", "--title", "x", "--description-file", text, "--set", "staking.nope=1"), "settable ones are cooldown_seconds")
	assert.Contains(t, fails(t, admin, "gov propose", "--title", "x", "--description-file", text, "--set", "treasury.fee=1"), `unknown program "treasury"`)
	// A short published URI: the default (file://<the description's path>) grows with $TMPDIR, and
	// this two-program proposal (staking's and jobs' whole parameter sets) nearly fills a
	// transaction.
	proposed := decode[govTxReport](t, run(t, admin, "gov propose", "-o", "json", "--title", "Longer cooldown, cheaper USDC",
		"--description-file", text, "--uri", "https://gov.io.example/p/1", "--set", "staking.cooldown=7d", "--set", "jobs.usdc_fee_bps=150"))
	id := proposed.ID
	idText := strconv.FormatUint(id, 10)

	assert.Contains(t, fails(t, admin, "gov vote", idText, "maybe"), "use yes, no or abstain")
	run(t, admin, "gov vote", idText, "yes")
	shown := decode[proposalReport](t, run(t, admin, "gov show", "-o", "json", idText))
	assert.Equal(t, "voting", shown.State)
	assert.Equal(t, "20000", shown.Yes.UIAmountString)
	assert.Equal(t, 2, shown.ActionCount)
	assert.Greater(t, shown.QuorumProgressPct, 100.0)
	// Voters see what they vote on: each action in words, from the chain's current values.
	require.Len(t, shown.Actions, 2)
	assert.Equal(t, []governance.ParamChange{{Program: "staking", Param: "cooldown_seconds", From: "1209600 (14d)", To: "604800 (7d)"}}, shown.Actions[0].Changes)
	assert.Equal(t, []governance.ParamChange{{Program: "jobs", Param: "usdc_fee_bps", From: "200", To: "150"}}, shown.Actions[1].Changes)
	human := run(t, admin, "gov show", idText)
	assert.Contains(t, human, "Longer cooldown, cheaper USDC")
	assert.Regexp(t, `Actions +staking.cooldown_seconds: 1209600 \(14d\) -> 604800 \(7d\)\n +jobs.usdc_fee_bps: 200 -> 150\n`, human)
	finalize := fails(t, admin, "gov finalize", idText)
	assert.Contains(t, finalize, "Error: voting on proposal "+idText+" ends at ")
	assert.Contains(t, finalize, "run `ionet gov finalize "+idText+"` after it")

	_, err = c.Warp(ctx, governance.DefaultVotingPeriod)
	require.NoError(t, err)
	run(t, admin, "gov finalize", idText)
	assert.Contains(t, fails(t, admin, "gov execute", idText), "Error: proposal "+idText+" can be executed from ")
	_, err = c.Warp(ctx, governance.DefaultTimelock)
	require.NoError(t, err)
	run(t, admin, "gov execute", idText)
	listed := decode[govListReport](t, run(t, admin, "gov list", "-o", "json", "--state", "executed"))
	require.Len(t, listed.Proposals, 1)
	assert.Equal(t, id, listed.Proposals[0].ID)

	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(7*24*3600), cfg.CooldownSeconds)
	jc, err := jobs.New(c.Client, c.Manifest.Programs["jobs"], stk)
	require.NoError(t, err)
	jobsCfg, err := jc.FetchConfig(ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(150), jobsCfg.UsdcFeeBps)
}
