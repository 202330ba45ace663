package localnet

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/gagliardetto/solana-go/rpc/ws"
	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func wsClient(t *testing.T) *ws.Client {
	t.Helper()
	client, err := ws.Connect(testContext(t), chain.WSURL)
	require.NoError(t, err)
	t.Cleanup(client.Close)
	return client
}

// recvContext bounds waiting for one notification.
func recvContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(testContext(t), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestSlotSubscribe(t *testing.T) {
	t.Parallel()
	sub, err := wsClient(t).SlotSubscribe()
	require.NoError(t, err)
	defer sub.Unsubscribe()
	var last uint64
	for i := range 3 {
		got, err := sub.Recv(recvContext(t))
		require.NoError(t, err)
		if i > 0 {
			assert.Greater(t, got.Slot, last, "slots increase")
		}
		assert.Less(t, got.Parent, got.Slot)
		assert.LessOrEqual(t, got.Root, got.Slot)
		last = got.Slot
	}
}

func TestSignatureSubscribe(t *testing.T) {
	t.Parallel()
	client := wsClient(t)
	payer := newWallet(t, Funding{Lamports: sol})
	for _, tc := range []struct {
		name     string
		lamports uint64
		err      string
	}{
		{"success", opening, "null"},
		{"failure", 2 * sol, `{"InstructionError":[0,{"Custom":1}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), tc.lamports)}, solana.Hash{}, payer)
			sub, err := client.SignatureSubscribe(tx.Signatures[0], rpc.CommitmentConfirmed)
			require.NoError(t, err)
			defer sub.Unsubscribe()
			_, err = chain.RPC.SendTransactionWithOpts(testContext(t), tx, rpc.TransactionOpts{SkipPreflight: true})
			require.NoError(t, err)
			got, err := sub.Recv(recvContext(t))
			require.NoError(t, err)
			assert.JSONEq(t, tc.err, mustJSON(t, got.Value.Err))
			st := waitStatus(t, tx.Signatures[0], rpc.ConfirmationStatusConfirmed)
			assert.Equal(t, st.Slot, got.Context.Slot)
		})
	}
}

func TestAccountSubscribe(t *testing.T) {
	t.Parallel()
	client := wsClient(t)
	watched := newAddress(t)
	sub, err := client.AccountSubscribeWithOpts(watched, rpc.CommitmentConfirmed, solana.EncodingBase64)
	require.NoError(t, err)
	defer sub.Unsubscribe()
	for _, lamports := range []uint64{sol, 3 * sol} {
		_, err := chain.Fund(testContext(t), watched, Funding{Lamports: lamports / 3 * 2})
		require.NoError(t, err)
		got, err := sub.Recv(recvContext(t))
		require.NoError(t, err)
		assert.Equal(t, balance(t, watched), got.Value.Lamports)
		assert.Equal(t, solana.SystemProgramID, got.Value.Owner)
		assert.NotZero(t, got.Context.Slot)
	}
}

// programSubscribe with filters sees the token accounts of one owner and nothing else.
func TestProgramSubscribeFilters(t *testing.T) {
	t.Parallel()
	client := wsClient(t)
	owner := newAddress(t)
	sub, err := client.ProgramSubscribeWithOpts(solana.TokenProgramID, rpc.CommitmentConfirmed, solana.EncodingBase64,
		[]rpc.RPCFilter{{DataSize: 165}, {Memcmp: &rpc.RPCFilterMemcmp{Offset: 32, Bytes: owner.Bytes()}}})
	require.NoError(t, err)
	defer sub.Unsubscribe()
	// Token traffic of someone else, which must not show up.
	newWallet(t, Funding{IO: 1})

	_, err = chain.Fund(testContext(t), owner, Funding{IO: 777})
	require.NoError(t, err)
	want := associatedTokenAddress(owner, chain.Manifest.Mints.IO.Address)
	got, err := sub.Recv(recvContext(t))
	require.NoError(t, err)
	assert.Equal(t, want, got.Value.Pubkey)
	data := got.Value.Account.Data.GetBinary()
	require.Len(t, data, 165)
	assert.Equal(t, owner.Bytes(), data[32:64])
	assert.Equal(t, uint64(777), binary.LittleEndian.Uint64(data[64:72]))
	// Whatever else arrives must match the filter too.
	ctx, cancel := context.WithTimeout(testContext(t), time.Second)
	defer cancel()
	if more, err := sub.Recv(ctx); err == nil {
		assert.Equal(t, owner.Bytes(), more.Value.Account.Data.GetBinary()[32:64])
	}
}

func TestLogsSubscribe(t *testing.T) {
	t.Parallel()
	client := wsClient(t)
	payer := newWallet(t, Funding{Lamports: sol})
	all, err := client.LogsSubscribe(ws.LogsSubscribeFilterAll, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	defer all.Unsubscribe()
	mentions, err := client.LogsSubscribeMentions(payer.PublicKey(), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	defer mentions.Unsubscribe()

	// Someone else's transaction first: "all" sees it, "mentions" must not.
	other := newWallet(t, Funding{Lamports: sol})
	otherSig := sendConfirmed(t, signedTx(t, []solana.Instruction{transferIx(other.PublicKey(), newAddress(t), opening)}, solana.Hash{}, other))
	sig := sendConfirmed(t, signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), opening)}, solana.Hash{}, payer))

	seen := map[solana.Signature][]string{}
	for seen[sig] == nil || seen[otherSig] == nil {
		got, err := all.Recv(recvContext(t))
		require.NoError(t, err, "all: waiting for %s and %s", sig, otherSig)
		seen[got.Value.Signature] = got.Value.Logs
	}
	assert.Equal(t, []string{"Program 11111111111111111111111111111111 invoke [1]", "Program 11111111111111111111111111111111 success"}, seen[sig])

	got, err := mentions.Recv(recvContext(t))
	require.NoError(t, err)
	assert.Equal(t, sig, got.Value.Signature, "mentions: only the payer's transaction")
	assert.Nil(t, got.Value.Err)
}

// Every subscription has its unsubscribe, answering true once and an error after.
func TestUnsubscribe(t *testing.T) {
	t.Parallel()
	conn, _, err := websocket.DefaultDialer.DialContext(testContext(t), chain.WSURL, nil)
	require.NoError(t, err)
	defer conn.Close()
	nextID := 0
	call := func(method string, params any) (json.RawMessage, *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}) {
		nextID++
		require.NoError(t, conn.WriteJSON(map[string]any{"jsonrpc": "2.0", "id": nextID, "method": method, "params": params}))
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
		for {
			var msg struct {
				ID     *int            `json:"id"`
				Result json.RawMessage `json:"result"`
				Error  *struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				} `json:"error"`
			}
			require.NoError(t, conn.ReadJSON(&msg))
			if msg.ID != nil && *msg.ID == nextID { // notifications have no id
				return msg.Result, msg.Error
			}
		}
	}
	acct := newAddress(t).String()
	for _, tc := range []struct {
		subscribe, unsubscribe string
		params                 any
	}{
		{"slotSubscribe", "slotUnsubscribe", []any{}},
		{"accountSubscribe", "accountUnsubscribe", []any{acct, map[string]any{"encoding": "base64"}}},
		{"programSubscribe", "programUnsubscribe", []any{solana.TokenProgramID.String(), map[string]any{"encoding": "base64"}}},
		{"logsSubscribe", "logsUnsubscribe", []any{"all"}},
		{"logsSubscribe", "logsUnsubscribe", []any{map[string]any{"mentions": []string{acct}}}},
		{"signatureSubscribe", "signatureUnsubscribe", []any{solana.Signature{1}.String()}},
	} {
		t.Run(tc.subscribe, func(t *testing.T) {
			res, rpcErr := call(tc.subscribe, tc.params)
			require.Nil(t, rpcErr)
			var id uint64
			require.NoError(t, json.Unmarshal(res, &id), "subscription id: %s", res)
			res, rpcErr = call(tc.unsubscribe, []any{id})
			require.Nil(t, rpcErr)
			assert.JSONEq(t, "true", string(res))
			_, rpcErr = call(tc.unsubscribe, []any{id})
			require.NotNil(t, rpcErr, "a second unsubscribe is an error")
			assert.Equal(t, -32602, rpcErr.Code)
		})
	}
	t.Run("no notifications after unsubscribe", func(t *testing.T) {
		res, rpcErr := call("slotSubscribe", []any{})
		require.Nil(t, rpcErr)
		var id uint64
		require.NoError(t, json.Unmarshal(res, &id))
		_, rpcErr = call("slotUnsubscribe", []any{id})
		require.Nil(t, rpcErr)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(1500*time.Millisecond)))
		var msg map[string]any
		err := conn.ReadJSON(&msg)
		require.Error(t, err, "got %v", msg)
		var netErr interface{ Timeout() bool }
		require.ErrorAs(t, err, &netErr)
		assert.True(t, netErr.Timeout())
	})
}
