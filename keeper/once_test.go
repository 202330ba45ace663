package keeper_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/keeper/keepercli"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// runKeeper runs ionet-keeper to completion and returns its exit code, stdout and stderr.
func (w *world) runKeeper(args ...string) (int, string, string) {
	bin, err := keeperBinary()
	require.NoError(w.t, err)
	cmd := exec.Command(bin, append([]string{"--url", w.chain.RPCURL, "--listen", ""}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else {
		require.NoError(w.t, err)
	}
	return code, stdout.String(), stderr.String()
}

func dueKinds(st *keeper.Status) map[string]int {
	out := map[string]int{}
	for _, t := range st.Due {
		out[t.Kind]++
	}
	return out
}

// TestOnceAndDryRun: --dry-run lists what is due and sends nothing; `ionet keeper status` says
// the same; --once does it all and exits; bad flags are refused with what to do.
func TestOnceAndDryRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet")
	}
	t.Parallel() // a chain of its own
	w := newWorld(t)
	runs := w.postJobs(3, 2)
	w.warp(3 * time.Hour)
	// The world's staked device has never been challenged: a capacity challenge is due too.
	want := map[string]int{duties.KindCrank: 1, duties.KindSettle: 2, duties.KindExpire: 1, duties.KindChallenge: 1}

	code, out, errOut := w.runKeeper("--dry-run", "-o", "json")
	require.Equal(t, 0, code, errOut)
	var st keeper.Status
	require.NoError(t, json.Unmarshal([]byte(out), &st), out)
	assert.Equal(t, want, dueKinds(&st))
	for _, job := range w.fetchJobs(runs) {
		assert.NotNil(t, job, "a dry run sends nothing")
	}

	// `ionet keeper status`, in-process, for people.
	var stdout, stderr bytes.Buffer
	app := cli.NewApp("ionet", "keeper status under test", keepercli.StatusCommand())
	app.Writer, app.ErrWriter = &stdout, &stderr
	require.Equal(t, 0, cli.Run(localnettest.Context(t), app, []string{"ionet", "keeper", "status", "--url", w.chain.RPCURL}), stderr.String())
	for _, text := range []string{"KIND", "Due now", duties.KindCrank, duties.KindSettle, duties.KindExpire} {
		assert.Contains(t, stdout.String(), text)
	}

	code, _, errOut = w.runKeeper("--once", "--keypair", keypairFile(t, localnettest.NewWallet(t, w.chain, 0)), "--no-websocket")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, `"msg":"keeper pass done"`)
	for _, job := range w.fetchJobs(runs) {
		assert.Nil(t, job, "--once settled or expired every due job")
	}
	code, out, errOut = w.runKeeper("--dry-run", "-o", "json")
	require.Equal(t, 0, code, errOut)
	st = keeper.Status{}
	require.NoError(t, json.Unmarshal([]byte(out), &st))
	assert.Empty(t, st.Due)
	assert.NotEmpty(t, st.Upcoming, "the next epoch's crank is upcoming")

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--dry-run", "--duties", "settle_job,bogus"}, `unknown kind "bogus": choose from emission_crank, settle_job, expire_job, lapse_challenge, close_spec, finalize_proposal, execute_proposal, activate_stake, capacity_challenge, capacity_expire, capacity_slash_fault`},
		{[]string{"--dry-run", "--jobs-program", "nope"}, `--jobs-program "nope" is not a base58 public key`},
		{[]string{"--once", "--log-level", "loud"}, `--log-level "loud": use debug, info, warn or error`},
	} {
		code, _, errOut := w.runKeeper(tc.args...)
		assert.Equal(t, 1, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
	}
}

// TestProgramErrorIsNamedAndHeld: a step the program refuses for a reason other than a lost
// race (here a keeper configured with too small a compute budget for a crank) is logged with
// the decoded error name, counted, and held back instead of retried at once.
func TestProgramErrorIsNamedAndHeld(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet")
	}
	t.Parallel() // a chain of its own
	w := newWorld(t)
	w.warp(2 * time.Hour)

	// The payer's IO account exists (funded with 1 IO): its idempotent creation is cheap (3,000
	// to 5,000 CU), the crank is not (the two together take over 10,000): a budget of 8,000 runs
	// out in the crank. Cheap only when the account's address is found at the first bump: each
	// further one costs the ATA program 1,500 CU, and a payer drawn at random sometimes ran out in
	// that setup instruction instead of in the crank (or, lucky, fitted both in 12,000).
	payer := solana.NewWallet().PrivateKey
	for {
		_, bump, err := solana.FindProgramAddress([][]byte{payer.PublicKey().Bytes(), solanax.TokenProgramID.Bytes(), w.chain.Manifest.Mints.IO.Address.Bytes()}, solanax.AssociatedTokenProgramID)
		require.NoError(t, err)
		if bump == 255 {
			break
		}
		payer = solana.NewWallet().PrivateKey
	}
	_, err := w.chain.Fund(localnettest.Context(t), payer.PublicKey(), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: IO})
	require.NoError(t, err)
	var logs bytes.Buffer
	k, err := keeper.New(w.chain.Client, keeper.Config{
		Payer: payer, Duties: []keeper.Duty{duties.NewCrank(w.em)}, MaxUnits: 8_000,
		Log: slog.New(slog.NewJSONHandler(&logs, nil)),
	})
	require.NoError(t, err)
	stats, err := k.Once(localnettest.Context(t))
	require.Error(t, err, "%+v\n%s", stats, logs.String())
	assert.Contains(t, err.Error(), "1 due steps could not be done (first: emission_crank 1)")
	assert.Zero(t, stats.TotalSteps())
	st, err := w.em.FetchState(localnettest.Context(t))
	require.NoError(t, err)
	assert.Zero(t, st.LastMintedEpoch, "nothing minted")

	var failures []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var l map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &l))
		if l["msg"] == "step failed" {
			failures = append(failures, l)
		}
	}
	require.Len(t, failures, 1, "tried once, then held: %s", logs.String())
	// The runtime names running out of compute by where it happens: in the program, or in a CPI.
	name, _ := failures[0]["error"].(string)
	assert.Contains(t, []string{"ComputationalBudgetExceeded", "ProgramFailedToComplete"}, name)
	assert.Equal(t, true, failures[0]["preflight"], "refused in simulation: no fee paid")
	assert.Equal(t, 1.0, testutil.ToFloat64(k.Metrics().ProgramErrs.WithLabelValues(duties.KindCrank, name)))
}
