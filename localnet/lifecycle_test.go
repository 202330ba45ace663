package localnet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// orphanHelperEnv makes the test binary start a chain, print the server's pid and its temporary
// ledger, and wait to be killed: TestNoOrphanWhenParentDies runs it as a child.
const orphanHelperEnv = "IONET_LOCALNET_ORPHAN_HELPER"

func runOrphanHelper() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("PID", c.PID(), c.LedgerDir)
	select {} // until killed
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func waitGone(t *testing.T, pid int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for processAlive(pid) && !zombie(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("server process %d still alive after %v", pid, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// zombie reports a process that has exited but not yet been reaped by its (init) parent.
func zombie(pid int) bool {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	return len(fields) > 0 && fields[0] == "Z"
}

func TestNoOrphanWhenParentDies(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), orphanHelperEnv+"=1")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	fields := strings.Fields(line)
	require.Len(t, fields, 3, "helper said %q", line)
	require.Equal(t, "PID", fields[0], "helper said %q", line)
	pid, err := strconv.Atoi(fields[1])
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(fields[2]) }) // the helper dies without Stop
	require.True(t, processAlive(pid))

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL)) // no Stop, no deferred cleanup
	_ = cmd.Wait()
	waitGone(t, pid, 10*time.Second)
}

// A ledger keeps the chain across a restart and re-uses its genesis; Reset starts afresh.
func TestLedgerPersistsAndResets(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	ledger := t.TempDir()

	first, err := Start(ctx, Options{LedgerDir: ledger})
	require.NoError(t, err)
	_, err = Start(ctx, Options{LedgerDir: ledger, Reset: true})
	require.ErrorIs(t, err, ErrLedgerInUse, "a second chain on a ledger in use is refused")
	assert.Contains(t, err.Error(), fmt.Sprintf("process %d already runs a local chain on %s; stop it (Ctrl-C) or pass another --ledger", os.Getpid(), ledger))
	payer, err := first.NewWallet(ctx, Funding{Lamports: 2 * sol})
	require.NoError(t, err)
	to := newAddress(t)
	res, err := first.Client.Send(ctx, payer, []solana.Instruction{transferIx(payer.PublicKey(), to, sol/2)})
	require.NoError(t, err)
	sig := res.Signature
	slot, err := first.RPC.GetSlot(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	distIO, err := first.RPC.GetTokenAccountBalance(ctx, first.Manifest.Distribution.IOAccount, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	genesis := first.Manifest.GenesisHash
	pid := first.PID()
	require.NoError(t, first.Stop())
	waitGone(t, pid, time.Second)
	assert.FileExists(t, ManifestPath(ledger))

	// While another holds the ledger, even a --reset start changes nothing in it.
	held, err := lockLedger(ledger)
	require.NoError(t, err, "Stop released the lock")
	before := snapshotDir(t, ledger)
	_, err = Start(ctx, Options{LedgerDir: ledger, Reset: true})
	require.ErrorIs(t, err, ErrLedgerInUse)
	assert.Equal(t, before, snapshotDir(t, ledger), "the refused start rewrote nothing")
	held.release()

	second, err := Start(ctx, Options{LedgerDir: ledger})
	require.NoError(t, err)
	got, err := second.RPC.GetBalance(ctx, to, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, sol/2, got.Value, "state survives the restart")
	assert.Equal(t, genesis, second.Manifest.GenesisHash, "same chain")
	supply, err := second.RPC.GetTokenSupply(ctx, second.Manifest.Mints.IO.Address, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, strconv.FormatUint(IOLaunchSupply, 10), supply.Value.Amount, "no second mint")
	distIOAfter, err := second.RPC.GetTokenAccountBalance(ctx, second.Manifest.Distribution.IOAccount, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, distIO.Value.Amount, distIOAfter.Value.Amount, "no second funding of the wallets")
	newSlot, err := second.RPC.GetSlot(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, newSlot, slot, "slots carry on")
	statuses, err := second.RPC.GetSignatureStatuses(ctx, true, sig)
	require.NoError(t, err)
	require.NotNil(t, statuses.Value[0], "the transaction history survives the restart")
	assert.Nil(t, statuses.Value[0].Err)
	require.NoError(t, second.Stop())

	third, err := Start(ctx, Options{LedgerDir: ledger, Reset: true})
	require.NoError(t, err)
	defer func() { require.NoError(t, third.Stop()) }()
	_, err = third.RPC.GetAccountInfo(ctx, to)
	assert.ErrorIs(t, err, rpc.ErrNotFound, "reset wipes the ledger")
	supply, err = third.RPC.GetTokenSupply(ctx, third.Manifest.Mints.IO.Address, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, strconv.FormatUint(IOLaunchSupply, 10), supply.Value.Amount, "a fresh genesis")
	onDisk, err := ReadManifest(ManifestPath(ledger))
	require.NoError(t, err)
	assert.Equal(t, third.Manifest, onDisk)
}

// With fast slots a blockhash expires within seconds: isBlockhashValid turns false and a
// transaction on it is refused with BlockhashNotFound, changing nothing. The chain also runs
// with LiteSVM's default feature set.
func TestBlockhashExpires(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fast, err := Start(ctx, Options{SlotDuration: 20 * time.Millisecond, Features: FeaturesDefault})
	require.NoError(t, err)
	defer func() { require.NoError(t, fast.Stop()) }()
	payer, err := fast.NewWallet(ctx, Funding{Lamports: sol})
	require.NoError(t, err)
	to := newAddress(t)

	old, err := fast.RPC.GetLatestBlockhash(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	valid, err := fast.RPC.IsBlockhashValid(ctx, old.Value.Blockhash, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.True(t, valid.Value)
	// 150 slots passed at once, not in 3 s of them; then the confirmed height is awaited.
	height, err := fast.RPC.GetBlockHeight(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	_, err = fast.WarpSlots(ctx, old.Value.LastValidBlockHeight-height+1)
	require.NoError(t, err)
	for {
		height, err := fast.RPC.GetBlockHeight(ctx, rpc.CommitmentConfirmed)
		require.NoError(t, err)
		if height > old.Value.LastValidBlockHeight {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	valid, err = fast.RPC.IsBlockhashValid(ctx, old.Value.Blockhash, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.False(t, valid.Value, "expired after its last valid block height")

	tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, opening)}, old.Value.Blockhash, payer)
	_, err = fast.RPC.SendTransaction(ctx, tx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "BlockhashNotFound")
	got, err := fast.RPC.GetBalance(ctx, payer.PublicKey(), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, sol, got.Value, "no fee charged")
}

func TestStopIsIdempotentAndKills(t *testing.T) {
	t.Parallel()
	c, err := Start(testContext(t), Options{})
	require.NoError(t, err)
	pid, dir := c.PID(), c.LedgerDir
	require.NoError(t, c.Stop())
	require.NoError(t, c.Stop())
	waitGone(t, pid, time.Second)
	select {
	case <-c.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	assert.NoDirExists(t, dir, "the temporary ledger is removed")
}

// A chosen port that is taken gives a clear error (free ports are only retried when picked).
func TestPortTaken(t *testing.T) {
	t.Parallel()
	port, err := FreePortPair()
	require.NoError(t, err)
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	require.NoError(t, err)
	defer l.Close()
	_, err = Start(testContext(t), Options{Port: port})
	require.Error(t, err)
	assert.ErrorIs(t, err, errPortTaken)
	assert.Contains(t, err.Error(), "port "+strconv.Itoa(port))
}

// A server that dies is noticed: Done closes and Stop says how it ended.
func TestServerCrashReported(t *testing.T) {
	t.Parallel()
	c, err := Start(testContext(t), Options{})
	require.NoError(t, err)
	require.NoError(t, syscall.Kill(c.PID(), syscall.SIGKILL))
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("Done not closed after the server died")
	}
	err = c.Stop()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "server exited uncleanly: signal: killed")
	assert.NoDirExists(t, c.LedgerDir, "the temporary ledger is removed all the same")
}

// fileState is what snapshotDir records of a file.
type fileState struct {
	Data    []byte
	ModTime time.Time
}

// snapshotDir records every file in dir, to show that nothing was rewritten.
func snapshotDir(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	got := make(map[string]fileState, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		got[e.Name()] = fileState{Data: data, ModTime: info.ModTime()}
	}
	require.Contains(t, got, ManifestFile)
	return got
}
