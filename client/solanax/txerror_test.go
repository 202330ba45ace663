package solanax

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc/jsonrpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// threeProgramTx is a signed transaction of [SetComputeUnitLimit, system transfer, token
// transfer], so its instruction indexes resolve to three different programs.
func threeProgramTx(t *testing.T) *solana.Transaction {
	t.Helper()
	payer := solana.NewWallet().PrivateKey
	mint, dest := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	ixs := []solana.Instruction{
		system.NewTransferInstruction(1, payer.PublicKey(), dest).Build(),
		TransferChecked(dest, mint, dest, payer.PublicKey(), 5, 8),
	}
	tx, err := buildTransaction(solana.Hash{1}, payer, ixs, &txConfig{unitLimit: ptr(uint32(10_000))})
	require.NoError(t, err)
	return tx
}

func ptr[T any](v T) *T { return &v }

func TestNewTxError(t *testing.T) {
	tx := threeProgramTx(t)
	tests := []struct {
		raw         string
		instruction int
		program     *solana.PublicKey
		custom      *uint32
		errText     string
	}{
		{`{"InstructionError":[2,{"Custom":1}]}`, 2, &TokenProgramID, ptr(uint32(1)),
			"instruction 2 (program " + TokenProgramID.String() + "): custom program error 1 (0x1)"},
		{`{"InstructionError":[1,{"Custom":6001}]}`, 1, &solana.SystemProgramID, ptr(uint32(6001)),
			"custom program error 6001 (0x1771)"},
		{`{"InstructionError":[0,"InvalidInstructionData"]}`, 0, &solana.ComputeBudget, nil,
			"instruction 0 (program " + solana.ComputeBudget.String() + "): InvalidInstructionData"},
		{`{"InstructionError":[1,{"BorshIoError":"Unknown"}]}`, 1, &solana.SystemProgramID, nil,
			`: {"BorshIoError":"Unknown"}`},
		{`{"InstructionError":[7,{"Custom":3}]}`, 7, nil, ptr(uint32(3)),
			"instruction 7: custom program error 3"},
		{`"BlockhashNotFound"`, -1, nil, nil,
			"BlockhashNotFound (the blockhash is unknown or expired; rebuild the transaction)"},
		{`"AccountNotFound"`, -1, nil, nil, "fund it first"},
		{`{"InsufficientFundsForRent": {"account_index": 2}}`, -1, nil, nil,
			`{"InsufficientFundsForRent":{"account_index":2}}`},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			e := newTxError(tx.Signatures[0], tx, json.RawMessage(tt.raw))
			assert.Equal(t, tt.instruction, e.Instruction)
			assert.Equal(t, tt.program, e.Program)
			assert.Equal(t, tt.custom != nil, e.IsCustom)
			if tt.custom != nil {
				assert.Equal(t, *tt.custom, e.Custom)
			}
			assert.Contains(t, e.Error(), tt.errText)
			assert.Contains(t, e.Error(), tx.Signatures[0].String())
			assert.JSONEq(t, tt.raw, string(e.Err))
		})
	}
}

func TestCustomCode(t *testing.T) {
	tx := threeProgramTx(t)
	custom := fmt.Errorf("stake: %w", newTxError(tx.Signatures[0], tx, json.RawMessage(`{"InstructionError":[2,{"Custom":4}]}`)))
	builtin := newTxError(tx.Signatures[0], tx, json.RawMessage(`{"InstructionError":[1,"InvalidArgument"]}`))

	code, ok := CustomCode(custom, TokenProgramID)
	assert.True(t, ok)
	assert.Equal(t, uint32(4), code)
	_, ok = CustomCode(custom, solana.SystemProgramID)
	assert.False(t, ok, "another program's code is not this program's")
	_, ok = CustomCode(builtin, solana.SystemProgramID)
	assert.False(t, ok)
	_, ok = CustomCode(errors.New("plain"), TokenProgramID)
	assert.False(t, ok)
}

func TestTxErrorIsExpired(t *testing.T) {
	tx := threeProgramTx(t)
	assert.ErrorIs(t, newTxError(tx.Signatures[0], tx, json.RawMessage(`"BlockhashNotFound"`)), ErrExpired)
	assert.NotErrorIs(t, newTxError(tx.Signatures[0], tx, json.RawMessage(`"AccountNotFound"`)), ErrExpired)
}

func TestPreflightError(t *testing.T) {
	tx := threeProgramTx(t)
	sig := tx.Signatures[0]
	// What solana-go hands back for a -32002 answer: Data decoded with UseNumber.
	simulated := &jsonrpc.RPCError{
		Code:    -32002,
		Message: "Transaction simulation failed: Error processing Instruction 1: custom program error: 0x1",
		Data: map[string]any{
			"err":           map[string]any{"InstructionError": []any{json.Number("1"), map[string]any{"Custom": json.Number("1")}}},
			"logs":          []any{"Program 11111111111111111111111111111111 invoke [1]", "Transfer: insufficient lamports 0, need 1"},
			"unitsConsumed": json.Number("150"),
		},
	}
	wrapped := WrapRPCError("sendTransaction", simulated)
	assert.Equal(t, "sendTransaction: rpc error -32002: "+simulated.Message, wrapped.Error())

	e := preflightError(wrapped, sig, tx)
	require.NotNil(t, e)
	assert.True(t, e.Preflight)
	assert.Equal(t, 1, e.Instruction)
	assert.Equal(t, &solana.SystemProgramID, e.Program)
	assert.True(t, e.IsCustom)
	assert.Equal(t, uint32(1), e.Custom)
	assert.Len(t, e.Logs, 2)
	assert.Contains(t, e.Error(), "failed in preflight simulation (not sent, no fee charged)")

	for name, err := range map[string]error{
		"other code":   WrapRPCError("sendTransaction", &jsonrpc.RPCError{Code: -32003, Message: "signature verification failure"}),
		"no data":      WrapRPCError("sendTransaction", &jsonrpc.RPCError{Code: -32002, Message: "x"}),
		"not rpc":      WrapRPCError("sendTransaction", errors.New("connection refused")),
		"null err":     WrapRPCError("sendTransaction", &jsonrpc.RPCError{Code: -32002, Data: map[string]any{"err": nil}}),
		"unparseable":  WrapRPCError("sendTransaction", &jsonrpc.RPCError{Code: -32002, Data: "text"}),
		"wrapped none": nil,
	} {
		assert.Nil(t, preflightError(err, sig, tx), name)
	}
}
