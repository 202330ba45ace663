package solanax

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc/jsonrpc"
)

// JSON-RPC error codes that Solana nodes return (rpc_custom_error.rs).
const (
	codePreflightFailure = -32002
)

// RPCError is a JSON-RPC error answer, printable on one line (solana-go's own error type prints a
// multi-line dump).
type RPCError struct {
	Method  string
	Code    int
	Message string
	Data    json.RawMessage
}

func (e *RPCError) Error() string {
	return fmt.Sprintf("%s: rpc error %d: %s", e.Method, e.Code, e.Message)
}

// WrapRPCError turns an error from a solana-go RPC call into a one-line error naming the method.
// Program clients use it on the calls they make directly.
func WrapRPCError(method string, err error) error {
	if err == nil {
		return nil
	}
	var rpcErr *jsonrpc.RPCError
	if !errors.As(err, &rpcErr) {
		return fmt.Errorf("%s: %w", method, err)
	}
	out := &RPCError{Method: method, Code: rpcErr.Code, Message: rpcErr.Message}
	if rpcErr.Data != nil {
		if data, mErr := json.Marshal(rpcErr.Data); mErr == nil {
			out.Data = data
		}
	}
	return out
}

// preflightError extracts the simulation result from a sendTransaction preflight failure, or
// returns nil when err is something else.
func preflightError(err error, sig solana.Signature, tx *solana.Transaction) *TxError {
	var rpcErr *RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Code != codePreflightFailure || rpcErr.Data == nil {
		return nil
	}
	var sim struct {
		Err  json.RawMessage `json:"err"`
		Logs []string        `json:"logs"`
	}
	if json.Unmarshal(rpcErr.Data, &sim) != nil || len(sim.Err) == 0 || string(sim.Err) == "null" {
		return nil
	}
	txErr := newTxError(sig, tx, sim.Err)
	txErr.Preflight = true
	txErr.Logs = sim.Logs
	return txErr
}
