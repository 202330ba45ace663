package jobs

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// model is what the test expects on-chain: every token balance it touches and the live jobs.
type model struct {
	t        *testing.T
	balances map[solana.PublicKey]uint64
	jobs     map[uint64]*modelJob
}

type modelJob struct {
	id      uint64
	buyer   int
	device  int
	mint    solana.PublicKey
	escrow  solana.PublicKey
	amount  uint64 // escrowed
	bond    uint64
	elapsed int64
	state   State
	terms   *gen.Job // as created: price, maximum duration, fee rate
}

type propertyActors struct {
	buyers  []solana.PrivateKey
	owners  []solana.PrivateKey
	devices []solana.PrivateKey
	keeper  solana.PrivateKey
}

// TestRandomOperations runs random sequences of job operations by several buyers and devices
// (create in either currency, a third of them on pre-funded addresses, cancel, claim, extend, attest,
// warp, settle, expire, challenge, resolve, lapse after the resolution deadline, and a device
// owner's unstake of its reserved stake), and after every step checks every balance against the
// model, every device's job reserve (the worst-case penalty of each job it holds), and, for every
// job that closed, that tokens in = paid + fees + refunded (+ the bond, which goes to exactly one
// side).
func TestRandomOperations(t *testing.T) {
	const steps = 100
	seed := uint64(2) // a run with every operation, lapse included; JOBS_SEED replays another
	if s, err := strconv.ParseUint(os.Getenv("JOBS_SEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	t.Logf("seed %d", seed)
	a := propertyActors{keeper: newWallet(t, 0, 0)}
	for range 3 {
		a.buyers = append(a.buyers, newWallet(t, 1_000*IO, 1_000*USDC))
	}
	for range 2 {
		owner := newWallet(t, 20_000*IO, 0)
		a.owners = append(a.owners, owner)
		a.devices = append(a.devices, newDevice(t, owner, "RTX4090", 1, 10_000*IO))
	}
	m := &model{t: t, balances: map[solana.PublicKey]uint64{}, jobs: map[uint64]*modelJob{}}
	var watched []solana.PublicKey
	for _, k := range append(append([]solana.PrivateKey{a.keeper}, a.buyers...), a.owners...) {
		for _, mint := range []solana.PublicKey{ioMint, usdcMint} {
			watched = append(watched, localnettest.TokenAccount(t, k.PublicKey(), mint))
		}
	}
	watched = append(watched, fixed.IOTreasury, fixed.USDCTreasury, stk.Addresses.StakeVault)
	for i, b := range balances(t, watched...) {
		m.balances[watched[i]] = b
	}

	for step := range steps {
		op := m.step(rng, a)
		t.Logf("step %d: %s", step, op)
		m.check(watched)
		m.checkReserves(a)
	}
}

// reserveOf is what device d must have reserved: the worst-case penalty of each job it holds.
func (m *model) reserveOf(d int) uint64 {
	var n uint64
	for _, j := range m.jobs {
		if j.device == d {
			n++
		}
	}
	return n * max(testExpiry, testFraud)
}

// checkReserves compares each device's job reserve with the model.
func (m *model) checkReserves(a propertyActors) {
	for d, device := range a.devices {
		got, err := stk.FetchDevice(localnettest.Context(m.t), device.PublicKey())
		require.NoError(m.t, err)
		require.Equal(m.t, m.reserveOf(d), got.JobReserve, "job reserve of device %d", d)
	}
}

// pick is a random live job in state (nil when there is none), chosen from the jobs sorted by
// id so that a seed replays the same run.
func (m *model) pick(rng *rand.Rand, state State) *modelJob {
	var ids []uint64
	for id, j := range m.jobs {
		if j.state == state {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	return m.jobs[ids[rng.IntN(len(ids))]]
}

// operations are the operations that apply to the model's jobs now.
func (m *model) operations() []string {
	ops := []string{"create", "create", "warp"}
	has := map[State]bool{}
	for _, j := range m.jobs {
		has[j.state] = true
	}
	if has[StateOpen] {
		ops = append(ops, "cancel", "claim", "claim", "extend")
	}
	if has[StateClaimed] {
		ops = append(ops, "attest", "attest", "expire", "extend")
	}
	if has[StateAttested] {
		ops = append(ops, "settle", "settle", "challenge")
	}
	if has[StateChallenged] {
		ops = append(ops, "resolve", "resolve", "lapse")
	}
	if has[StateClaimed] || has[StateAttested] || has[StateChallenged] {
		ops = append(ops, "unstake")
	}
	return ops
}

func (m *model) step(rng *rand.Rand, a propertyActors) string {
	t := m.t
	ctx := localnettest.Context(t)
	ops := m.operations()
	switch ops[rng.IntN(len(ops))] {
	case "create":
		b := rng.IntN(len(a.buyers))
		mint, price := ioMint, uint64(1+rng.IntN(5))*IO/2
		if rng.IntN(2) == 0 {
			mint, price = usdcMint, uint64(1+rng.IntN(3_000_000))
		}
		hours := uint64(1 + rng.IntN(3))
		prefunded := prefundNextJob(t, rng)
		id := createJob(t, a.buyers[b], mint, "RTX4090", 1, price, hours)
		job := fetchJob(t, id)
		m.move(localnettest.TokenAccount(t, a.buyers[b].PublicKey(), mint), job.Escrow, job.Escrowed)
		m.jobs[id] = &modelJob{id: id, buyer: b, device: -1, mint: mint, escrow: job.Escrow, amount: job.Escrowed, state: StateOpen, terms: job}
		return fmt.Sprintf("create %d (%d base units%s)", id, job.Escrowed, prefunded)
	case "cancel":
		j := m.pick(rng, StateOpen)
		res, err := jc.CancelJob(ctx, a.buyers[j.buyer], j.id)
		require.NoError(t, err)
		m.close(res.Signature, j, a, OutcomeCancelled, Settlement{Refund: j.amount}, 0)
		return "cancel"
	case "claim":
		j := m.pick(rng, StateOpen)
		d := rng.IntN(len(a.devices))
		_, err := jc.ClaimJob(ctx, a.owners[d], a.devices[d], j.id)
		require.NoError(t, err)
		j.device, j.state = d, StateClaimed
		return "claim"
	case "attest":
		j := m.pick(rng, StateClaimed)
		job := fetchJob(t, j.id)
		j.elapsed = int64(rng.IntN(int(2 * job.MaxDurationSeconds)))
		warp(t, j.elapsed+1)
		_, err := jc.SubmitAttestation(ctx, a.owners[j.device], a.devices[j.device], j.id, attestation(t, j.id, j.elapsed))
		if ErrorName(err) == gen.Error_AttestationTooLate {
			return "attest: too late (past deadline + grace)"
		}
		require.NoError(t, err)
		j.state = StateAttested
		return "attest"
	case "warp":
		warp(t, int64(60+rng.IntN(4_000)))
		return "warp"
	case "extend":
		j := m.pick(rng, StateOpen)
		if c := m.pick(rng, StateClaimed); j == nil || (c != nil && rng.IntN(2) == 0) {
			j = c
		}
		job := fetchJob(t, j.id)
		extra := uint64(1 + rng.IntN(2*SecondsPerHour))
		cost, err := ExtensionCost(job, extra)
		require.NoError(t, err)
		_, err = jc.ExtendJob(ctx, a.buyers[j.buyer], j.id, extra)
		if ErrorName(err) == gen.Error_AttestationTooLate {
			return "extend: too late (past deadline + grace)"
		}
		require.NoError(t, err)
		m.move(localnettest.TokenAccount(t, a.buyers[j.buyer].PublicKey(), j.mint), j.escrow, cost)
		j.amount += cost
		j.terms.MaxDurationSeconds += extra
		return fmt.Sprintf("extend %d by %d s (%d base units)", j.id, extra, cost)
	case "settle":
		j := m.pick(rng, StateAttested)
		res, err := jc.SettleJob(ctx, a.keeper, j.id)
		if ErrorName(err) == gen.Error_WindowOpen {
			return "settle: window open"
		}
		require.NoError(t, err)
		m.close(res.Signature, j, a, OutcomeSettled, m.settlement(j), 0)
		return "settle"
	case "expire":
		j := m.pick(rng, StateClaimed)
		res, err := jc.ExpireJob(ctx, a.keeper, j.id)
		if ErrorName(err) == gen.Error_NotExpired {
			return "expire: not yet"
		}
		require.NoError(t, err)
		m.close(res.Signature, j, a, OutcomeExpired, Settlement{Refund: j.amount}, testExpiry)
		return "expire"
	case "resolve":
		j := m.pick(rng, StateChallenged)
		fraud := rng.IntN(2) == 0
		res, err := jc.ResolveChallenge(ctx, arbiter, j.id, fraud)
		if ErrorName(err) == gen.Error_ResolutionDeadlinePassed {
			return "resolve: deadline passed"
		}
		require.NoError(t, err)
		if fraud {
			m.close(res.Signature, j, a, OutcomeFraud, Settlement{Refund: j.amount}, testFraud)
			return "resolve: fraud"
		}
		m.close(res.Signature, j, a, OutcomeChallengeRejected, m.settlement(j), 0)
		return "resolve: no fraud"
	case "lapse":
		j := m.pick(rng, StateChallenged)
		if job := fetchJob(t, j.id); job.ResolveByTs >= chainNow(t) {
			warp(t, job.ResolveByTs-chainNow(t)+1)
		}
		res, err := jc.LapseChallenge(ctx, a.keeper, j.id)
		require.NoError(t, err)
		m.close(res.Signature, j, a, OutcomeChallengeLapsed, m.settlement(j), 0)
		return "lapse"
	case "unstake":
		var d int
		for _, j := range m.jobs {
			if j.device >= 0 {
				d = j.device
				break
			}
		}
		dev, err := stk.FetchDevice(ctx, a.devices[d].PublicKey())
		require.NoError(t, err)
		free := dev.Stake - dev.JobReserve
		ix := localnettest.MustIx(t)(stk.UnstakeDeviceInstruction(a.owners[d].PublicKey(), a.devices[d].PublicKey(), free+1))
		requireLandedRejected(t, stakinggen.Error_StakeReservedForJobs, []solana.PublicKey{deviceAddr(t, a.devices[d])}, a.owners[d], ix)
		return fmt.Sprintf("unstake: device %d's reserve stays", d)
	default: // challenge
		j := m.pick(rng, StateAttested)
		bond := (j.amount*testBondBps + BPS - 1) / BPS
		_, err := jc.ChallengeJob(ctx, a.buyers[j.buyer], j.id, bond)
		if ErrorName(err) == gen.Error_WindowClosed {
			return "challenge: window closed"
		}
		require.NoError(t, err)
		m.move(localnettest.TokenAccount(t, a.buyers[j.buyer].PublicKey(), j.mint), j.escrow, bond)
		j.bond, j.state = bond, StateChallenged
		return "challenge"
	}
}

func (m *model) settlement(j *modelJob) Settlement {
	s, err := Settle(j.amount, j.terms.PricePerHour, j.terms.MaxDurationSeconds, j.terms.FeeBps, uint64(j.elapsed))
	require.NoError(m.t, err)
	return s
}

// close checks the JobClosed event against want and applies it to the model: payment to the
// device owner, fee to the treasury, refund to the buyer, the bond to the worker (rejected
// challenge) or back to the buyer (fraud, lapsed challenge), and the slash (half burned, half
// to the IO treasury on expiry or to the buyer on fraud).
func (m *model) close(sig solana.Signature, j *modelJob, a propertyActors, outcome Outcome, want Settlement, penalty uint64) {
	t := m.t
	got := closedEvent(t, sig)
	require.Equal(t, gen.JobClosed{JobId: j.id, Outcome: uint8(outcome), Paid: want.Paid, Fee: want.Fee, Refunded: want.Refund, Bond: j.bond, Slashed: penalty}, *got)
	require.Equal(t, j.amount, got.Paid+got.Fee+got.Refunded, "tokens in = paid + fees + refunded")
	buyerToken := localnettest.TokenAccount(t, a.buyers[j.buyer].PublicKey(), j.mint)
	treasury, err := fixed.TreasuryFor(j.mint)
	require.NoError(t, err)
	m.move(j.escrow, buyerToken, want.Refund)
	m.move(j.escrow, treasury, want.Fee)
	if j.device >= 0 {
		m.move(j.escrow, localnettest.TokenAccount(t, a.owners[j.device].PublicKey(), j.mint), want.Paid)
	}
	switch outcome {
	case OutcomeChallengeRejected:
		m.move(j.escrow, localnettest.TokenAccount(t, a.owners[j.device].PublicKey(), j.mint), j.bond)
	case OutcomeFraud:
		m.move(j.escrow, buyerToken, j.bond)
		m.move(stk.Addresses.StakeVault, localnettest.TokenAccount(t, a.buyers[j.buyer].PublicKey(), ioMint), penalty/2)
		m.balances[stk.Addresses.StakeVault] -= penalty - penalty/2 // burned
	case OutcomeChallengeLapsed:
		m.move(j.escrow, buyerToken, j.bond)
	case OutcomeExpired:
		m.move(stk.Addresses.StakeVault, fixed.IOTreasury, penalty/2)
		m.balances[stk.Addresses.StakeVault] -= penalty - penalty/2
	}
	require.Zero(t, m.balances[j.escrow], "model: escrow emptied")
	delete(m.balances, j.escrow)
	delete(m.jobs, j.id)
	require.Equal(t, []string{"absent", "absent"}, localnettest.AccountStates(t, jc.sx.RPC, jobAddr(t, j.id), j.escrow), "job and escrow closed")
}

func (m *model) move(from, to solana.PublicKey, amount uint64) {
	require.GreaterOrEqual(m.t, m.balances[from], amount, "model: %s underflows", from)
	m.balances[from] -= amount
	m.balances[to] += amount
}

// check compares every watched balance and every live escrow with the model.
func (m *model) check(watched []solana.PublicKey) {
	addrs := append([]solana.PublicKey{}, watched...)
	for _, j := range m.jobs {
		addrs = append(addrs, j.escrow)
		require.Equal(m.t, j.amount+j.bond, m.balances[j.escrow], "model: escrow of job %d", j.id)
	}
	got := balances(m.t, addrs...)
	for i, addr := range addrs {
		require.Equal(m.t, m.balances[addr], got[i], "balance of %s", addr)
	}
}
