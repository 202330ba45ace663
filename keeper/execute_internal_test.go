package keeper

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// step is a fake step acting on its own account, with shared idempotent setup.
func step(id uint64, setup ...solana.Instruction) Step {
	key := solana.NewWallet().PublicKey()
	main := solana.NewInstruction(solana.MemoProgramID, solana.AccountMetaSlice{solana.Meta(key).WRITE()}, []byte{byte(id)})
	return Step{Task: plan.Task{Kind: "test", Key: key, ID: id}, Setup: setup, Main: main, Units: 1_000}
}

func TestAssemble(t *testing.T) {
	shared := solana.NewInstruction(solana.SystemProgramID, solana.AccountMetaSlice{solana.Meta(solana.SysVarClockPubkey)}, []byte{9})
	other := solana.NewInstruction(solana.SystemProgramID, solana.AccountMetaSlice{solana.Meta(solana.SysVarRentPubkey)}, []byte{9})
	for _, tc := range []struct {
		name       string
		batch      []Step
		wantIxs    int
		wantMainAt []int
	}{
		{"no setup", []Step{step(1), step(2)}, 2, []int{2, 3}},
		{"shared setup once", []Step{step(1, shared), step(2, shared)}, 3, []int{3, 4}},
		{"distinct setups each", []Step{step(1, shared), step(2, other, shared)}, 4, []int{4, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ixs, mainAt := assemble(tc.batch)
			assert.Len(t, ixs, tc.wantIxs)
			assert.Equal(t, tc.wantMainAt, mainAt, "indexes count the two compute-budget instructions first")
			for i, s := range tc.batch {
				assert.Equal(t, s.Main, ixs[mainAt[i]-budgetIxs])
			}
		})
	}
}

func TestFitsTheTransactionLimits(t *testing.T) {
	k := &Keeper{cfg: Config{Payer: solana.NewWallet().PrivateKey}}
	var batch []Step
	for i := range 64 {
		batch = append(batch, step(uint64(i)))
	}
	// Each fake step adds a 32-byte key and a 6-byte instruction: about 30 fit in 1,232 bytes,
	// and fewer than 64 account keys.
	n := 0
	for n < len(batch) && k.fits(batch[:n+1]) {
		n++
	}
	assert.Greater(t, n, 20)
	assert.Less(t, n, 40)
	assert.Len(t, plan.Pack(batch, func(s Step) uint64 { return s.Units }, DefaultMaxUnits, k.fits)[0], n)
}

func TestTips(t *testing.T) {
	owner, other, mint := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	bal := func(index uint16, who, m solana.PublicKey, amount string) rpc.TokenBalance {
		return rpc.TokenBalance{AccountIndex: index, Owner: &who, Mint: m, UiTokenAmount: &rpc.UiTokenAmount{Amount: amount}}
	}
	for _, tc := range []struct {
		name      string
		pre, post []rpc.TokenBalance
		want      uint64
	}{
		{"a tip to an existing account", []rpc.TokenBalance{bal(1, owner, mint, "100")}, []rpc.TokenBalance{bal(1, owner, mint, "150")}, 50},
		{"an account created in the transaction", nil, []rpc.TokenBalance{bal(2, owner, mint, "70")}, 70},
		{"someone else's gain", nil, []rpc.TokenBalance{bal(2, other, mint, "70")}, 0},
		{"another mint", nil, []rpc.TokenBalance{bal(2, owner, other, "70")}, 0},
		{"a loss is no tip", []rpc.TokenBalance{bal(1, owner, mint, "100")}, []rpc.TokenBalance{bal(1, owner, mint, "90")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &solanax.TxDetails{Meta: &rpc.TransactionMeta{PreTokenBalances: tc.pre, PostTokenBalances: tc.post}}
			assert.Equal(t, tc.want, tips(d, owner, mint))
		})
	}
}

func TestNewRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"no payer", Config{}, "no payer keypair"},
		{"no duties", Config{Payer: solana.NewWallet().PrivateKey}, "no duties"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(nil, tc.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
