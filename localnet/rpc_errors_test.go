package localnet

import (
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bad requests get the JSON-RPC error code for what is wrong, and the server keeps serving.
func TestBadRequests(t *testing.T) {
	t.Parallel()
	garbage := make([]byte, 200)
	_, err := rand.Read(garbage)
	require.NoError(t, err)
	oversized := make([]byte, 1233) // one byte over Solana's packet size
	owner := newAddress(t).String()
	for _, tc := range []struct {
		name string
		body string
		code int
		msg  string // part of the message, lower case
	}{
		{"malformed JSON", `{"jsonrpc":"2.0","id":1,"method":"getSlot"`, -32700, "parse error"},
		{"not an object", `"getSlot"`, -32600, ""},
		{"no method", `{"jsonrpc":"2.0","id":1}`, -32600, ""},
		{"unknown method", `{"jsonrpc":"2.0","id":1,"method":"getEverything"}`, -32601, "method not found"},
		{"bad pubkey", `{"jsonrpc":"2.0","id":1,"method":"getBalance","params":["not-a-pubkey"]}`, -32602, ""},
		{"missing params", `{"jsonrpc":"2.0","id":1,"method":"getBalance"}`, -32602, ""},
		{"wrong param type", `{"jsonrpc":"2.0","id":1,"method":"getMinimumBalanceForRentExemption","params":["ten"]}`, -32602, ""},
		{"bad encoding", `{"jsonrpc":"2.0","id":1,"method":"getAccountInfo","params":["` + owner + `",{"encoding":"base1024"}]}`, -32602, ""},
		{"transaction not base64", `{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["%%%",{"encoding":"base64"}]}`, -32602, ""},
		{"transaction unparsable", `{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["` + encodeBase64(garbage) + `",{"encoding":"base64"}]}`, -32602, ""},
		{"transaction oversized", `{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["` + encodeBase64(oversized) + `",{"encoding":"base64"}]}`, -32602, "1232"},
		{"simulate unparsable", `{"jsonrpc":"2.0","id":1,"method":"simulateTransaction","params":["` + encodeBase64(garbage) + `",{"encoding":"base64"}]}`, -32602, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := rawCall(t, tc.body)
			require.NotNil(t, resp.Error, "no error for %s: %s", tc.body, resp.Body)
			assert.Equal(t, tc.code, resp.Error.Code, resp.Body)
			assert.NotEmpty(t, resp.Error.Message, "the error says what is wrong")
			assert.Contains(t, strings.ToLower(resp.Error.Message), tc.msg)
			assert.Nil(t, resp.Result)

			health, err := chain.RPC.GetHealth(testContext(t))
			require.NoError(t, err)
			assert.Equal(t, rpc.HealthOk, health, "still serving")
		})
	}
}

// Request ids are echoed exactly as sent, also where a float64 would round them. As on Agave, an
// id is null, a string or an unsigned 64-bit integer; any other id is an invalid request.
func TestRequestIDsKeepPrecision(t *testing.T) {
	t.Parallel()
	for _, id := range []string{`1`, `9007199254740993`, `18446744073709551615`, `"abc"`, `null`} {
		resp := rawCall(t, `{"jsonrpc":"2.0","id":`+id+`,"method":"getHealth"}`)
		require.Nil(t, resp.Error, resp.Body)
		assert.Equal(t, id, string(resp.ID), resp.Body)
		assert.JSONEq(t, `"ok"`, string(resp.Result))
	}
	for _, id := range []string{`-9223372036854775808`, `-1`, `1.5`, `18446744073709551616`, `true`} {
		resp := rawCall(t, `{"jsonrpc":"2.0","id":`+id+`,"method":"getHealth"}`)
		require.NotNil(t, resp.Error, resp.Body)
		assert.Equal(t, -32600, resp.Error.Code, resp.Body)
		assert.Equal(t, `null`, string(resp.ID), resp.Body)
	}
	// Also on errors.
	resp := rawCall(t, `{"jsonrpc":"2.0","id":12345678901234567891,"method":"nope"}`)
	assert.Equal(t, `12345678901234567891`, string(resp.ID), resp.Body)
}

// A transaction that fails preflight is refused with its simulation and changes nothing: no fee,
// no transfer, no status.
func TestFailedPreflightChangesNothing(t *testing.T) {
	t.Parallel()
	payer := newWallet(t, Funding{Lamports: sol})
	to := newAddress(t)
	for _, tc := range []struct {
		name      string
		blockhash solana.Hash
		lamports  uint64
		code      int
		err       string // the simulation's error, as JSON
	}{
		{"insufficient funds", solana.Hash{}, 2 * sol, -32002, `{"InstructionError":[0,{"Custom":1}]}`},
		{"unknown blockhash", solana.Hash(newAddress(t)), opening, -32002, `"BlockhashNotFound"`},
		// Rent is enforced: a new account must receive at least its rent-exempt minimum.
		{"below rent exemption", solana.Hash{}, 890_879, -32002, `{"InsufficientFundsForRent":{"account_index":1}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, tc.lamports)}, tc.blockhash, payer)
			wire, err := tx.MarshalBinary()
			require.NoError(t, err)
			resp := rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["`+encodeBase64(wire)+`",{"encoding":"base64"}]}`)
			require.NotNil(t, resp.Error, resp.Body)
			assert.Equal(t, tc.code, resp.Error.Code, resp.Body)
			var data struct {
				Err  json.RawMessage `json:"err"`
				Logs []string        `json:"logs"`
			}
			require.NoError(t, json.Unmarshal(resp.Error.Data, &data), resp.Body)
			assert.JSONEq(t, tc.err, string(data.Err))

			assert.Equal(t, sol, balance(t, payer.PublicKey()), "no fee charged")
			assert.Zero(t, balance(t, to))
			st, err := chain.RPC.GetSignatureStatuses(testContext(t), true, tx.Signatures[0])
			require.NoError(t, err)
			assert.Nil(t, st.Value[0], "a refused transaction has no status")
		})
	}
}

func TestBadSignatureRefused(t *testing.T) {
	t.Parallel()
	payer := newWallet(t, Funding{Lamports: sol})
	tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), opening)}, solana.Hash{}, payer)
	tx.Signatures[0][5] ^= 0x01
	wire, err := tx.MarshalBinary()
	require.NoError(t, err)
	send := func(skip string) rawResponse {
		return rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["`+encodeBase64(wire)+`",{"encoding":"base64","skipPreflight":`+skip+`}]}`)
	}
	resp := send("false")
	require.NotNil(t, resp.Error, resp.Body)
	assert.Equal(t, -32003, resp.Error.Code, "signature verification failure: %s", resp.Body)

	// Without preflight a node may accept the bytes, but the transaction never lands.
	if resp = send("true"); resp.Error != nil {
		assert.Equal(t, -32003, resp.Error.Code, resp.Body)
	}
	time.Sleep(time.Second)
	st, err := chain.RPC.GetSignatureStatuses(testContext(t), true, tx.Signatures[0])
	require.NoError(t, err)
	assert.Nil(t, st.Value[0], "a badly signed transaction never lands")
	assert.Equal(t, sol, balance(t, payer.PublicKey()))
}
