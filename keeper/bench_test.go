package keeper_test

import (
	"flag"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// backlogJobs is the settlement backlog's size: -keeper.backlog=1000 for the figure.
var backlogJobs = flag.Int("keeper.backlog", 200, "due settlements in BenchmarkBacklog")

// BenchmarkBacklog measures how long one keeper (in-process, --once) takes to clear a backlog,
// and the transactions it needs: 200 due settlements, and 100 missed epochs. Each iteration
// builds a fresh backlog on the same chain (not timed). Run with -benchtime=1x.
func BenchmarkBacklog(b *testing.B) {
	// Every job of the backlog holds its claim's 1,000 IO reserve until it settles.
	w := newWorldWith(b, 0, 15_000*IO+uint64(*backlogJobs)*1_000*IO)
	for _, bc := range []struct {
		name    string
		kind    string
		backlog func()
		steps   int
	}{
		{fmt.Sprintf("settlements=%d", *backlogJobs), duties.KindSettle, func() {
			w.postJobs(*backlogJobs, *backlogJobs)
			w.warp(61 * time.Minute)
		}, *backlogJobs},
		{"epochs=100", duties.KindCrank, func() {
			st, err := w.em.Status(localnettest.Context(b))
			require.NoError(b, err)
			behind := int64(st.LastEndedEpoch - st.LastMintedEpoch)
			w.warp(time.Duration(100-behind) * time.Hour)
		}, 100},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var txs, steps int
			var took time.Duration
			for range b.N {
				b.StopTimer()
				bc.backlog()
				d := map[string]keeper.Duty{}
				for _, duty := range w.duties() {
					d[duty.Kind()] = duty
				}
				k, err := keeper.New(w.chain.Client, keeper.Config{
					Payer: localnettest.NewWallet(b, w.chain, 0), Duties: []keeper.Duty{d[bc.kind]}, Log: slog.New(slog.DiscardHandler),
				})
				require.NoError(b, err)
				before := w.minted()
				b.StartTimer()
				begin := time.Now()
				stats, err := k.Once(localnettest.Context(b))
				took += time.Since(begin)
				require.NoError(b, err)
				txs += stats.Transactions
				if bc.kind == duties.KindCrank {
					steps += int(w.minted() - before) // epochs, not cranks
				} else {
					steps += stats.Steps[bc.kind]
				}
			}
			require.Equal(b, bc.steps*b.N, steps)
			b.ReportMetric(float64(txs)/float64(b.N), "txs/op")
			b.ReportMetric(float64(steps)/took.Seconds(), "done/s")
		})
	}
}

func (w *world) minted() uint64 {
	st, err := w.em.FetchState(localnettest.Context(w.t))
	require.NoError(w.t, err)
	return st.LastMintedEpoch
}
