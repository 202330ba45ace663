package livenesstest

import (
	"errors"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestSupplierPoolSweep is the audit's supplier pool finding: an epoch with no live device, a
// share not claimed while its epoch was in the 72-epoch ring, and the epochs of a catch-up crank
// of more than 72 epochs stayed in the supplier vault for ever. Now every minted token is either
// claimable or swept to the treasury (anyone may sweep; only what no claim can take moves), and
// supplier_emitted = paid + swept + vault holds throughout.
func TestSupplierPoolSweep(t *testing.T) {
	ctx := localnettest.Context(t)
	sweeper := localnettest.NewWallet(t, chain, 0)
	d := newDevice(t, nil, h100, 1, true)

	// Epoch e: d is live (and does not claim yet). Epoch e+1: nobody is live.
	e := currentEpoch(t)
	heartbeat(t, d)
	nextEpoch(t)
	nextEpoch(t)
	catchUp(t)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	share := mustSupplier(t, st, e) // d alone: the whole epoch
	requireAccounted(t)

	treasury := localnettest.TokenAccount(t, st.TreasuryAuthority, st.IoMint)
	_, err = em.Send(ctx, sweeper, []solana.Instruction{mustCreateATA(t, sweeper.PublicKey(), st.TreasuryAuthority, st.IoMint)})
	require.NoError(t, err)
	watch := []solana.PublicKey{em.Addresses.State, em.Addresses.SupplierVault, treasury}
	sweep := localnettest.MustIx(t)(em.SweepSupplierPoolInstruction(treasury))

	// Hostile sweeps: into the sweeper's own account, or hiding the pool behind an empty account.
	own := localnettest.TokenAccount(t, d.owner.PublicKey(), st.IoMint)
	intoOwn := localnettest.MustIx(t)(em.SweepSupplierPoolInstruction(own))
	requireRejected(t, gen.Error_NotTreasuryAuthority, append(watch, own), d.owner, intoOwn)
	hidden := localnettest.MustIx(t)(em.SweepSupplierPoolInstruction(treasury))
	hidden[0].Accounts()[1].PublicKey = solana.NewWallet().PublicKey()
	requireRejected(t, gen.Error_WrongLivenessPool, watch, sweeper, hidden)
	// Nor behind an existing account that is not the pool (the pool exists: it is loaded, not
	// derived, and must be the emission program's LivenessPool).
	posing := localnettest.MustIx(t)(em.SweepSupplierPoolInstruction(treasury))
	posing[0].Accounts()[1].PublicKey = em.Staking.Addresses.Config
	requireRejected(t, gen.Error_WrongLivenessPool, watch, sweeper, posing)

	// The sweep leaves exactly what claims can take: d's share of e.
	vault := localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault)
	claimable, err := em.FetchClaimable(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, claimable, share)
	require.Greater(t, vault, claimable, "epoch e+1 (nobody live) is stranded in the vault")
	treasuryBefore := localnettest.TokenBalance(t, em.Solana(), treasury)
	res, err := em.SweepSupplierPool(ctx, sweeper)
	require.NoError(t, err)
	recordComputeUnits(t, "sweep_supplier_pool", res.Signature)
	swept := res.Swept
	require.Equal(t, gen.SupplierPoolSwept{Treasury: treasury, Amount: vault - claimable, Claimable: claimable, TotalSwept: swept.TotalSwept, LastMintedEpoch: st.LastMintedEpoch}, *swept)
	require.Equal(t, claimable, localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault))
	require.Equal(t, treasuryBefore+vault-claimable, localnettest.TokenBalance(t, em.Solana(), treasury))
	requireAccounted(t)
	requireRejected(t, gen.Error_NothingToSweep, watch, sweeper, sweep)
	claims, err := em.ClaimSupplierReward(ctx, d.owner, d.key.PublicKey())
	require.NoError(t, err)
	require.Len(t, claims, 1)
	recordComputeUnits(t, "claim_supplier_reward (1 epoch)", claims[0].Signature)
	require.Equal(t, share, claims[0].Amount, "the sweep left d's share claimable")

	// Epoch f: d is live but never claims; then nobody cranks for 80 hours and one catch-up
	// crank mints them all. f's share left the ring unclaimed: the claim is refused and the
	// sweep takes it with the 80 epochs nobody was live in.
	f := currentEpoch(t)
	heartbeat(t, d)
	warpTo(t, startTs(t)+int64(f+80)*3600)
	crank, err := em.Crank(ctx, sweeper, 0)
	require.NoError(t, err)
	require.Greater(t, crank.Minted.LastEpoch-crank.Minted.FirstEpoch+1, uint64(emission.SupplierRing), "one crank of more than 72 epochs")
	_, err = em.ClaimSupplierReward(ctx, d.owner, d.key.PublicKey())
	require.Equal(t, gen.Error_EpochOutsideRing, emission.ErrorName(err), "%v", err)
	require.ErrorIs(t, err, emission.ErrNothingToClaim)
	vault = localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault)
	claimable, err = em.FetchClaimable(ctx)
	require.NoError(t, err)
	res, err = em.SweepSupplierPool(ctx, sweeper)
	require.NoError(t, err)
	require.Equal(t, vault-claimable, res.Swept.Amount)
	require.Equal(t, claimable, localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault), "only what can be claimed stays")
	requireAccounted(t)
}

// requireAccounted checks that every token minted into the supplier vault was claimed, swept or
// is still there.
func requireAccounted(t *testing.T) {
	t.Helper()
	ctx := localnettest.Context(t)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	var paid uint64
	pool, err := em.FetchLivenessPool(ctx)
	if !errors.Is(err, emission.ErrNotFound) {
		require.NoError(t, err)
		paid = pool.Paid
	}
	vault := localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault)
	require.Equal(t, st.SupplierEmitted, paid+st.SupplierSwept+vault, "supplier_emitted = paid + swept + vault")
}

func mustCreateATA(t *testing.T, payer, owner, mint solana.PublicKey) solana.Instruction {
	t.Helper()
	ix, err := solanax.CreateAssociatedTokenAccountIdempotent(payer, owner, mint, solana.TokenProgramID)
	require.NoError(t, err)
	return ix
}
