package localnet

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"
)

// BenchmarkTransfers measures confirmed SOL transfers per second over JSON-RPC at 400 ms and
// 10 ms slots, each on a chain of its own: senders (sender_test.go: one keep-alive connection
// each, transfers signed from a template) send signed transfers (with preflight) as fast as the
// server answers, then every signature is polled, 256 a call, until confirmed. It reports the
// CPU a transfer costs the senders' process and the server's.
func BenchmarkTransfers(b *testing.B) {
	for _, slot := range []time.Duration{DefaultSlotDuration, 10 * time.Millisecond} {
		b.Run(fmt.Sprintf("slot=%v", slot), func(b *testing.B) {
			c, err := Start(testContext(b), Options{SlotDuration: slot})
			require.NoError(b, err)
			b.Cleanup(func() { _ = c.Stop() })
			for _, run := range []struct{ senders, inFlight int }{{1, 1}, {1, 8}, {8, 1}, {8, 4}} {
				b.Run(fmt.Sprintf("senders=%d/in-flight=%d", run.senders, run.inFlight), func(b *testing.B) {
					benchmarkTransfers(b, c, run.senders, run.inFlight)
				})
			}
		})
	}
}

func benchmarkTransfers(b *testing.B, c *Chain, senders, inFlight int) {
	ctx := context.Background()
	wallet := func(f Funding) solana.PrivateKey {
		key, err := c.NewWallet(testContext(b), f)
		require.NoError(b, err)
		return key
	}
	keys := make([]solana.PrivateKey, senders)
	for i := range keys {
		keys[i] = wallet(Funding{Lamports: 10 * sol})
	}
	// A rent-exempt recipient, so that any amount may be sent to it.
	to := wallet(Funding{Lamports: sol}).PublicKey()
	// At 10 ms slots a blockhash lives 1.5 s: refresh it while sending.
	var blockhash atomic.Pointer[solana.Hash]
	latest, err := c.RPC.GetLatestBlockhash(ctx, rpc.CommitmentProcessed)
	require.NoError(b, err)
	blockhash.Store(&latest.Value.Blockhash)
	refresh, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		for refresh.Err() == nil {
			time.Sleep(100 * time.Millisecond)
			if l, err := c.RPC.GetLatestBlockhash(refresh, rpc.CommitmentProcessed); err == nil {
				blockhash.Store(&l.Value.Blockhash)
			}
		}
	}()

	poller, err := dialRPC(c.RPCURL)
	require.NoError(b, err)
	defer poller.Close()

	txSenders := newSenders(b, c.RPCURL, keys, to)

	b.ResetTimer()
	start := time.Now()
	cpu := startCPU(b, c.PID())
	sigs := sendTransfers(b, txSenders, &blockhash, inFlight)
	require.NoError(b, awaitConfirmedOver(poller, sigs, 5*time.Minute))
	elapsed := time.Since(start)
	b.StopTimer()
	cpu.report(b) // polling the statuses included
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "tx/s")
	b.ReportMetric(rssMB(b, c.PID()), "server-MB")
}

// newSenders opens a keep-alive connection to url for each key and makes its transfer template:
// what a load generator prepares before its run.
func newSenders(b *testing.B, url string, keys []solana.PrivateKey, to solana.PublicKey) []*transferSender {
	senders := make([]*transferSender, len(keys))
	for i, key := range keys {
		conn, err := dialRPC(url)
		require.NoError(b, err)
		b.Cleanup(func() { _ = conn.Close() })
		senders[i] = newTransferSender(conn, key, to)
	}
	return senders
}

// sendTransfers sends b.N signed transfers, one goroutine a sender, each sending as fast as the
// server answers (with preflight) with up to inFlight requests written ahead of their replies
// (1: each waits for its reply), and returns their signatures.
func sendTransfers(b *testing.B, senders []*transferSender, blockhash *atomic.Pointer[solana.Hash], inFlight int) []string {
	var next atomic.Int64
	sigs := make([]string, b.N)
	errs := make([]error, len(senders))
	var wg sync.WaitGroup
	for s, sender := range senders {
		wg.Go(func() { errs[s] = pipeline(sender, &next, sigs, blockhash, inFlight) })
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(b, err)
	}
	return sigs
}

// pipeline sends transfers numbered from next until len(sigs), keeping up to inFlight written
// ahead of their replies, and records each signature once its reply names it.
func pipeline(sender *transferSender, next *atomic.Int64, sigs []string, blockhash *atomic.Pointer[solana.Hash], inFlight int) error {
	type sent struct {
		i    int
		text string
	}
	var waiting []sent // oldest first
	for {
		for len(waiting) < inFlight {
			i := int(next.Add(1)) - 1
			if i >= len(sigs) {
				break
			}
			// Distinct amounts make distinct transactions on the same blockhash.
			text, err := sender.write(uint64(i)+1, blockhash.Load())
			if err != nil {
				return err
			}
			waiting = append(waiting, sent{i, text})
		}
		if len(waiting) == 0 {
			return nil
		}
		if err := sender.await(waiting[0].text); err != nil {
			return err
		}
		sigs[waiting[0].i] = waiting[0].text
		waiting = append(waiting[:0], waiting[1:]...)
	}
}

// BenchmarkStartup measures Start (server start-up, genesis, manifest) to a ready chain, and the
// server's resident memory once the genesis is done.
func BenchmarkStartup(b *testing.B) {
	var total time.Duration
	var rss float64
	for range b.N {
		begin := time.Now()
		c, err := Start(context.Background(), Options{SlotDuration: DefaultSlotDuration})
		require.NoError(b, err)
		total += time.Since(begin)
		rss = max(rss, rssMB(b, c.PID()))
		require.NoError(b, c.Stop())
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "start-ms")
	b.ReportMetric(rss, "server-MB")
}

// rssMB reads a process's resident set size from /proc/<pid>/status, in MiB.
func rssMB(b *testing.B, pid int) float64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	require.NoError(b, err)
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			require.NoError(b, err)
			return kb / 1024
		}
	}
	b.Fatalf("no VmRSS in /proc/%d/status", pid)
	return 0
}
