package programwatch_test

import (
	"context"
	"net"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/solanax/programwatch"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestBackoffWhileUnreachable: with nothing listening, every attempt fails, the wait doubles
// up to the cap, Up is never called and Run returns once its context ends.
func TestBackoffWhileUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close()) // a port nobody listens on

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var waits []time.Duration
	done := make(chan struct{})
	go func() {
		defer close(done)
		programwatch.Run(ctx, programwatch.Options{
			WSURL: "ws://" + addr, Programs: []solana.PublicKey{solana.TokenProgramID},
			FirstRetry: 5 * time.Millisecond, MaxRetry: 20 * time.Millisecond,
			Up: func(context.Context, bool) { t.Error("Up called without a connection") },
			Lost: func(err error, retryIn time.Duration) {
				assert.ErrorContains(t, err, "connect ws://"+addr)
				mu.Lock()
				defer mu.Unlock()
				if waits = append(waits, retryIn); len(waits) == 5 {
					cancel()
				}
			},
		}, func(context.Context, programwatch.Notification) { t.Error("a notification without a connection") })
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond}, waits)
}

// TestNotifiesAndReconnects: a token account created on a live chain is notified with its
// data; when the chain stops, Lost says so, and once it serves again on the same ports Up
// says the subscriptions are back after a drop, and notifications flow again.
func TestNotifiesAndReconnects(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet")
	}
	ctx := localnettest.Context(t)
	ledger := t.TempDir()
	chain, err := localnet.Start(ctx, localnet.Options{LedgerDir: ledger, SlotDuration: 100 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Stop() })

	ups := make(chan bool, 4)
	lost := make(chan error, 64)
	notes := make(chan programwatch.Notification, 256)
	watchCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		programwatch.Run(watchCtx, programwatch.Options{
			WSURL: chain.WSURL, Programs: []solana.PublicKey{solanax.TokenProgramID, solanax.TokenProgramID},
			FirstRetry: 50 * time.Millisecond, MaxRetry: 200 * time.Millisecond,
			Up: func(_ context.Context, again bool) { ups <- again },
			Lost: func(err error, _ time.Duration) {
				select {
				case lost <- err:
				default:
				}
			},
		}, func(_ context.Context, n programwatch.Notification) {
			select {
			case notes <- n:
			default:
			}
		})
	}()
	requireUp := func(want bool) {
		t.Helper()
		select {
		case again := <-ups:
			require.Equal(t, want, again, "Up's again")
		case <-time.After(time.Minute):
			t.Fatal("the subscriptions did not come up")
		}
	}
	requireNotified := func(owner solana.PublicKey) {
		t.Helper()
		account := localnettest.TokenAccount(t, owner, chain.Manifest.Mints.IO.Address)
		deadline := time.After(time.Minute)
		for {
			select {
			case n := <-notes:
				if n.Account.Equals(account) {
					assert.Equal(t, solanax.TokenProgramID, n.Program)
					assert.Len(t, n.Data, 165, "an SPL token account's data")
					return
				}
			case <-deadline:
				t.Fatalf("no notification for %s", account)
			}
		}
	}

	requireUp(false)
	requireNotified(localnettest.NewWallet(t, chain, 1).PublicKey())

	u, err := url.Parse(chain.RPCURL)
	require.NoError(t, err)
	port, err := strconv.Atoi(u.Port())
	require.NoError(t, err)
	require.NoError(t, chain.Stop())
	select {
	case err := <-lost:
		require.Error(t, err)
	case <-time.After(time.Minute):
		t.Fatal("Lost was not called when the chain stopped")
	}
	chain, err = localnet.Start(ctx, localnet.Options{LedgerDir: ledger, Port: port, SlotDuration: 100 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Stop() })
	requireUp(true)
	requireNotified(localnettest.NewWallet(t, chain, 1).PublicKey())

	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}
