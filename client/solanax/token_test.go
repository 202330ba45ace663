package solanax

import (
	"encoding/binary"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metaShape is an account meta as (key, writable, signer).
type metaShape struct {
	key              solana.PublicKey
	writable, signer bool
}

func shapeOf(t *testing.T, ix solana.Instruction) (solana.PublicKey, []metaShape, []byte) {
	t.Helper()
	data, err := ix.Data()
	require.NoError(t, err)
	var metas []metaShape
	for _, m := range ix.Accounts() {
		metas = append(metas, metaShape{m.PublicKey, m.IsWritable, m.IsSigner})
	}
	return ix.ProgramID(), metas, data
}

func le64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestAssociatedTokenAddress(t *testing.T) {
	for range 20 {
		owner, mint := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
		want, _, err := solana.FindAssociatedTokenAddress(owner, mint) // solana-go's own derivation
		require.NoError(t, err)
		got, err := AssociatedTokenAddress(owner, mint)
		require.NoError(t, err)
		assert.Equal(t, want, got)

		token22, err := AssociatedTokenAddressFor(owner, mint, Token2022ProgramID)
		require.NoError(t, err)
		assert.NotEqual(t, got, token22, "the token program is one of the seeds")
		assert.False(t, token22.IsOnCurve(), "a PDA is off the curve")
	}
}

func TestInstructionLayouts(t *testing.T) {
	payer, owner, mint := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	src, dst := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	ata, err := AssociatedTokenAddress(owner, mint)
	require.NoError(t, err)
	ata22, err := AssociatedTokenAddressFor(owner, mint, Token2022ProgramID)
	require.NoError(t, err)
	createIdem, err := CreateAssociatedTokenAccountIdempotent(payer, owner, mint, TokenProgramID)
	require.NoError(t, err)
	createIdem22, err := CreateAssociatedTokenAccountIdempotent(payer, owner, mint, Token2022ProgramID)
	require.NoError(t, err)
	freeze := solana.NewWallet().PublicKey()
	mintNoFreeze := CreateMintInstructions(payer, mint, owner, nil, 8, 1_461_600)
	mintFreeze := CreateMintInstructions(payer, mint, owner, &freeze, 6, 1_461_600)
	var budget txConfig
	WithComputeUnitLimit(200_000)(&budget)
	WithComputeUnitPrice(1_000_000_000_123)(&budget)
	budgetIxs := budget.budgetInstructions()
	require.Len(t, budgetIxs, 2)

	tests := []struct {
		name    string
		ix      solana.Instruction
		program solana.PublicKey
		metas   []metaShape
		data    []byte
	}{
		{"ata create idempotent", createIdem, AssociatedTokenProgramID, []metaShape{
			{payer, true, true}, {ata, true, false}, {owner, false, false}, {mint, false, false},
			{solana.SystemProgramID, false, false}, {TokenProgramID, false, false},
		}, []byte{1}},
		{"ata create idempotent token-2022", createIdem22, AssociatedTokenProgramID, []metaShape{
			{payer, true, true}, {ata22, true, false}, {owner, false, false}, {mint, false, false},
			{solana.SystemProgramID, false, false}, {Token2022ProgramID, false, false},
		}, []byte{1}},
		{"transfer_checked", TransferChecked(src, mint, dst, owner, 123_456_789, 8), TokenProgramID, []metaShape{
			{src, true, false}, {mint, false, false}, {dst, true, false}, {owner, false, true},
		}, cat([]byte{12}, le64(123_456_789), []byte{8})},
		{"mint_to_checked", MintTo(mint, dst, owner, 42, 6), TokenProgramID, []metaShape{
			{mint, true, false}, {dst, true, false}, {owner, false, true},
		}, cat([]byte{14}, le64(42), []byte{6})},
		{"create mint account", mintNoFreeze[0], solana.SystemProgramID, []metaShape{
			{payer, true, true}, {mint, true, true},
		}, cat([]byte{0, 0, 0, 0}, le64(1_461_600), le64(MintSize), TokenProgramID[:])},
		{"initialize_mint2 without freeze authority", mintNoFreeze[1], TokenProgramID, []metaShape{
			{mint, true, false},
		}, cat([]byte{20, 8}, owner[:], []byte{0})},
		{"initialize_mint2 with freeze authority", mintFreeze[1], TokenProgramID, []metaShape{
			{mint, true, false},
		}, cat([]byte{20, 6}, owner[:], []byte{1}, freeze[:])},
		{"set compute unit limit", budgetIxs[0], solana.ComputeBudget, nil,
			cat([]byte{2}, binary.LittleEndian.AppendUint32(nil, 200_000))},
		{"set compute unit price", budgetIxs[1], solana.ComputeBudget, nil,
			cat([]byte{3}, le64(1_000_000_000_123))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			program, metas, data := shapeOf(t, tt.ix)
			assert.Equal(t, tt.program, program)
			assert.Equal(t, tt.metas, metas)
			assert.Equal(t, tt.data, data)
		})
	}
}

func TestBuildTransaction(t *testing.T) {
	payer, extra := solana.NewWallet().PrivateKey, solana.NewWallet().PrivateKey
	dest := solana.NewWallet().PublicKey()
	transfer := TransferChecked(dest, dest, dest, extra.PublicKey(), 1, 0)

	t.Run("budget first, every signature valid", func(t *testing.T) {
		cfg := txConfig{}
		for _, o := range []TxOption{WithComputeUnitPrice(5), WithComputeUnitLimit(1000), WithSigners(extra)} {
			o(&cfg)
		}
		tx, err := buildTransaction(solana.Hash{9}, payer, []solana.Instruction{transfer}, &cfg)
		require.NoError(t, err)
		require.Len(t, tx.Message.Instructions, 3)
		for i, want := range []solana.PublicKey{solana.ComputeBudget, solana.ComputeBudget, TokenProgramID} {
			got, err := tx.ResolveProgramIDIndex(tx.Message.Instructions[i].ProgramIDIndex)
			require.NoError(t, err)
			assert.Equal(t, want, got, "instruction %d", i)
		}
		assert.Equal(t, []byte{2, 0xe8, 0x03, 0, 0}, []byte(tx.Message.Instructions[0].Data), "limit before price")
		assert.Equal(t, payer.PublicKey(), tx.Message.AccountKeys[0], "payer pays")
		require.Len(t, tx.Signatures, 2)
		require.NoError(t, tx.VerifySignatures())
	})
	t.Run("missing signer named", func(t *testing.T) {
		_, err := buildTransaction(solana.Hash{9}, payer, []solana.Instruction{transfer}, &txConfig{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "needs a signature from "+extra.PublicKey().String())
		assert.Contains(t, err.Error(), "WithSigners")
	})
}
