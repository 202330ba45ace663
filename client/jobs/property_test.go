package jobs

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

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
	// exempt: audit-exempt (challenges go to the arbiter); drawn: the audit draw was made.
	exempt, drawn bool
}

type propertyActors struct {
	buyers  []solana.PrivateKey
	owners  []solana.PrivateKey
	devices []solana.PrivateKey
	keeper  solana.PrivateKey
	// checkers re-run audited jobs (registered for the test's duration).
	checkers []checkerKeys
}

// TestRandomOperations runs random sequences of job operations by several buyers and devices
// (create in either currency, a third of them on pre-funded addresses, half of them auditable,
// cancel, claim, extend, attest, warp, settle, expire, challenge, resolve, lapse after the
// resolution deadline, a device owner's unstake of its reserved stake, and audits: the draw, then
// checkers confirming (settle_audited) or refuting (convict_audited) the result; an auditable
// job's challenge is an audit), and after every step checks every balance against the model
// (the checkers' audit fees and the checker vault included), every device's job reserve (the
// worst-case penalty of each job it holds), and, for every job that closed, that tokens in =
// paid + fees + refunded (+ the bond, which goes to exactly one side).
func TestRandomOperations(t *testing.T) {
	// Seeds whose runs between them make every operation: 4 the arbiter's rulings, 5 a draw
	// confirmed by a checker and a lapse, 21 a buyer's challenge through checkers and a fraud
	// they prove. JOBS_SEED replays another.
	seeds := []uint64{4, 5, 21}
	if s, err := strconv.ParseUint(os.Getenv("JOBS_SEED"), 10, 64); err == nil {
		seeds = []uint64{s}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) { randomOperations(t, seed) })
	}
}

func randomOperations(t *testing.T, seed uint64) {
	const steps = 100
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
	for range 3 {
		a.checkers = append(a.checkers, newChecker(t, testChecker, "RTX4090"))
	}
	m := &model{t: t, balances: map[solana.PublicKey]uint64{}, jobs: map[uint64]*modelJob{}}
	var watched []solana.PublicKey
	wallets := append(append([]solana.PrivateKey{a.keeper}, a.buyers...), a.owners...)
	for _, c := range a.checkers {
		wallets = append(wallets, c.owner)
	}
	for _, k := range wallets {
		for _, mint := range []solana.PublicKey{ioMint, usdcMint} {
			watched = append(watched, localnettest.TokenAccount(t, k.PublicKey(), mint))
		}
	}
	watched = append(watched, fixed.IOTreasury, fixed.USDCTreasury, stk.Addresses.StakeVault, jc.CheckerVault)
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
	for _, j := range m.jobs {
		if j.state == StateAttested && !j.exempt && !j.drawn {
			ops = append(ops, "draw", "draw")
			break
		}
	}
	if has[StateAudited] {
		ops = append(ops, "audit", "audit")
	}
	if has[StateClaimed] || has[StateAttested] || has[StateChallenged] || has[StateAudited] {
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
		exempt := rng.IntN(2) == 0
		id := postJob(t, a.buyers[b], mint, "RTX4090", 1, price, hours, exempt)
		job := fetchJob(t, id)
		m.move(localnettest.TokenAccount(t, a.buyers[b].PublicKey(), mint), job.Escrow, job.Escrowed)
		m.jobs[id] = &modelJob{id: id, buyer: b, device: -1, mint: mint, escrow: job.Escrow, amount: job.Escrowed, state: StateOpen, terms: job, exempt: exempt}
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
		if !j.exempt {
			j.state = StateAudited
			return "challenge: to checkers"
		}
		return "challenge"
	case "draw":
		return m.draw(a)
	case "audit":
		return m.audit(rng, a)
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

// draw draws the first auditable attested job not drawn yet (always selected in the tests).
func (m *model) draw(a propertyActors) string {
	t := m.t
	var j *modelJob
	for _, id := range m.sortedIDs() {
		if c := m.jobs[id]; c.state == StateAttested && !c.exempt && !c.drawn {
			j = c
			break
		}
	}
	var err error
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err = jc.DrawAudit(localnettest.Context(t), a.keeper, j.id)
		if ErrorName(err) != gen.Error_DrawTooEarly || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	j.drawn = true
	switch ErrorName(err) {
	case gen.Error_WindowClosed:
		return "draw: window closed"
	case gen.Error_DrawExpired:
		return "draw: seed slot expired"
	}
	require.NoError(t, err)
	j.state = StateAudited
	return fmt.Sprintf("draw %d: audited", j.id)
}

func (m *model) sortedIDs() []uint64 {
	var ids []uint64
	for id := range m.jobs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// audit runs an audited job's audit to its end: checkers assigned as the program picks them,
// all agreeing on the result (the attested one, or, half the time, another), then
// settle_audited or convict_audited, applied to the model.
func (m *model) audit(rng *rand.Rand, a propertyActors) string {
	t := m.t
	ctx := localnettest.Context(t)
	j := m.pick(rng, StateAudited)
	result := specHash(t, "result") // the digest every attestation here seals
	honest := rng.IntN(2) == 0
	if !honest {
		result = specHash(t, "another result")
	}
	for {
		audit := fetchAudit(t, j.id)
		if AuditDecision(audit) != DecisionOpen {
			break
		}
		pending := -1
		for _, slot := range FilledSlots(audit) {
			if audit.Verdicts[slot] == VerdictPending {
				pending = slot
			}
		}
		if pending < 0 {
			assignNext(t, a.keeper, j.id)
			continue
		}
		verdict(t, byKey(t, audit.Checkers[pending], a.checkers...), j.id, result)
	}
	audit := fetchAudit(t, j.id)
	matches, _ := Tally(audit)
	if honest {
		res, err := jc.SettleAudited(ctx, a.keeper, j.id)
		require.NoError(t, err)
		m.closeAudited(res.Signature, j, a, audit, matches)
		return fmt.Sprintf("audit %d: confirmed by %d", j.id, matches)
	}
	res, err := jc.ConvictAudited(ctx, a.keeper, j.id)
	require.NoError(t, err)
	m.closeConvicted(res.Signature, j, a)
	return fmt.Sprintf("audit %d: fraud", j.id)
}

// closeAudited applies settle_audited: the settlement, the audit fee split between the
// matching checkers' token accounts in the job's mint, the bond to the worker.
func (m *model) closeAudited(sig solana.Signature, j *modelJob, a propertyActors, audit *gen.Audit, matches int) {
	t := m.t
	want := m.settlement(j)
	got := closedEvent(t, sig)
	require.Equal(t, gen.JobClosed{JobId: j.id, Outcome: uint8(OutcomeAudited), Paid: want.Paid, Fee: want.Fee, Refunded: want.Refund, Bond: j.bond}, *got)
	require.Equal(t, j.amount, got.Paid+got.Fee+got.Refunded, "tokens in = paid + fees + refunded")
	treasury, err := fixed.TreasuryFor(j.mint)
	require.NoError(t, err)
	worker := localnettest.TokenAccount(t, a.owners[j.device].PublicKey(), j.mint)
	share := want.Fee * DefaultAuditFeeBps / BPS / uint64(matches)
	m.move(j.escrow, localnettest.TokenAccount(t, a.buyers[j.buyer].PublicKey(), j.mint), want.Refund)
	m.move(j.escrow, worker, want.Paid+j.bond)
	m.move(j.escrow, treasury, want.Fee-share*uint64(matches))
	for _, slot := range FilledSlots(audit) {
		if audit.Verdicts[slot] == VerdictMatch {
			m.move(j.escrow, localnettest.TokenAccount(t, audit.Checkers[slot], j.mint), share)
		}
	}
	m.closed(j)
}

// closeConvicted applies convict_audited: the buyer refunded in full with its bond, the fraud
// penalty slashed, its paid share into the checker vault (the majority's rewards).
func (m *model) closeConvicted(sig solana.Signature, j *modelJob, a propertyActors) {
	t := m.t
	got := closedEvent(t, sig)
	require.Equal(t, gen.JobClosed{JobId: j.id, Outcome: uint8(OutcomeFraud), Refunded: j.amount, Bond: j.bond, Slashed: testFraud}, *got)
	m.move(j.escrow, localnettest.TokenAccount(t, a.buyers[j.buyer].PublicKey(), j.mint), j.amount+j.bond)
	paid := slashSplit(t, testFraud)
	m.move(stk.Addresses.StakeVault, jc.CheckerVault, paid)
	m.balances[stk.Addresses.StakeVault] -= testFraud - paid // burned
	m.closed(j)
}

// closed forgets j once its escrow is empty, checking its accounts (and its audit's) closed.
func (m *model) closed(j *modelJob) {
	t := m.t
	require.Zero(t, m.balances[j.escrow], "model: escrow emptied")
	delete(m.balances, j.escrow)
	delete(m.jobs, j.id)
	audit, err := AuditAddress(jc.ProgramID, jobAddr(t, j.id))
	require.NoError(t, err)
	require.Equal(t, []string{"absent", "absent", "absent"}, localnettest.AccountStates(t, jc.sx.RPC, jobAddr(t, j.id), j.escrow, audit), "job, escrow and audit closed")
}
