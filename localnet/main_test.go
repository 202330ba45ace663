package localnet

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"
)

// chain is the package's shared localnet, started once in TestMain. Tests give themselves fresh
// funded wallets, so they can run in parallel and never depend on each other's balances.
var chain *Chain

func TestMain(m *testing.M) {
	if os.Getenv(orphanHelperEnv) != "" {
		runOrphanHelper()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	c, err := Start(ctx, Options{})
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "localnet tests: start the shared chain:", err)
		os.Exit(1)
	}
	chain = c
	code := m.Run()
	if err := c.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "localnet tests: stop the shared chain:", err)
		code = max(code, 1)
	}
	os.Exit(code)
}

const sol = solana.LAMPORTS_PER_SOL

// opening is what a transfer to a new address sends: at least the 890,880 lamports that make an
// empty account rent-exempt (less is refused with InsufficientFundsForRent).
const opening = 1_000_000

// testContext bounds one test's chain calls.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newWallet is a fresh wallet funded from the distribution wallet.
func newWallet(t testing.TB, f Funding) solana.PrivateKey {
	t.Helper()
	key, err := chain.NewWallet(testContext(t), f)
	require.NoError(t, err)
	return key
}

func newAddress(t testing.TB) solana.PublicKey {
	t.Helper()
	key, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	return key.PublicKey()
}

// signedTx builds and signs a legacy transaction paid by the first signer on the given blockhash
// (the latest one when zero).
func signedTx(t testing.TB, instrs []solana.Instruction, blockhash solana.Hash, signers ...solana.PrivateKey) *solana.Transaction {
	t.Helper()
	return versionedTx(t, solana.MessageVersionLegacy, instrs, blockhash, signers...)
}

// versionedTx is signedTx for a given message version.
func versionedTx(t testing.TB, version solana.MessageVersion, instrs []solana.Instruction, blockhash solana.Hash, signers ...solana.PrivateKey) *solana.Transaction {
	t.Helper()
	return chainVersionedTx(t, chain, version, instrs, blockhash, signers...)
}

// chainTx is a signed legacy transaction on c's latest blockhash.
func chainTx(t testing.TB, c *Chain, instrs []solana.Instruction, signers ...solana.PrivateKey) *solana.Transaction {
	t.Helper()
	return chainVersionedTx(t, c, solana.MessageVersionLegacy, instrs, solana.Hash{}, signers...)
}

func chainVersionedTx(t testing.TB, c *Chain, version solana.MessageVersion, instrs []solana.Instruction, blockhash solana.Hash, signers ...solana.PrivateKey) *solana.Transaction {
	t.Helper()
	if blockhash.IsZero() {
		latest, err := c.RPC.GetLatestBlockhash(testContext(t), rpc.CommitmentConfirmed)
		require.NoError(t, err)
		blockhash = latest.Value.Blockhash
	}
	tx, err := solana.NewTransaction(instrs, blockhash, solana.TransactionPayer(signers[0].PublicKey()))
	require.NoError(t, err)
	tx.Message.SetVersion(version)
	_, err = tx.Sign(keyOf(signers))
	require.NoError(t, err)
	return tx
}

func transferIx(from, to solana.PublicKey, lamports uint64) solana.Instruction {
	return system.NewTransferInstruction(lamports, from, to).Build()
}

// waitStatus polls until the signature reaches at least the want commitment (failed or not) and
// returns its status.
func waitStatus(t testing.TB, sig solana.Signature, want rpc.ConfirmationStatusType) *rpc.SignatureStatusesResult {
	t.Helper()
	rank := map[rpc.ConfirmationStatusType]int{rpc.ConfirmationStatusProcessed: 1, rpc.ConfirmationStatusConfirmed: 2, rpc.ConfirmationStatusFinalized: 3}
	ctx := testContext(t)
	for {
		res, err := chain.RPC.GetSignatureStatuses(ctx, true, sig)
		require.NoError(t, err)
		if st := res.Value[0]; st != nil && rank[st.ConfirmationStatus] >= rank[want] {
			return st
		}
		select {
		case <-ctx.Done():
			t.Fatalf("signature %s did not reach %s: %v", sig, want, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// sendConfirmed sends tx with preflight and waits until it is confirmed without error.
func sendConfirmed(t testing.TB, tx *solana.Transaction) solana.Signature {
	t.Helper()
	sig, err := chain.RPC.SendTransactionWithOpts(testContext(t), tx, rpc.TransactionOpts{PreflightCommitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	st := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed)
	require.Nil(t, st.Err, "transaction %s failed", sig)
	return sig
}

func balance(t testing.TB, key solana.PublicKey) uint64 {
	t.Helper()
	res, err := chain.RPC.GetBalance(testContext(t), key, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	return res.Value
}

// rawResponse is a JSON-RPC response read without solana-go, keeping the raw bytes.
type rawResponse struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	} `json:"error"`
	Body string `json:"-"`
}

// rawCall POSTs body to the chain's JSON-RPC endpoint as it is, for requests solana-go cannot
// express (malformed JSON, 64-bit ids, memcmp with base64 bytes).
func rawCall(t testing.TB, body string) rawResponse {
	t.Helper()
	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, chain.RPCURL, bytes.NewBufferString(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out rawResponse
	require.NoError(t, json.Unmarshal(data, &out), "response %s", data)
	out.Body = string(data)
	return out
}

// rawResult calls method with params (JSON text) and decodes the result into out.
func rawResult(t testing.TB, method, params string, out any) {
	t.Helper()
	resp := rawCall(t, fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":%q,"params":%s}`, method, params))
	require.Nil(t, resp.Error, "%s: %s", method, resp.Body)
	require.NoError(t, json.Unmarshal(resp.Result, out), "%s result %s", method, resp.Result)
}

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
