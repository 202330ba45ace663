package keeper_test

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestThreeKeepers runs three real keeper processes over many epochs and jobs while keepers are
// killed and restarted and the chain itself restarts on its ledger; at the end every epoch is
// minted once, every job settled or expired once, and the supply and escrow equations hold.
func TestThreeKeepers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet and three keeper processes")
	}
	w := newWorld(t)
	ctx := localnettest.Context(t)
	fixed, err := w.jc.Fixed(ctx)
	require.NoError(t, err)
	stakeBefore := w.deviceStake()
	buyerBefore, workerBefore, treasuryBefore := w.tokenBalance(w.buyer.PublicKey()), w.tokenBalance(w.owner.PublicKey()), w.accountBalance(fixed.IOTreasury)

	keys := []solana.PrivateKey{localnettest.NewWallet(t, w.chain, 0), localnettest.NewWallet(t, w.chain, 0), localnettest.NewWallet(t, w.chain, 0)}
	procs := []*keeperProc{w.startKeeper("a", keys[0]), w.startKeeper("b", keys[1]), w.startKeeper("c", keys[2], "--priority-fee-percentile", "75", "--max-priority-fee", "50000")}
	running := slices.Clone(procs)
	restart := func(i int, sig syscall.Signal) {
		err := running[i].stop(sig)
		if sig == syscall.SIGTERM {
			require.NoError(t, err, "keeper %s should exit 0 on SIGTERM", running[i].name)
		}
		running[i] = w.startKeeper(fmt.Sprintf("%s%d", running[i].name, len(procs)), keys[i])
		procs = append(procs, running[i])
	}

	var runs []jobRun
	snapshots := map[uint64]*gen.Job{}
	// round posts jobs, moves the clock, runs meanwhile (while the keepers work) and waits for
	// the keepers to clear everything due.
	round := func(n, attest int, warp time.Duration, meanwhile func()) {
		posted := w.postJobs(n, attest)
		for i, job := range w.fetchJobs(posted) {
			require.NotNil(t, job, "job %d closed before anything was due", posted[i].id)
			snapshots[posted[i].id] = job
		}
		runs = append(runs, posted...)
		w.warp(warp)
		if meanwhile != nil {
			meanwhile()
		}
		w.waitClear(45 * time.Second)
	}

	// Two proposals come due only in the last round (3-day vote): one passes, one is defeated.
	proposer := w.initGovernance()
	passed, defeated := w.propose(proposer, "passes", governance.Yes), w.propose(proposer, "fails", governance.No)

	// Round 1: the challenge window and the first epoch pass; the unattested job is not due yet.
	round(8, 6, 61*time.Minute, nil)
	assert.NotNil(t, w.fetchJobs(runs[7:8])[0], "job %d expires only after its deadline plus grace", runs[7].id)
	w.checkHealth(running[0])

	// Keepers come and go: a clean stop while idle, and a kill in the middle of the work.
	restart(0, syscall.SIGTERM)
	round(8, 5, 3*time.Hour, func() { restart(1, syscall.SIGKILL) })

	// The chain restarts on its ledger under the running keepers.
	w.restartChain()
	round(10, 7, 100*time.Hour, nil)

	// The proposer's stake warmed up until a crank funded the epochs up to it; then a keeper
	// activated it (it earns emission rewards from the next crank on).
	require.Eventually(t, func() bool {
		p, err := w.stk.FetchPosition(ctx, proposer.PublicKey())
		return err == nil && p.Warming == 0
	}, 30*time.Second, 200*time.Millisecond, "the keepers activate the proposer's warming stake")

	for _, p := range running {
		require.NoError(t, p.stop(syscall.SIGTERM), "keeper %s should exit 0 on SIGTERM", p.name)
	}

	// Proposals: both finalized once, the passed one executed once (after its finalization).
	for id, want := range map[uint64]governance.State{passed: governance.Executed, defeated: governance.Defeated} {
		p, err := w.gov.FetchProposal(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, want, governance.State(p.State), "proposal %d", id)
	}

	// Every job closed, each by exactly one step of the right kind.
	steps := map[string]map[uint64]int{}
	var crankEpochs [][2]uint64
	for _, p := range procs {
		for _, l := range p.logs(t) {
			if l.Msg != "step done" {
				continue
			}
			if l.Kind == duties.KindCrank {
				var from, to uint64
				_, err := fmt.Sscanf(l.Detail, "epochs %d..%d", &from, &to)
				require.NoError(t, err, "crank detail %q", l.Detail)
				crankEpochs = append(crankEpochs, [2]uint64{from, to})
				continue
			}
			if steps[l.Kind] == nil {
				steps[l.Kind] = map[uint64]int{}
			}
			steps[l.Kind][l.ID]++
		}
	}
	var paid, fees, expired uint64
	for i, job := range w.fetchJobs(runs) {
		r := runs[i]
		require.Nil(t, job, "job %d is still open", r.id)
		kind := duties.KindExpire
		if r.attested {
			kind = duties.KindSettle
			s := snapshots[r.id]
			split, err := jobs.Settle(s.Escrowed, s.PricePerHour, s.MaxDurationSeconds, s.FeeBps, uint64(s.EndedTs-s.StartedTs))
			require.NoError(t, err)
			paid, fees = paid+split.Paid, fees+split.Fee
		} else {
			expired++
		}
		// A keeper killed between a step landing and its log line leaves it unlogged: the
		// balances below prove each step happened exactly once; the logs, never twice.
		assert.LessOrEqual(t, steps[kind][r.id], 1, "job %d: %s steps logged", r.id, kind)
	}
	assert.LessOrEqual(t, len(steps[duties.KindSettle])+len(steps[duties.KindExpire]), len(runs), "no step logged for a job the test did not post")
	for id, n := range steps[duties.KindFinalize] {
		assert.True(t, (id == passed || id == defeated) && n == 1, "proposal %d finalized %d times in the logs", id, n)
	}
	for id, n := range steps[duties.KindExecute] {
		assert.True(t, id == passed && n == 1, "proposal %d executed %d times in the logs", id, n)
	}

	// Escrow: the buyer paid exactly what the settlements paid out and the fees, the worker got
	// the payments, the treasury the fees; each expiry slashed the penalty once.
	cfg, err := w.jc.FetchConfig(ctx)
	require.NoError(t, err)
	assert.Equal(t, paid+fees, buyerBefore-w.tokenBalance(w.buyer.PublicKey()), "buyer's net spend")
	assert.Equal(t, paid, w.tokenBalance(w.owner.PublicKey())-workerBefore, "worker's pay")
	scfg, err := w.stk.FetchConfig(ctx)
	require.NoError(t, err)
	expiryPaid := cfg.ExpiryPenalty - cfg.ExpiryPenalty*scfg.SlashBurnBps/10_000 // the unburned share goes to the IO treasury
	assert.Equal(t, fees+expired*expiryPaid, w.accountBalance(fixed.IOTreasury)-treasuryBefore, "treasury: fees and the paid share of each expiry penalty")
	assert.Equal(t, expired*cfg.ExpiryPenalty, stakeBefore-w.deviceStake(), "device stake slashed once per expiry")
	for _, r := range runs {
		job, err := jobs.JobAddress(w.jc.ProgramID, r.id)
		require.NoError(t, err)
		escrow, err := jobs.EscrowAddress(w.jc.ProgramID, job)
		require.NoError(t, err)
		info, err := w.chain.RPC.GetAccountInfo(ctx, escrow)
		assert.True(t, err != nil || info.Value == nil || info.Value.Lamports == 0, "job %d's escrow is closed", r.id)
	}

	// Emission: every ended epoch minted once (the ledger's emitted total is the schedule's sum
	// up to the last minted epoch, and the supply equation holds), in cranks that never overlap,
	// with one tip per crank.
	st, err := w.em.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, schedule.LastEndedEpoch(st.StartTs, w.now()), st.LastMintedEpoch, "every ended epoch minted")
	assert.Greater(t, st.LastMintedEpoch, uint64(100))
	assert.True(t, st.SupplyHolds, "supply %d, expected %d", st.Supply, st.ExpectedSupply)
	assert.Equal(t, st.ScheduledEmission, st.Emitted)
	slices.SortFunc(crankEpochs, func(a, b [2]uint64) int { return int(a[0]) - int(b[0]) })
	for i := 1; i < len(crankEpochs); i++ {
		require.Greater(t, crankEpochs[i][0], crankEpochs[i-1][1], "cranks %v overlap", crankEpochs)
	}
	require.NotZero(t, st.CrankTip)
	assert.Zero(t, st.TipsPaid%st.CrankTip, "whole tips only")
	assert.GreaterOrEqual(t, st.TipsPaid/st.CrankTip, uint64(len(crankEpochs)), "one tip per crank")

	// The keepers hold the crank tips (the paid share of each expiry penalty went to the treasury).
	var held uint64
	for _, k := range keys {
		held += w.tokenBalance(k.PublicKey())
	}
	assert.Equal(t, st.TipsPaid, held, "keepers' IO")

	var races, reconnects int
	for _, p := range procs {
		for _, l := range p.logs(t) {
			if l.Msg == "websocket subscriptions back; rescanning" {
				reconnects++
			}
			require.NotEqual(t, "ERROR", l.Level, "keeper %s logged an error: %+v", p.name, l)
			if strings.HasPrefix(l.Msg, "race lost") || l.Msg == "task no longer pending" {
				races++
			}
		}
	}
	assert.GreaterOrEqual(t, reconnects, 3, "each keeper running across the chain restart resubscribed")
	t.Logf("%d jobs, %d epochs, %d cranks, %d lost races across %d keeper processes", len(runs), st.LastMintedEpoch, len(crankEpochs), races, len(procs))
}

func (w *world) deviceStake() uint64 {
	d, err := w.stk.FetchDevice(localnettest.Context(w.t), w.device.PublicKey())
	require.NoError(w.t, err)
	return d.Stake
}

// checkHealth reads the keeper's /healthz and /metrics at the address it logged.
func (w *world) checkHealth(p *keeperProc) {
	var addr string
	for _, l := range p.logs(w.t) {
		if l.Addr != "" {
			addr = l.Addr
		}
	}
	require.NotEmpty(w.t, addr, "keeper %s logged no metrics address", p.name)
	get := func(path string) (int, string) {
		res, err := http.Get("http://" + addr + path)
		require.NoError(w.t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(w.t, err)
		return res.StatusCode, string(body)
	}
	code, body := get("/healthz")
	assert.Equal(w.t, http.StatusOK, code, body)
	code, body = get("/metrics")
	assert.Equal(w.t, http.StatusOK, code)
	for _, series := range []string{"keeper_steps_total", "keeper_races_lost_total", "keeper_lag_seconds", "keeper_rpc_errors_total", "keeper_tips_earned_base_units_total"} {
		assert.True(w.t, strings.Contains(body, "\n"+series), "/metrics lacks %s", series)
	}
}
