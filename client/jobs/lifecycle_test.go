package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// txFee is the localnet's fee for a transaction with one signature.
const txFee = 5_000

// closedEvent is the JobClosed event of a confirmed transaction.
func closedEvent(t *testing.T, sig solana.Signature) *gen.JobClosed {
	t.Helper()
	details, err := jc.sx.TransactionDetails(localnettest.Context(t), sig)
	require.NoError(t, err)
	for _, ev := range Events(details.Logs, jc.ProgramID) {
		if closed, ok := ev.(*gen.JobClosed); ok {
			return closed
		}
	}
	t.Fatalf("no JobClosed event in %v", details.Logs)
	return nil
}

func TestLifecycle(t *testing.T) {
	cases := []struct {
		name      string
		mint      solana.PublicKey
		price     uint64
		hours     uint64
		elapsed   int64
		wantQuote Quote
		want      Settlement
	}{
		{
			// 2 IO an hour for at most 3 h, run 90 min: 3 IO paid, 0.25% fee.
			name: "IO", mint: ioMint, price: 2 * IO, hours: 3, elapsed: 5400,
			wantQuote: Quote{MaxPay: 6 * IO, MaxFee: 1_500_000, Escrow: 601_500_000},
			want:      Settlement{Paid: 3 * IO, Fee: 750_000, Refund: 300_750_000},
		},
		{
			// 1.5 USDC an hour for at most 2 h, run 1000 s: 0.25% + 2% fee.
			name: "USDC", mint: usdcMint, price: 1_500_000, hours: 2, elapsed: 1000,
			wantQuote: Quote{MaxPay: 3 * USDC, MaxFee: 67_500, Escrow: 3_067_500},
			want:      Settlement{Paid: 416_666, Fee: 9_374, Refund: 2_641_460},
		},
		{
			// Attested run longer than the maximum: paid for the maximum only.
			name: "capped", mint: ioMint, price: 1 * IO, hours: 1, elapsed: 3600 + testGrace/2,
			wantQuote: Quote{MaxPay: IO, MaxFee: 250_000, Escrow: 100_250_000},
			want:      Settlement{Paid: IO, Fee: 250_000, Refund: 0},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := localnettest.Context(t)
			buyer := newWallet(t, 100*IO, 100*USDC)
			owner := newWallet(t, 1_000*IO, 0)
			device := newDevice(t, owner, "RTX4090", 2, 400*IO)
			buyerToken, payee := localnettest.TokenAccount(t, buyer.PublicKey(), tc.mint), localnettest.TokenAccount(t, owner.PublicKey(), tc.mint)
			treasury, err := fixed.TreasuryFor(tc.mint)
			require.NoError(t, err)
			start := balances(t, buyerToken, payee, treasury)
			buyerLamports := lamports(t, buyer.PublicKey())

			id := createJob(t, buyer, tc.mint, "RTX4090", 2, tc.price, tc.hours)
			job := fetchJob(t, id)
			require.Equal(t, tc.wantQuote.Escrow, job.Escrowed)
			require.Equal(t, tc.wantQuote.Escrow, localnettest.TokenBalance(t, jc.sx, job.Escrow))
			require.Equal(t, start[0]-tc.wantQuote.Escrow, localnettest.TokenBalance(t, jc.sx, buyerToken))
			runUntilAttested(t, owner, device, id, tc.elapsed)

			// Settling inside the window fails and changes nothing.
			watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken, payee, treasury}
			settle := localnettest.MustIx(t)(jc.SettleJobInstruction(fetchJob(t, id), treasury))
			requireRejected(t, gen.Error_WindowOpen, watch, owner, settle)

			warp(t, testWindow)
			res, err := jc.SettleJob(ctx, owner, id)
			require.NoError(t, err)
			got := closedEvent(t, res.Signature)
			require.Equal(t, tc.want, Settlement{Paid: got.Paid, Fee: got.Fee, Refund: got.Refunded})
			require.Equal(t, uint8(OutcomeSettled), got.Outcome)
			require.Equal(t, []uint64{start[0] - tc.want.Paid - tc.want.Fee, start[1] + tc.want.Paid, start[2] + tc.want.Fee}, balances(t, buyerToken, payee, treasury))
			require.Equal(t, tc.wantQuote.Escrow, tc.want.Paid+tc.want.Fee+tc.want.Refund, "tokens in = paid + fees + refunded")
			require.Equal(t, []string{"absent", "absent"}, localnettest.AccountStates(t, jc.sx.RPC, jobAddr(t, id), job.Escrow), "job and escrow closed")
			require.Equal(t, buyerLamports-txFee, lamports(t, buyer.PublicKey()), "the buyer got all rent back (it paid create_job's fee)")

			// Settling again: the job is gone.
			requireRejected(t, gen.Error_JobNotFound, []solana.PublicKey{buyerToken, payee, treasury}, owner, settle)
		})
	}
}

func TestCancel(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 10*IO, 0)
	other := newWallet(t, 10*IO, 0)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	buyerLamports := lamports(t, buyer.PublicKey())
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 2)
	job := fetchJob(t, id)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken}

	// Someone else cannot cancel it, even naming the buyer's accounts.
	cancel := localnettest.MustIx(t)(jc.CancelJobInstruction(job))
	cancel[0].Accounts()[0].PublicKey = other.PublicKey()
	requireRejected(t, gen.Error_WrongOwner, watch, other, cancel)
	// Nor can another account pose as the job.
	cancel = localnettest.MustIx(t)(jc.CancelJobInstruction(job))
	cancel[0].Accounts()[1].PublicKey = jc.Config
	requireRejected(t, "InvalidAccountData", watch, buyer, cancel)

	_, err := jc.CancelJob(ctx, buyer, id)
	require.NoError(t, err)
	require.Equal(t, uint64(10*IO), localnettest.TokenBalance(t, jc.sx, buyerToken), "full refund")
	require.Equal(t, buyerLamports-3*txFee, lamports(t, buyer.PublicKey()), "rent returned (create, rejected cancel and cancel fees paid)")
	_, err = jc.CancelJob(ctx, buyer, id)
	require.ErrorIs(t, err, ErrNotFound)

	// A claimed job cannot be cancelled.
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id = createJob(t, buyer, ioMint, "RTX4090", 1, IO, 2)
	_, err = jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	claimed := StateClaimed
	listed, err := jc.ListJobs(ctx, Filter{State: &claimed, Buyer: buyer.PublicKey(), DeviceKey: device.PublicKey()})
	require.NoError(t, err)
	require.Len(t, listed, 1)
	require.Equal(t, id, listed[0].Id)
	job = fetchJob(t, id)
	requireRejected(t, gen.Error_WrongJobState, []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken}, buyer, localnettest.MustIx(t)(jc.CancelJobInstruction(job)))
}

func TestExpire(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 0, 50*USDC)
	owner := newWallet(t, 1_000*IO, 0)
	keeper := newWallet(t, 0, 0)
	device := newDevice(t, owner, "RTX4090", 1, 250*IO)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), usdcMint)
	id := createJob(t, buyer, usdcMint, "RTX4090", 1, 2*USDC, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	job := fetchJob(t, id)

	// Not before the deadline (claim + 1 h) plus grace.
	expire := localnettest.MustIx(t)(jc.ExpireJobInstruction(job, ioMint, fixed.IOTreasury, fixed.Ledger))
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken, stk.Addresses.StakeVault}
	requireRejected(t, gen.Error_NotExpired, watch, owner, expire)

	warp(t, SecondsPerHour+testGrace+1)
	// The penalty falls on the device that claimed the job, not another one.
	other, err := jc.deviceAddress(newDevice(t, owner, "RTX4090", 1, 250*IO).PublicKey())
	require.NoError(t, err)
	expire = localnettest.MustIx(t)(jc.ExpireJobInstruction(job, ioMint, fixed.IOTreasury, fixed.Ledger))
	expire[0].Accounts()[8].PublicKey = other
	requireRejected(t, gen.Error_WrongDevice, append(watch, other), owner, expire)

	stakeVault := localnettest.TokenBalance(t, jc.sx, stk.Addresses.StakeVault)
	treasury := localnettest.TokenBalance(t, jc.sx, fixed.IOTreasury)
	res, err := jc.ExpireJob(ctx, keeper, id)
	require.NoError(t, err)
	got := closedEvent(t, res.Signature)
	require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeExpired), Refunded: job.Escrowed, Slashed: testExpiry}, *got)
	require.Equal(t, uint64(50*USDC), localnettest.TokenBalance(t, jc.sx, buyerToken), "full refund")
	d, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(250*IO-testExpiry), d.Stake, "penalty slashed from the device")
	require.Zero(t, d.JobReserve, "the job's reserve released")
	require.Equal(t, treasury+testExpiry/2, localnettest.TokenBalance(t, jc.sx, fixed.IOTreasury), "the IO treasury gets the paid half")
	require.Equal(t, stakeVault-testExpiry, localnettest.TokenBalance(t, jc.sx, stk.Addresses.StakeVault))
}

func TestChallenge(t *testing.T) {
	cases := []struct {
		name  string
		fraud bool
		// checker: a staked third party challenges rather than the buyer.
		checker bool
	}{
		{name: "fraud by buyer", fraud: true},
		{name: "rejected, staked checker", fraud: false, checker: true},
		{name: "fraud by staked checker", fraud: true, checker: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := localnettest.Context(t)
			buyer := newWallet(t, 100*IO, 0)
			owner := newWallet(t, 3_000*IO, 0)
			device := newDevice(t, owner, "H100", 1, 2_000*IO)
			challenger := buyer
			if tc.checker {
				challenger = newWallet(t, 500*IO, 0)
				_, err := stk.Stake(ctx, challenger, testChecker)
				require.NoError(t, err)
			}
			id := createJob(t, buyer, ioMint, "H100", 1, 4*IO, 2)
			runUntilAttested(t, owner, device, id, 3600)
			job := fetchJob(t, id)
			buyerToken, payee, treasury := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint), localnettest.TokenAccount(t, owner.PublicKey(), ioMint), fixed.IOTreasury
			challengerToken := localnettest.TokenAccount(t, challenger.PublicKey(), ioMint)
			bond := job.Escrowed * testBondBps / BPS

			requireRejected(t, gen.Error_BondTooSmall, []solana.PublicKey{jobAddr(t, id), challengerToken}, challenger,
				localnettest.MustIx(t)(jc.ChallengeJobInstruction(challenger.PublicKey(), challengerToken, job, bond-1)))
			_, err := jc.ChallengeJob(ctx, challenger, id, bond)
			require.NoError(t, err)
			require.Equal(t, job.Escrowed+bond, localnettest.TokenBalance(t, jc.sx, job.Escrow), "the bond joins the escrow")
			job = fetchJob(t, id)
			require.Equal(t, uint8(StateChallenged), job.State)

			// Only the arbiter resolves.
			watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken, payee, treasury}
			requireRejected(t, gen.Error_NotArbiter, watch, owner, localnettest.MustIx(t)(jc.ResolveChallengeInstruction(owner.PublicKey(), job, treasury, ioMint, challengerToken, tc.fraud, fixed.Ledger)))
			if tc.checker {
				// The buyer's refund account as the bond's destination of a challenger who is not
				// the buyer (the program skips the check only for the buyer's own challenge).
				hostile := withAccount(t, localnettest.MustIx(t)(jc.ResolveChallengeInstruction(arbiter.PublicKey(), job, treasury, ioMint, challengerToken, tc.fraud, fixed.Ledger)), 8, buyerToken)
				requireRejected(t, gen.Error_WrongOwner, append(watch, challengerToken), arbiter, hostile)
			}

			before := balances(t, buyerToken, payee, treasury, challengerToken)
			stakeBefore, err := stk.FetchDevice(ctx, device.PublicKey())
			require.NoError(t, err)
			res, err := jc.ResolveChallenge(ctx, arbiter, id, tc.fraud)
			require.NoError(t, err)
			got := closedEvent(t, res.Signature)
			after := balances(t, buyerToken, payee, treasury, challengerToken)
			d, err := stk.FetchDevice(ctx, device.PublicKey())
			require.NoError(t, err)
			if tc.fraud {
				require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeFraud), Refunded: job.Escrowed, Bond: bond, Slashed: testFraud}, *got)
				require.Equal(t, stakeBefore.Stake-testFraud, d.Stake, "fraud slashes the device")
				require.Equal(t, before[1], after[1], "the worker gets nothing")
				require.Equal(t, before[2], after[2], "no fee")
				if tc.checker {
					require.Equal(t, before[0]+job.Escrowed, after[0], "buyer refunded in full")
					require.Equal(t, before[3]+bond+testFraud/2, after[3], "checker: bond back plus the paid half of the slash")
				} else {
					require.Equal(t, before[0]+job.Escrowed+bond+testFraud/2, after[0], "buyer: escrow and bond back plus the paid half of the slash")
				}
				return
			}
			want, err := Settle(job.Escrowed, job.PricePerHour, job.MaxDurationSeconds, job.FeeBps, 3600)
			require.NoError(t, err)
			require.Equal(t, gen.JobClosed{JobId: id, Outcome: uint8(OutcomeChallengeRejected), Paid: want.Paid, Fee: want.Fee, Refunded: want.Refund, Bond: bond}, *got)
			require.Equal(t, []uint64{before[0] + want.Refund, before[1] + want.Paid + bond, before[2] + want.Fee, before[3]}, after)
			require.Equal(t, stakeBefore.Stake, d.Stake, "no slash")
		})
	}
}
