package solanax_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
)

const sol = solana.LAMPORTS_PER_SOL

// recipient is an existing account holding 1 SOL, so small transfers to it need no rent.
func recipient(t testing.TB) solana.PublicKey {
	t.Helper()
	return newWallet(t, localnet.Funding{Lamports: sol}).PublicKey()
}

func transfer(from solana.PrivateKey, to solana.PublicKey, amount uint64) []solana.Instruction {
	return []solana.Instruction{system.NewTransferInstruction(amount, from.PublicKey(), to).Build()}
}

func TestSendTransfer(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	payer, to := newWallet(t, localnet.Funding{Lamports: 2 * sol}), newAddress(t)

	res, err := c.Send(ctx, payer, transfer(payer, to, sol/2))
	require.NoError(t, err)
	assert.Equal(t, uint64(sol/2), lamports(t, c, to))
	assert.Equal(t, uint64(2*sol-sol/2-5000), lamports(t, c, payer.PublicKey()), "one signature: 5000 lamports")

	details, err := res.Details(ctx)
	require.NoError(t, err)
	assert.Equal(t, res.Slot, details.Slot)
	assert.Equal(t, uint64(5000), details.Fee)
	assert.Equal(t, uint64(150), details.ComputeUnits, "a system transfer costs 150 compute units")
	assert.Contains(t, details.Logs, "Program 11111111111111111111111111111111 success")
}

func TestSendComputeBudget(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	payer, to := newWallet(t, localnet.Funding{Lamports: sol}), newAddress(t)

	res, err := c.Send(ctx, payer, transfer(payer, to, sol/4),
		solanax.WithComputeUnitLimit(10_000), solanax.WithComputeUnitPrice(2_500_000))
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	// Priority fee = ceil(limit * price / 1e6) = 10_000 * 2.5 = 25_000 lamports.
	assert.Equal(t, uint64(5000+25_000), details.Fee)
	assert.GreaterOrEqual(t, details.ComputeUnits, uint64(150))
	assert.Equal(t, uint64(sol-sol/4-30_000), lamports(t, c, payer.PublicKey()))
}

func TestSendPreflightFailure(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	payer, to := newWallet(t, localnet.Funding{Lamports: sol}), newAddress(t)

	_, err := c.Send(ctx, payer, transfer(payer, to, 5*sol))
	var txErr *solanax.TxError
	require.ErrorAs(t, err, &txErr)
	assert.True(t, txErr.Preflight)
	assert.Equal(t, 0, txErr.Instruction)
	require.NotNil(t, txErr.Program)
	assert.Equal(t, solana.SystemProgramID, *txErr.Program)
	code, ok := solanax.CustomCode(err, solana.SystemProgramID)
	assert.True(t, ok)
	assert.Equal(t, uint32(1), code, "SystemError::ResultWithNegativeLamports")
	assert.NotEmpty(t, txErr.Logs)
	assert.Contains(t, err.Error(), "failed in preflight simulation")
	assert.Equal(t, uint64(sol), lamports(t, c, payer.PublicKey()), "nothing charged")
	assert.Zero(t, lamports(t, c, to))
}

func TestSendOnChainFailure(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	payer, to := newWallet(t, localnet.Funding{Lamports: sol}), newAddress(t)

	_, err := c.Send(ctx, payer, transfer(payer, to, 5*sol), solanax.WithSkipPreflight())
	var txErr *solanax.TxError
	require.ErrorAs(t, err, &txErr)
	assert.False(t, txErr.Preflight)
	assert.True(t, txErr.IsCustom)
	assert.Equal(t, uint32(1), txErr.Custom)
	assert.Equal(t, 0, txErr.Instruction)
	assert.NotEmpty(t, txErr.Logs, "logs come from getTransaction")
	assert.Contains(t, err.Error(), "failed on-chain in slot")
	assert.Equal(t, uint64(sol-5000), lamports(t, c, payer.PublicKey()), "the fee is charged, nothing else")
}

// closedPort is a local port with nothing listening.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func TestSendByPolling(t *testing.T) {
	for name, wsURL := range map[string]string{
		"no websocket":          "",
		"websocket unreachable": "ws://" + closedPort(t),
	} {
		t.Run(name, func(t *testing.T) {
			c := solanax.New(testChain(t).RPCURL, wsURL)
			t.Cleanup(func() { _ = c.Close() })
			payer, to := newWallet(t, localnet.Funding{Lamports: sol}), recipient(t)
			_, err := c.Send(testContext(t), payer, transfer(payer, to, 1000))
			require.NoError(t, err)
			assert.Equal(t, uint64(sol+1000), lamports(t, c, to))
		})
	}
}

func TestSendRedialsAfterWebsocketDrops(t *testing.T) {
	c := newTestClient(t)
	ctx := testContext(t)
	payer, to := newWallet(t, localnet.Funding{Lamports: sol}), recipient(t)

	_, err := c.Send(ctx, payer, transfer(payer, to, 1000))
	require.NoError(t, err)
	first := solanax.WebsocketConn(c)
	require.NotNil(t, first, "the first send dialled the websocket")
	require.NoError(t, solanax.DropWebsocket(c))

	_, err = c.Send(ctx, payer, transfer(payer, to, 2000))
	require.NoError(t, err)
	assert.NotSame(t, first, solanax.WebsocketConn(c), "a fresh connection replaced the dropped one")
	assert.Equal(t, uint64(sol+3000), lamports(t, c, to))
}

// neverLands is a transfer whose fee payer has no account: the cluster refuses it without
// recording anything, so with preflight skipped it stays unconfirmed.
func neverLands(t *testing.T) (solana.PrivateKey, []solana.Instruction) {
	payer := solana.NewWallet().PrivateKey
	return payer, transfer(payer, newAddress(t), 1)
}

func TestSendExpires(t *testing.T) {
	c := newTestClient(t, solanax.WithRebroadcastInterval(200*time.Millisecond))
	ctx := testContext(t)
	height, err := c.RPC.GetBlockHeight(ctx, c.Commitment())
	require.NoError(t, err)

	payer, ixs := neverLands(t)
	start := time.Now()
	// As if 150 blocks had passed since the blockhash.
	_, err = solanax.SendExpiringAt(ctx, c, payer, ixs, height-1, solanax.WithSkipPreflight())
	require.ErrorIs(t, err, solanax.ErrExpired)
	assert.Contains(t, err.Error(), "rebuild")
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestSendStopsWithContext(t *testing.T) {
	c := newTestClient(t)
	ctx, cancel := context.WithTimeout(testContext(t), time.Second)
	defer cancel()
	payer, ixs := neverLands(t)
	_, err := c.Send(ctx, payer, ixs, solanax.WithSkipPreflight())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "it may still land")
}

func TestSendConcurrently(t *testing.T) {
	// Processed commitment: this is about many subscriptions on one websocket, not slot time.
	c := newTestClient(t, solanax.WithCommitment(rpc.CommitmentProcessed))
	ctx := testContext(t)
	const senders, each = 8, 5
	to := recipient(t)
	var wg sync.WaitGroup
	errs := make(chan error, senders*each)
	for _, payer := range newWallets(t, senders, sol) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Distinct amounts: identical transfers on one blockhash are one transaction.
				if _, err := c.Send(ctx, payer, transfer(payer, to, uint64(1000+i))); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Equal(t, uint64(sol+senders*(each*1000+each*(each-1)/2)), lamports(t, c, to))
	subscribed, pending := solanax.OpenSubscriptions(c)
	assert.Zero(t, subscribed, "no subscription left behind")
	assert.Zero(t, pending)
}

func TestSendNeedsEverySigner(t *testing.T) {
	c := newTestClient(t)
	payer, other := newWallet(t, localnet.Funding{Lamports: sol}), solana.NewWallet().PrivateKey
	_, err := c.Send(testContext(t), payer, transfer(other, payer.PublicKey(), 1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a signature from "+other.PublicKey().String())

	_, err = c.Send(testContext(t), payer, nil)
	require.EqualError(t, err, "send transaction: no instructions")
}

func TestSendUnreachableNode(t *testing.T) {
	c := solanax.New("http://"+closedPort(t), "")
	defer c.Close()
	_, err := c.Send(testContext(t), solana.NewWallet().PrivateKey, transfer(solana.NewWallet().PrivateKey, newAddress(t), 1))
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "getLatestBlockhash") && strings.Contains(err.Error(), "connection refused"), err.Error())
	assert.False(t, errors.Is(err, solanax.ErrExpired))
}

// BenchmarkSendTransfer measures Send with websocket confirmation: at processed commitment the
// client and node overhead (one sender, and eight at once), at confirmed the wait for the next
// slot (the localnet confirms one slot after landing).
func BenchmarkSendTransfer(b *testing.B) {
	for _, bc := range []struct {
		commitment rpc.CommitmentType
		senders    int
	}{
		{rpc.CommitmentProcessed, 1},
		{rpc.CommitmentProcessed, 8},
		{rpc.CommitmentConfirmed, 1},
	} {
		b.Run(fmt.Sprintf("%s/senders=%d", bc.commitment, bc.senders), func(b *testing.B) {
			c := newTestClient(b, solanax.WithCommitment(bc.commitment))
			ctx := testContext(b)
			to := recipient(b)
			payers := newWallets(b, bc.senders, 100*sol)
			var amount atomic.Uint64 // distinct amounts: two identical transfers on one blockhash are one transaction
			var wg sync.WaitGroup
			b.ResetTimer()
			for i, payer := range payers {
				n := b.N / bc.senders
				if i < b.N%bc.senders {
					n++
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range n {
						if _, err := c.Send(ctx, payer, transfer(payer, to, amount.Add(1))); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
		})
	}
}
