package localnet

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	computebudget "github.com/gagliardetto/solana-go/programs/compute-budget"
	"github.com/gagliardetto/solana-go/programs/token"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/mr-tron/base58"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
)

func TestSendTransactionEncodingsAndVersions(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	var spent uint64
	for _, tc := range []struct {
		name       string
		version    solana.MessageVersion
		encoding   solana.EncodingType
		commitment rpc.CommitmentType
	}{
		{"legacy base64", solana.MessageVersionLegacy, solana.EncodingBase64, rpc.CommitmentConfirmed},
		{"legacy base58", solana.MessageVersionLegacy, solana.EncodingBase58, rpc.CommitmentProcessed},
		{"v0 base64", solana.MessageVersionV0, solana.EncodingBase64, rpc.CommitmentFinalized},
		{"v0 base58", solana.MessageVersionV0, solana.EncodingBase58, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			to := newAddress(t)
			const amount = 1_000_000
			tx := versionedTx(t, tc.version, []solana.Instruction{transferIx(payer.PublicKey(), to, amount)}, solana.Hash{}, payer)
			wire, err := tx.MarshalBinary()
			require.NoError(t, err)
			if tc.version == solana.MessageVersionV0 {
				require.Equal(t, byte(0x80), wire[1+64], "a v0 message starts with the version prefix")
			}
			encoded := encodeBase64(wire)
			if tc.encoding == solana.EncodingBase58 {
				encoded = base58.Encode(wire)
			}
			sig, err := chain.RPC.SendEncodedTransactionWithOpts(ctx, encoded,
				rpc.TransactionOpts{Encoding: tc.encoding, PreflightCommitment: tc.commitment})
			require.NoError(t, err)
			assert.Equal(t, tx.Signatures[0], sig)
			st := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed)
			require.Nil(t, st.Err)
			assert.Equal(t, uint64(amount), balance(t, to))
			spent += amount + 5000
		})
	}
	assert.Equal(t, sol-spent, balance(t, payer.PublicKey()), "each transfer cost its amount plus 5000 lamports")
}

// With skipPreflight a failing transaction lands: it fails on chain and pays its fee.
func TestSkipPreflightLandsFailure(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	to := newAddress(t)
	tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, 2*sol)}, solana.Hash{}, payer)
	sig, err := chain.RPC.SendTransactionWithOpts(ctx, tx, rpc.TransactionOpts{SkipPreflight: true})
	require.NoError(t, err)
	st := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed)
	require.NotNil(t, st.Err)
	assert.JSONEq(t, `{"InstructionError":[0,{"Custom":1}]}`, mustJSON(t, st.Err), "system transfer: insufficient funds")
	assert.Equal(t, sol-5000, balance(t, payer.PublicKey()), "only the fee is charged")
	assert.Zero(t, balance(t, to))

	got, err := chain.RPC.GetTransaction(ctx, sig, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	assert.Equal(t, uint64(5000), got.Meta.Fee)
	assert.JSONEq(t, `{"InstructionError":[0,{"Custom":1}]}`, mustJSON(t, got.Meta.Err))
	assert.Equal(t, []uint64{sol, sol - 5000}, []uint64{got.Meta.PreBalances[0], got.Meta.PostBalances[0]})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestSimulateTransaction(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	to := newAddress(t)
	const amount = 3_000_000

	t.Run("success with accounts", func(t *testing.T) {
		tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, amount)}, solana.Hash{}, payer)
		res, err := chain.RPC.SimulateTransactionWithOpts(ctx, tx, &rpc.SimulateTransactionOpts{
			SigVerify:  true,
			Commitment: rpc.CommitmentConfirmed,
			Accounts:   &rpc.SimulateTransactionAccountsOpts{Encoding: solana.EncodingBase64, Addresses: []solana.PublicKey{to, payer.PublicKey()}},
		})
		require.NoError(t, err)
		assert.Nil(t, res.Value.Err)
		assert.Equal(t, []string{"Program 11111111111111111111111111111111 invoke [1]", "Program 11111111111111111111111111111111 success"}, res.Value.Logs)
		require.NotNil(t, res.Value.UnitsConsumed)
		assert.Equal(t, uint64(150), *res.Value.UnitsConsumed, "a system transfer costs 150 compute units")
		require.Len(t, res.Value.Accounts, 2)
		assert.Equal(t, uint64(amount), res.Value.Accounts[0].Lamports, "the recipient after the simulated transfer")
		assert.Equal(t, sol-amount-5000, res.Value.Accounts[1].Lamports, "the payer after transfer and fee")
		assert.Zero(t, balance(t, to), "a simulation changes nothing")
		assert.Equal(t, sol, balance(t, payer.PublicKey()))
	})
	t.Run("instruction error", func(t *testing.T) {
		tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, 5*sol)}, solana.Hash{}, payer)
		res, err := chain.RPC.SimulateTransaction(ctx, tx)
		require.NoError(t, err)
		assert.JSONEq(t, `{"InstructionError":[0,{"Custom":1}]}`, mustJSON(t, res.Value.Err))
		assert.True(t, containsLine(res.Value.Logs, "insufficient lamports"), "logs: %v", res.Value.Logs)
	})
	unknownHash := solana.Hash(newAddress(t))
	t.Run("unknown blockhash", func(t *testing.T) {
		tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, amount)}, unknownHash, payer)
		res, err := chain.RPC.SimulateTransaction(ctx, tx)
		require.NoError(t, err)
		assert.Equal(t, "BlockhashNotFound", res.Value.Err)
	})
	t.Run("replaceRecentBlockhash", func(t *testing.T) {
		tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, amount)}, unknownHash, payer)
		wire, err := tx.MarshalBinary()
		require.NoError(t, err)
		var res struct {
			Value struct {
				Err                  any `json:"err"`
				ReplacementBlockhash struct {
					Blockhash            solana.Hash `json:"blockhash"`
					LastValidBlockHeight uint64      `json:"lastValidBlockHeight"`
				} `json:"replacementBlockhash"`
			} `json:"value"`
		}
		rawResult(t, "simulateTransaction", `["`+encodeBase64(wire)+`",{"encoding":"base64","replaceRecentBlockhash":true}]`, &res)
		assert.Nil(t, res.Value.Err)
		assert.False(t, res.Value.ReplacementBlockhash.Blockhash.IsZero())
		assert.NotEqual(t, unknownHash, res.Value.ReplacementBlockhash.Blockhash)
		assert.NotZero(t, res.Value.ReplacementBlockhash.LastValidBlockHeight)
	})
	t.Run("sigVerify rejects a bad signature", func(t *testing.T) {
		tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, amount)}, solana.Hash{}, payer)
		tx.Signatures[0][0] ^= 0xff
		wire, err := tx.MarshalBinary()
		require.NoError(t, err)
		resp := rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"simulateTransaction","params":["`+encodeBase64(wire)+`",{"encoding":"base64","sigVerify":true}]}`)
		require.NotNil(t, resp.Error, resp.Body)
		assert.Equal(t, -32003, resp.Error.Code, resp.Body)
	})
	t.Run("sigVerify with replaceRecentBlockhash is invalid", func(t *testing.T) {
		tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), to, amount)}, solana.Hash{}, payer)
		wire, err := tx.MarshalBinary()
		require.NoError(t, err)
		resp := rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"simulateTransaction","params":["`+encodeBase64(wire)+`",{"encoding":"base64","sigVerify":true,"replaceRecentBlockhash":true}]}`)
		require.NotNil(t, resp.Error, resp.Body)
		assert.Equal(t, -32602, resp.Error.Code, resp.Body)
	})
}

func containsLine(lines []string, part string) bool {
	for _, l := range lines {
		if strings.Contains(l, part) {
			return true
		}
	}
	return false
}

// A token transfer with a priority fee, creating the recipient's token account through CPI:
// getTransaction reports its fee, balances, token balances, logs, compute units and inner
// instructions, in json and in base64.
func TestGetTransaction(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer, f := tokenWallet(t)
	recipient := newAddress(t)
	io := chain.Manifest.Mints.IO
	from, to := associatedTokenAddress(payer.PublicKey(), io.Address), associatedTokenAddress(recipient, io.Address)
	const amount = 150_000_000
	createTo, err := solanax.CreateAssociatedTokenAccountIdempotent(payer.PublicKey(), recipient, io.Address, solana.TokenProgramID)
	require.NoError(t, err)
	tx := signedTx(t, []solana.Instruction{
		computebudget.NewSetComputeUnitLimitInstruction(50_000).Build(),
		computebudget.NewSetComputeUnitPriceInstruction(20_000).Build(), // 20_000 * 50_000 / 1e6 = 1000 lamports
		createTo,
		token.NewTransferCheckedInstruction(amount, io.Decimals, from, io.Address, to, payer.PublicKey(), nil).Build(),
	}, solana.Hash{}, payer)
	sig := sendConfirmed(t, tx)
	st := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed)

	got, err := chain.RPC.GetTransaction(ctx, sig, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed}) // json, the default
	require.NoError(t, err)
	assert.Equal(t, st.Slot, got.Slot)
	require.NotNil(t, got.BlockTime)
	assert.WithinDuration(t, time.Now(), got.BlockTime.Time(), time.Minute)
	meta := got.Meta
	assert.Nil(t, meta.Err)
	assert.Equal(t, uint64(6000), meta.Fee, "5000 per signature + 1000 priority fee")
	assert.Equal(t, f.Lamports, meta.PreBalances[0])
	assert.Equal(t, f.Lamports-6000-2_039_280, meta.PostBalances[0], "fee and the new token account's rent")
	require.NotNil(t, meta.ComputeUnitsConsumed)
	assert.Greater(t, *meta.ComputeUnitsConsumed, uint64(1000))
	assert.LessOrEqual(t, *meta.ComputeUnitsConsumed, uint64(50_000))
	assert.True(t, containsLine(meta.LogMessages, "Program "+solana.SPLAssociatedTokenAccountProgramID.String()+" invoke [1]"), "%v", meta.LogMessages)
	assert.True(t, containsLine(meta.LogMessages, "Program "+solana.TokenProgramID.String()+" invoke [2]"), "%v", meta.LogMessages)
	require.NotEmpty(t, meta.InnerInstructions)
	assert.Equal(t, uint16(2), meta.InnerInstructions[0].Index, "the CPIs of the create-account instruction")
	assert.NotEmpty(t, meta.InnerInstructions[0].Instructions)

	decoded, err := got.Transaction.GetTransaction()
	require.NoError(t, err)
	require.NotNil(t, decoded)
	assert.Equal(t, tx.Signatures, decoded.Signatures)
	keys := decoded.Message.AccountKeys
	tokenAmounts := func(balances []rpc.TokenBalance) map[solana.PublicKey]string {
		out := map[solana.PublicKey]string{}
		for _, b := range balances {
			assert.Equal(t, io.Address, b.Mint)
			out[keys[b.AccountIndex]] = b.UiTokenAmount.Amount
		}
		return out
	}
	assert.Equal(t, map[solana.PublicKey]string{from: strconv.FormatUint(f.IO, 10)}, tokenAmounts(meta.PreTokenBalances))
	assert.Equal(t, map[solana.PublicKey]string{from: strconv.FormatUint(f.IO-amount, 10), to: "150000000"}, tokenAmounts(meta.PostTokenBalances))

	b64, err := chain.RPC.GetTransaction(ctx, sig, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	require.NoError(t, err)
	wire, err := tx.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, wire, b64.Transaction.GetBinary(), "base64 gives the wire bytes")
	assert.Equal(t, meta.Fee, b64.Meta.Fee)

	_, err = chain.RPC.GetTransaction(ctx, solana.Signature(append(newAddress(t).Bytes(), newAddress(t).Bytes()...)), nil)
	assert.ErrorIs(t, err, rpc.ErrNotFound, "an unknown signature is null")
}

// TestSystemProgramChargesFixedCU: a plain System transfer consumes anchor.SystemProgramCU, the
// builtin's fixed charge, which the own-compute-unit tables count as the System CPI's (the
// builtin logs no consumed line of its own).
func TestSystemProgramChargesFixedCU(t *testing.T) {
	t.Parallel()
	payer := newWallet(t, Funding{Lamports: solana.LAMPORTS_PER_SOL})
	sig := sendConfirmed(t, signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), 1_000_000)}, solana.Hash{}, payer))
	got, err := chain.RPC.GetTransaction(testContext(t), sig, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	require.NotNil(t, got.Meta.ComputeUnitsConsumed)
	assert.Equal(t, uint64(anchor.SystemProgramCU), *got.Meta.ComputeUnitsConsumed)
	assert.False(t, slices.ContainsFunc(got.Meta.LogMessages, func(l string) bool { return strings.Contains(l, " consumed ") }), "%v", got.Meta.LogMessages)
}

func TestGetTransactionV0NeedsMaxVersion(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	tx := versionedTx(t, solana.MessageVersionV0, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), opening)}, solana.Hash{}, payer)
	sig := sendConfirmed(t, tx)

	resp := rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"getTransaction","params":["`+sig.String()+`",{"commitment":"confirmed"}]}`)
	require.NotNil(t, resp.Error, resp.Body)
	assert.Equal(t, -32015, resp.Error.Code, "transaction version not supported by the client")
	assert.Contains(t, resp.Error.Message, "maxSupportedTransactionVersion")

	got, err := chain.RPC.GetTransaction(ctx, sig, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed,
		MaxSupportedTransactionVersion: ptr(uint64(0))})
	require.NoError(t, err)
	assert.Equal(t, rpc.TransactionVersion(0), got.Version)
	assert.Equal(t, uint64(5000), got.Meta.Fee)
}

// Statuses go processed -> confirmed -> finalized as slots pass.
func TestSignatureStatuses(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), opening)}, solana.Hash{}, payer)
	sig, err := chain.RPC.SendTransaction(ctx, tx)
	require.NoError(t, err)

	seen := map[rpc.ConfirmationStatusType]bool{}
	unknown := solana.Signature(append(newAddress(t).Bytes(), newAddress(t).Bytes()...))
	for !seen[rpc.ConfirmationStatusFinalized] {
		res, err := chain.RPC.GetSignatureStatuses(ctx, false, sig, unknown)
		require.NoError(t, err)
		require.Len(t, res.Value, 2)
		assert.Nil(t, res.Value[1], "an unknown signature has no status")
		if st := res.Value[0]; st != nil {
			require.Nil(t, st.Err)
			seen[st.ConfirmationStatus] = true
			if st.ConfirmationStatus == rpc.ConfirmationStatusFinalized {
				assert.Nil(t, st.Confirmations, "finalized: confirmations is null")
			} else {
				require.NotNil(t, st.Confirmations)
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("not finalized: saw %v", seen)
		case <-time.After(100 * time.Millisecond):
		}
	}
	assert.True(t, seen[rpc.ConfirmationStatusConfirmed], "confirmed before finalized: saw %v", seen)

	res, err := chain.RPC.GetSignatureStatuses(ctx, true, sig)
	require.NoError(t, err)
	require.NotNil(t, res.Value[0], "searchTransactionHistory finds it too")
	assert.Equal(t, rpc.ConfirmationStatusFinalized, res.Value[0].ConfirmationStatus)
}

func TestGetSignaturesForAddress(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	all, err := chain.RPC.GetSignaturesForAddressWithOpts(ctx, payer.PublicKey(), &rpc.GetSignaturesForAddressOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	require.Len(t, all, 1, "the funding transaction")
	sigs := []solana.Signature{all[0].Signature}
	for range 3 {
		sig := sendConfirmed(t, signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), opening)}, solana.Hash{}, payer))
		// The next one in a later slot, so the newest-first order is unambiguous.
		st := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed)
		for {
			slot, err := chain.RPC.GetSlot(ctx, rpc.CommitmentProcessed)
			require.NoError(t, err)
			if slot > st.Slot {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		sigs = append([]solana.Signature{sig}, sigs...)
	}

	list := func(opts *rpc.GetSignaturesForAddressOpts) []solana.Signature {
		opts.Commitment = rpc.CommitmentConfirmed
		res, err := chain.RPC.GetSignaturesForAddressWithOpts(ctx, payer.PublicKey(), opts)
		require.NoError(t, err)
		var out []solana.Signature
		for _, r := range res {
			out = append(out, r.Signature)
			assert.Nil(t, r.Err)
			assert.NotZero(t, r.Slot)
			assert.NotNil(t, r.BlockTime)
			assert.NotEmpty(t, r.ConfirmationStatus)
		}
		return out
	}
	assert.Equal(t, sigs, list(&rpc.GetSignaturesForAddressOpts{}), "newest first")
	assert.Equal(t, sigs[:2], list(&rpc.GetSignaturesForAddressOpts{Limit: ptr(2)}))
	assert.Equal(t, sigs[2:], list(&rpc.GetSignaturesForAddressOpts{Before: sigs[1]}))
	assert.Equal(t, sigs[:2], list(&rpc.GetSignaturesForAddressOpts{Until: sigs[2]}))
}

func TestGetBlock(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	tx := signedTx(t, []solana.Instruction{transferIx(payer.PublicKey(), newAddress(t), opening)}, solana.Hash{}, payer)
	sig := sendConfirmed(t, tx)
	slot := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed).Slot

	full, err := chain.RPC.GetBlockWithOpts(ctx, slot, &rpc.GetBlockOpts{
		Encoding: solana.EncodingBase64, TransactionDetails: rpc.TransactionDetailsFull, Rewards: ptr(false),
		Commitment: rpc.CommitmentConfirmed, MaxSupportedTransactionVersion: ptr(uint64(0))})
	require.NoError(t, err)
	assert.False(t, full.Blockhash.IsZero())
	assert.False(t, full.PreviousBlockhash.IsZero())
	assert.NotEqual(t, full.Blockhash, full.PreviousBlockhash)
	assert.Less(t, full.ParentSlot, slot)
	require.NotNil(t, full.BlockTime)
	require.NotNil(t, full.BlockHeight)
	found := false
	for _, twm := range full.Transactions {
		decoded, err := twm.GetTransaction()
		require.NoError(t, err)
		if decoded.Signatures[0] == sig {
			found = true
			assert.Equal(t, uint64(5000), twm.Meta.Fee)
		}
	}
	assert.True(t, found, "the block of slot %d holds the transaction", slot)

	sigsOnly, err := chain.RPC.GetBlockWithOpts(ctx, slot, &rpc.GetBlockOpts{
		TransactionDetails: rpc.TransactionDetailsSignatures, Rewards: ptr(false),
		Commitment: rpc.CommitmentConfirmed, MaxSupportedTransactionVersion: ptr(uint64(0))})
	require.NoError(t, err)
	assert.Contains(t, sigsOnly.Signatures, sig)
	assert.Equal(t, full.Blockhash, sigsOnly.Blockhash)

	parent, err := chain.RPC.GetBlockWithOpts(ctx, full.ParentSlot, &rpc.GetBlockOpts{
		TransactionDetails: rpc.TransactionDetailsNone, Rewards: ptr(false), Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	assert.Equal(t, full.PreviousBlockhash, parent.Blockhash, "blocks chain by hash")
}

func TestRequestAirdrop(t *testing.T) {
	t.Parallel()
	to := newAddress(t)
	sig, err := chain.RPC.RequestAirdrop(testContext(t), to, 1_500_000_000, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	require.Nil(t, waitStatus(t, sig, rpc.ConfirmationStatusConfirmed).Err)
	assert.Equal(t, uint64(1_500_000_000), balance(t, to))
}

// Fees: 5000 lamports per signature plus ceil(compute unit price * limit / 1e6).
func TestFees(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	for _, tc := range []struct {
		name        string
		limit       uint32 // 0: no compute budget instructions
		price       uint64 // micro-lamports per compute unit
		cosigner    bool
		fee         uint64
		cosignerFee uint64
	}{
		{name: "one signature", fee: 5000},
		{name: "two signatures", cosigner: true, fee: 10_000},
		{name: "priority fee", limit: 10_000, price: 250_000, fee: 7500},
		{name: "priority fee rounds up", limit: 1_001, price: 1_000, fee: 5002},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			payer := newWallet(t, Funding{Lamports: sol})
			signers := []solana.PrivateKey{payer}
			var instrs []solana.Instruction
			if tc.limit > 0 {
				instrs = append(instrs, computebudget.NewSetComputeUnitLimitInstruction(tc.limit).Build(),
					computebudget.NewSetComputeUnitPriceInstruction(tc.price).Build())
			}
			to := newAddress(t)
			instrs = append(instrs, transferIx(payer.PublicKey(), to, opening))
			var cosigner solana.PrivateKey
			if tc.cosigner {
				cosigner = newWallet(t, Funding{Lamports: sol})
				signers = append(signers, cosigner)
				instrs = append(instrs, transferIx(cosigner.PublicKey(), to, 2*opening))
			}
			sig := sendConfirmed(t, signedTx(t, instrs, solana.Hash{}, signers...))
			got, err := chain.RPC.GetTransaction(ctx, sig, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed})
			require.NoError(t, err)
			assert.Equal(t, tc.fee, got.Meta.Fee)
			assert.Equal(t, sol-opening-tc.fee, balance(t, payer.PublicKey()), "the fee payer pays every signature")
			if tc.cosigner {
				assert.Equal(t, sol-2*opening, balance(t, cosigner.PublicKey()), "a co-signer pays no fee")
			}
		})
	}
}
