package emission

import (
	"sync"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// balances are the token balances and supply one crank changes.
type balances struct {
	supply, rewardVault, supplierVault, tip uint64
}

func readBalances(t testing.TB, tipAccount solana.PublicKey) balances {
	t.Helper()
	return balances{
		supply:        mintSupply(t),
		rewardVault:   localnettest.TokenBalance(t, em.sx, em.Staking.Addresses.RewardVault),
		supplierVault: localnettest.TokenBalance(t, em.sx, em.Addresses.SupplierVault),
		tip:           localnettest.TokenBalance(t, em.sx, tipAccount),
	}
}

// stakerShare is the staker part of epoch's amount at the given split, rounded down as on-chain.
func stakerShare(epoch, bps uint64) uint64 {
	return schedule.Amount(epoch) * bps / BPS
}

// crankAndCheck cranks up to maxEpochs and asserts every effect against the Go mirror: the
// supply grew by exactly the schedule's amounts for the minted epochs, split between the reward
// vault, the supplier vault and the tip, each as the program's rule says, and the state's ledger
// and supplier ring agree.
func crankAndCheck(t *testing.T, cranker solana.PrivateKey, maxEpochs uint64) *gen.EpochsMinted {
	t.Helper()
	tipAccount := localnettest.TokenAccount(t, cranker.PublicKey(), ioMint)
	before := readBalances(t, tipAccount)
	prev := fetchState(t)
	// With no stake earning (none, or all still warming up) the staker share goes to the
	// suppliers: the split is then 0%.
	if !stakersEarn(t) {
		prev.StakerSplitBps = 0
	}
	res, err := em.Crank(localnettest.Context(t), cranker, maxEpochs)
	require.NoError(t, err)
	m := res.Minted
	switch m.LastEpoch - m.FirstEpoch + 1 {
	case 1:
		recordComputeUnits(t, "crank, 1 epoch", res.Result)
	case MaxEpochsPerCrank:
		recordComputeUnits(t, "crank, 3,600 epochs (largest catch-up)", res.Result)
	}
	after := readBalances(t, tipAccount)
	st := fetchState(t)

	require.Equal(t, prev.LastMintedEpoch+1, m.FirstEpoch)
	if maxEpochs > 0 {
		require.LessOrEqual(t, m.LastEpoch-m.FirstEpoch+1, maxEpochs)
	}
	want := schedule.Cumulative(m.LastEpoch) - schedule.Cumulative(m.FirstEpoch-1)
	require.Equal(t, want, after.supply-before.supply, "supply growth for epochs %d..%d", m.FirstEpoch, m.LastEpoch)
	require.Equal(t, want, m.StakerAmount+m.SupplierAmount+m.Tip)
	var staker uint64
	for e := m.FirstEpoch; e <= m.LastEpoch; e++ {
		staker += stakerShare(e, prev.StakerSplitBps)
	}
	require.Equal(t, staker, m.StakerAmount, "staker share")
	require.Equal(t, min(prev.CrankTip, schedule.Amount(m.LastEpoch)-stakerShare(m.LastEpoch, prev.StakerSplitBps)), m.Tip, "tip")
	require.Equal(t, m.StakerAmount, after.rewardVault-before.rewardVault, "reward vault")
	require.Equal(t, m.SupplierAmount, after.supplierVault-before.supplierVault, "supplier vault")
	require.Equal(t, m.Tip, after.tip-before.tip, "tip account")

	require.Equal(t, m.LastEpoch, st.LastMintedEpoch)
	require.Equal(t, schedule.Cumulative(m.LastEpoch), st.Emitted)
	require.Equal(t, st.Emitted, m.Emitted)
	require.Equal(t, st.Emitted, st.StakerEmitted+st.SupplierEmitted+st.TipsPaid)
	for e := max(m.FirstEpoch, m.LastEpoch-min(m.LastEpoch, SupplierRing-1)); e <= m.LastEpoch; e++ {
		wantSupplier := schedule.Amount(e) - stakerShare(e, prev.StakerSplitBps)
		if e == m.LastEpoch {
			wantSupplier -= m.Tip
		}
		got, ok := SupplierAmount(st, e)
		require.True(t, ok, "epoch %d in the ring", e)
		require.Equal(t, wantSupplier, got, "supplier amount of epoch %d", e)
	}
	return m
}

// stakersEarn reports whether any stake earns epoch rewards now (active, not warming up).
func stakersEarn(t testing.TB) bool {
	t.Helper()
	cfg, err := em.Staking.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	return cfg.TotalStake > cfg.TotalWarming
}

// claimable is what owner's staking position could claim now.
func claimable(t testing.TB, owner solana.PublicKey) uint64 {
	t.Helper()
	ctx := localnettest.Context(t)
	cfg, err := em.Staking.FetchConfig(ctx)
	require.NoError(t, err)
	p, err := em.Staking.FetchPosition(ctx, owner)
	require.NoError(t, err)
	return staking.Claimable(cfg, p)
}

// stakeAndCrank is the attack of findings 8 and 9 of issue 13: staker stakes amount in the
// crank's own transaction (staker cranks, every ended epoch).
func stakeAndCrank(t testing.TB, staker solana.PrivateKey, amount uint64) *gen.EpochsMinted {
	t.Helper()
	ctx := localnettest.Context(t)
	ixs, err := em.Staking.StakeInstructions(ctx, staker.PublicKey(), amount)
	require.NoError(t, err)
	tip := localnettest.TokenAccount(t, staker.PublicKey(), ioMint)
	crank, err := em.CrankInstruction(staker.PublicKey(), ioMint, tip, 0)
	require.NoError(t, err)
	res, err := em.Send(ctx, staker, append(ixs, crank), solanax.WithComputeUnitLimit(CrankComputeUnits))
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	for _, ev := range Events(details.Logs, em.ProgramID) {
		if m, ok := ev.(*gen.EpochsMinted); ok {
			return m
		}
	}
	t.Fatal("the crank emitted no EpochsMinted event")
	return nil
}

// crankThrough mints every epoch up to and including epoch, in the program's largest batches.
func crankThrough(t *testing.T, cranker solana.PrivateKey, epoch uint64) {
	t.Helper()
	warpToEpochEnd(t, epoch)
	for {
		last := fetchState(t).LastMintedEpoch
		if last >= epoch {
			return
		}
		crankAndCheck(t, cranker, min(epoch-last, MaxEpochsPerCrank))
	}
}

func requireStatusHolds(t *testing.T) {
	t.Helper()
	s, err := em.Status(localnettest.Context(t))
	require.NoError(t, err)
	require.True(t, s.SupplyHolds, "supply equation: %+v", s)
	require.Equal(t, s.Supply, schedule.LaunchSupply+s.Emitted-s.Burned-burnedOutsideLedger,
		"exact to the base unit, counting what this package's tests burned outside the ledger")
	require.Equal(t, burnedOutsideLedger, s.BurnedOutsideLedger)
}

// TestLifecycle walks the schedule from its first hour to past its end, in order.
func TestLifecycle(t *testing.T) {
	cranker := localnettest.NewWallet(t, chain, 0)
	staker := localnettest.NewWallet(t, chain, 10_000*IO)
	settings := DefaultSettings(authority.PublicKey(), treasury.PublicKey())

	t.Run("nothing mints before epoch 1 ends", func(t *testing.T) {
		_, err := em.Crank(localnettest.Context(t), cranker, 0)
		require.Equal(t, gen.Error_NothingToMint, ErrorName(err), "error: %v", err)
	})

	// Finding 8 of issue 13: rewards funded while nothing was staked were carried to whoever
	// staked next; a 1-base-unit stake opened in the crank's own transaction took them all.
	t.Run("with nothing staked the staker share goes to the suppliers, not to a dust stake opened in the crank's transaction", func(t *testing.T) {
		warpToEpochEnd(t, 1)
		dust := localnettest.NewWallet(t, chain, IO)
		supplierBefore := localnettest.TokenBalance(t, em.sx, em.Addresses.SupplierVault)
		rewardBefore := localnettest.TokenBalance(t, em.sx, em.Staking.Addresses.RewardVault)
		m := stakeAndCrank(t, dust, 1)
		require.Equal(t, uint64(1), m.FirstEpoch)
		require.Equal(t, uint64(1), m.LastEpoch)
		require.Equal(t, uint64(456_621_004_566), m.StakerAmount+m.SupplierAmount+m.Tip, "E_1 = 4,566.21004566 IO")
		require.Zero(t, m.StakerAmount, "no stake earned epoch 1")
		require.Equal(t, m.SupplierAmount, localnettest.TokenBalance(t, em.sx, em.Addresses.SupplierVault)-supplierBefore)
		require.Equal(t, rewardBefore, localnettest.TokenBalance(t, em.sx, em.Staking.Addresses.RewardVault), "nothing carried for later stakers")
		require.Zero(t, claimable(t, dust.PublicKey()))
		st := fetchState(t)
		got, ok := SupplierAmount(st, 1)
		require.True(t, ok)
		require.Equal(t, schedule.Amount(1)-m.Tip, got, "epoch 1's whole amount (less the tip) is the suppliers'")
		requireStatusHolds(t)
	})

	t.Run("stake earns once every epoch that started before it is funded", func(t *testing.T) {
		ctx := localnettest.Context(t)
		_, err := em.Staking.Stake(ctx, staker, 1_000*IO) // during epoch 2: earns from epoch 3 on
		require.NoError(t, err)
		_, err = em.Staking.ActivateStake(ctx, cranker, staker.PublicKey())
		require.Equal(t, stakinggen.Error_NothingToActivate, staking.ErrorName(err), "epoch 2 is not funded yet: %v", err)
	})

	t.Run("two cranks racing for an epoch mint it once", func(t *testing.T) {
		ctx := localnettest.Context(t)
		warpToEpochEnd(t, 2)
		supply := mintSupply(t)
		racers := []solana.PrivateKey{cranker, localnettest.NewWallet(t, chain, 0)}
		errs := make([]error, len(racers))
		var wg sync.WaitGroup
		for i, r := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = em.Crank(ctx, r, 0)
			}()
		}
		wg.Wait()
		var won int
		for _, err := range errs {
			if err == nil {
				won++
				continue
			}
			require.Equal(t, gen.Error_NothingToMint, ErrorName(err), "the losing crank: %v", err)
		}
		require.Equal(t, 1, won, "errors: %v", errs)
		require.Equal(t, schedule.Amount(2), mintSupply(t)-supply)
		require.Equal(t, uint64(2), fetchState(t).LastMintedEpoch)
	})

	// Finding 9 of issue 13: after 10 uncranked hours, a stake added in the crank's own
	// transaction took half of the 10 hours' staker share. Stake added after an epoch ended
	// earns nothing of it: the whole backlog goes to the stake that was there.
	t.Run("a stake added in a backlogged crank's transaction earns nothing of the backlog", func(t *testing.T) {
		ctx := localnettest.Context(t)
		_, err := em.Staking.ActivateStake(ctx, cranker, staker.PublicKey()) // epochs through 2 are funded
		require.NoError(t, err)
		warpToEpochEnd(t, 12) // 10 missed hours
		sniper := localnettest.NewWallet(t, chain, 1_000*IO)
		before := claimable(t, staker.PublicKey())
		m := stakeAndCrank(t, sniper, 1_000*IO)
		require.Equal(t, uint64(3), m.FirstEpoch)
		require.Equal(t, uint64(12), m.LastEpoch)
		var share uint64
		for e := uint64(3); e <= 12; e++ {
			share += stakerShare(e, settings.StakerSplitBps)
		}
		require.Equal(t, share, m.StakerAmount)
		grown := claimable(t, staker.PublicKey()) - before
		require.LessOrEqual(t, grown, m.StakerAmount, "the staker of the whole backlog earns it all (less rounding)")
		require.GreaterOrEqual(t, grown+1, m.StakerAmount)
		require.Zero(t, claimable(t, sniper.PublicKey()), "the sniper earns nothing of epochs that ended before it staked")
		requireStatusHolds(t)
	})

	t.Run("a crank after missed hours catches up over several transactions", func(t *testing.T) {
		ctx := localnettest.Context(t)
		small := settings
		small.MaxEpochsPerCrank = 7
		_, err := em.UpdateParams(ctx, authority, small)
		require.NoError(t, err)
		warpToEpochEnd(t, 32) // 20 missed hours
		supply := mintSupply(t)
		var cranks int
		for fetchState(t).LastMintedEpoch < 32 {
			m := crankAndCheck(t, cranker, 0)
			require.LessOrEqual(t, m.LastEpoch-m.FirstEpoch+1, uint64(7))
			cranks++
		}
		require.Equal(t, 3, cranks, "20 epochs at most 7 a crank")
		require.Equal(t, schedule.Cumulative(32)-schedule.Cumulative(12), mintSupply(t)-supply)
		_, err = em.Crank(ctx, cranker, 0)
		require.Equal(t, gen.Error_NothingToMint, ErrorName(err), "caught up: %v", err)
		_, err = em.UpdateParams(ctx, authority, settings)
		require.NoError(t, err)
	})

	t.Run("each epoch alone mints the mirror's amount across the schedule", func(t *testing.T) {
		largest := settings
		largest.MaxEpochsPerCrank = MaxEpochsPerCrank
		_, err := em.UpdateParams(localnettest.Context(t), authority, largest)
		require.NoError(t, err)
		// Month and year boundaries, then the last epochs (the final one mints the remainder).
		for _, epoch := range []uint64{730, 731, 8_760, 8_761, 17_520, 17_521, schedule.LastEpoch - 1, schedule.LastEpoch} {
			crankThrough(t, cranker, epoch-1)
			warpToEpochEnd(t, epoch)
			m := crankAndCheck(t, cranker, 1)
			require.Equal(t, epoch, m.LastEpoch)
			require.Equal(t, schedule.Amount(epoch), m.StakerAmount+m.SupplierAmount+m.Tip, "epoch %d", epoch)
		}
	})

	t.Run("the final epoch brings emission to exactly 300,000,000 IO and nothing mints after", func(t *testing.T) {
		st := fetchState(t)
		require.Equal(t, schedule.LastEpoch, st.LastMintedEpoch)
		require.Equal(t, uint64(300_000_000*IO), st.Emitted)
		requireStatusHolds(t)
		require.LessOrEqual(t, mintSupply(t), uint64(schedule.MaxSupply))
		warpToEpochEnd(t, schedule.LastEpoch+100)
		supply := mintSupply(t)
		_, err := em.Crank(localnettest.Context(t), cranker, 0)
		require.Equal(t, gen.Error_EmissionEnded, ErrorName(err), "error: %v", err)
		require.Equal(t, supply, mintSupply(t))
	})
}
