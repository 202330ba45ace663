package emission

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/token"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestBurnRecordsTheLedger(t *testing.T) {
	ctx := localnettest.Context(t)
	before := fetchState(t)
	supply := mintSupply(t)
	balance := localnettest.TokenBalance(t, em.sx, localnettest.TokenAccount(t, treasury.PublicKey(), ioMint))

	index, res, err := em.Burn(ctx, treasury, 1_234*IO, "revenue buyback, week 1")
	require.NoError(t, err)
	recordComputeUnits(t, "burn", res)
	require.Equal(t, before.BurnCount, index)

	require.Equal(t, supply-1_234*IO, mintSupply(t))
	require.Equal(t, balance-1_234*IO, localnettest.TokenBalance(t, em.sx, localnettest.TokenAccount(t, treasury.PublicKey(), ioMint)))
	st := fetchState(t)
	require.Equal(t, before.Burned+1_234*IO, st.Burned)
	require.Equal(t, index+1, st.BurnCount)
	rec, err := em.FetchBurnRecord(ctx, index)
	require.NoError(t, err)
	require.Equal(t, index, rec.Index)
	require.Equal(t, uint64(1_234*IO), rec.Amount)
	require.Equal(t, treasury.PublicKey(), rec.Burner)
	require.Equal(t, localnettest.TokenAccount(t, treasury.PublicKey(), ioMint), rec.Source)
	require.Equal(t, "revenue buyback, week 1", ReasonText(rec))
	require.NotZero(t, rec.Timestamp)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	events := Events(details.Logs, em.ProgramID)
	require.Len(t, events, 1)
	require.Equal(t, &gen.Burned{Index: index, Burner: treasury.PublicKey(), Source: rec.Source, Amount: 1_234 * IO, TotalBurned: st.Burned}, events[0])
	requireStatusHolds(t)
}

func TestBurnRejections(t *testing.T) {
	stranger := localnettest.NewWallet(t, chain, 100*IO)
	treasuryAccount := localnettest.TokenAccount(t, treasury.PublicKey(), ioMint)
	strangerAccount := localnettest.TokenAccount(t, stranger.PublicKey(), ioMint)
	st := fetchState(t)
	next := st.BurnCount
	burn := func(authority, source solana.PublicKey, index, amount uint64, reason string) []solana.Instruction {
		return localnettest.MustIx(t)(em.BurnInstruction(authority, authority, source, ioMint, index, amount, reason))
	}
	// The record must be the seeded address of "burn" + hex(next) under the state PDA: not the
	// same seed under the treasury authority (which could create that address itself), nor the
	// old PDA ["burn", next].
	withRecord := func(record solana.PublicKey) []solana.Instruction {
		ix := burn(treasury.PublicKey(), treasuryAccount, next, IO, "x")[0]
		metas := make(solana.AccountMetaSlice, len(ix.Accounts()))
		for i, m := range ix.Accounts() {
			copied := *m
			metas[i] = &copied
		}
		metas[3].PublicKey = record // programs-idl/emission.json: burn's record
		data, err := ix.Data()
		require.NoError(t, err)
		return []solana.Instruction{solana.NewInstruction(em.ProgramID, metas, data)}
	}
	underTreasury, err := anchor.SeededAddress(em.ProgramID, treasury.PublicKey(), anchor.IDSeed("burn", next))
	require.NoError(t, err)
	oldPDA, err := anchor.PDA(em.ProgramID, []byte("burn"), binary.LittleEndian.AppendUint64(nil, next))
	require.NoError(t, err)
	watch := []solana.PublicKey{em.Addresses.State, treasuryAccount, strangerAccount, ioMint, underTreasury, oldPDA}
	cases := []struct {
		name   string
		want   string
		signer solana.PrivateKey
		ixs    []solana.Instruction
	}{
		{"a stranger burning its own IO", gen.Error_NotTreasuryAuthority, stranger, burn(stranger.PublicKey(), strangerAccount, next, IO, "x")},
		{"the treasury authority burning a stranger's IO", gen.Error_NotTreasuryAuthority, treasury, burn(treasury.PublicKey(), strangerAccount, next, IO, "x")},
		{"a record at the wrong index", gen.Error_WrongBurnRecord, treasury, burn(treasury.PublicKey(), treasuryAccount, next+1, IO, "x")},
		{"a record at the treasury authority's seeded address", gen.Error_WrongBurnRecord, treasury, withRecord(underTreasury)},
		{"a record at the old PDA [\"burn\", index]", gen.Error_WrongBurnRecord, treasury, withRecord(oldPDA)},
		{"a reason over 64 bytes", gen.Error_ReasonTooLong, treasury, burn(treasury.PublicKey(), treasuryAccount, next, IO, strings.Repeat("r", 65))},
		{"zero", gen.Error_ZeroAmount, treasury, burn(treasury.PublicKey(), treasuryAccount, next, 0, "x")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.signer, c.ixs)
		})
	}
}

func TestOnlyTheProgramMints(t *testing.T) {
	ctx := localnettest.Context(t)
	mintAuthority, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.MintAuthority.Keypair)
	require.NoError(t, err)
	mint, err := em.sx.FetchMint(ctx, ioMint)
	require.NoError(t, err)
	require.NotNil(t, mint.MintAuthority)
	require.Equal(t, em.Addresses.State, *mint.MintAuthority, "the state PDA is the mint authority")

	supply := mintSupply(t)
	target := localnettest.TokenAccount(t, treasury.PublicKey(), ioMint)
	ix := solanax.MintTo(ioMint, target, mintAuthority.PublicKey(), 1_000*IO, 8)
	_, err = em.sx.Send(ctx, mintAuthority, []solana.Instruction{ix})
	require.Error(t, err, "the former mint authority can no longer mint")
	require.Equal(t, supply, mintSupply(t))

	stranger := localnettest.NewWallet(t, chain, 0)
	requireRejected(t, gen.Error_Unauthorized, []solana.PublicKey{em.Addresses.State}, stranger,
		localnettest.MustIx(t)(em.UpdateParamsInstruction(stranger.PublicKey(), DefaultSettings(stranger.PublicKey(), stranger.PublicKey()))))
	bad := DefaultSettings(authority.PublicKey(), treasury.PublicKey())
	bad.MaxEpochsPerCrank = MaxEpochsPerCrank + 1
	requireRejected(t, gen.Error_InvalidParams, []solana.PublicKey{em.Addresses.State}, authority,
		localnettest.MustIx(t)(em.UpdateParamsInstruction(authority.PublicKey(), bad)))
}

// burnedOutsideLedger is what this package's tests burned with plain SPL Token burns (the tests
// run one at a time).
var burnedOutsideLedger uint64

func TestStatusCountsHolderBurnsOutsideTheLedger(t *testing.T) {
	ctx := localnettest.Context(t)
	holder := localnettest.NewWallet(t, chain, 10*IO)
	before, err := em.Status(ctx)
	require.NoError(t, err)
	require.True(t, before.SupplyHolds, "%+v", before)

	// A plain SPL Token burn of the holder's own IO: no program of ours sees it.
	account := localnettest.TokenAccount(t, holder.PublicKey(), ioMint)
	burn := token.NewBurnCheckedInstruction(3*IO, 8, account, ioMint, holder.PublicKey(), nil).Build()
	_, err = em.sx.Send(ctx, holder, []solana.Instruction{burn})
	require.NoError(t, err)
	burnedOutsideLedger += 3 * IO

	after, err := em.Status(ctx)
	require.NoError(t, err)
	require.True(t, after.SupplyHolds, "a holder burning their own IO lowers the supply only: %+v", after)
	require.Equal(t, before.BurnedOutsideLedger+3*IO, after.BurnedOutsideLedger)
}
