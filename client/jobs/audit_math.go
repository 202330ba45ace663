package jobs

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// The audit draw and pick, computed off-chain exactly as the jobs program computes them
// (programs/jobs/src/audit.rs), so a daemon knows before it sends whether a job will be selected
// and which checker assign_checker will pick (it must pass that checker's accounts).

// Audit constants (programs/jobs/src/audit_state.rs).
const (
	AuditSlots  = 3 // checker slots of an audit
	MaxExcluded = 8 // owners an audit never picks again
	MaxCheckers = 64

	VerdictPending  = 0
	VerdictMatch    = 1
	VerdictMismatch = 2
	// VerdictCommitted: committed (submit_verdict), not yet revealed (reveal_verdict).
	VerdictCommitted = 3

	ReasonSampled = 0
	ReasonBuyer   = 1
	ReasonChecker = 2

	// Job.Audit values.
	AuditNotDrawn    = 0
	AuditNotSelected = 1
	AuditUnderAudit  = 2
	AuditNoChecker   = 3
)

// DrawSeed is the audit seed of the job at job from its seed slot's hash:
// sha256("ionet-audit" || slot hash || job).
func DrawSeed(slotHash [32]byte, job solana.PublicKey) [32]byte {
	h := sha256.New()
	h.Write([]byte("ionet-audit"))
	h.Write(slotHash[:])
	h.Write(job[:])
	return [32]byte(h.Sum(nil))
}

// Selected reports whether a job with seed is audited at auditRateBps.
func Selected(seed [32]byte, auditRateBps uint64) bool {
	return binary.LittleEndian.Uint64(seed[:8])%BPS < auditRateBps
}

// pickWord is the random word of pick number draws: sha256(seed || draws LE)[0..8] LE.
func pickWord(seed [32]byte, draws uint64) uint64 {
	sum := sha256.Sum256(binary.LittleEndian.AppendUint64(seed[:], draws))
	return binary.LittleEndian.Uint64(sum[:8])
}

// AuditExcludes reports whether audit never picks owner: it is on the audit, or excluded.
func AuditExcludes(audit *gen.Audit, owner solana.PublicKey) bool {
	if _, ok := CheckerSlot(audit, owner); ok {
		return true
	}
	for i := 0; i < int(audit.ExcludedCount) && i < MaxExcluded; i++ {
		if audit.Excluded[i] == owner {
			return true
		}
	}
	return false
}

// CheckerSlot is the slot owner fills on audit.
func CheckerSlot(audit *gen.Audit, owner solana.PublicKey) (int, bool) {
	for i, c := range audit.Checkers {
		if c == owner && !owner.IsZero() {
			return i, true
		}
	}
	return 0, false
}

// EmptySlot is the first empty slot below audit.Needed (what assign_checker fills).
func EmptySlot(audit *gen.Audit) (int, bool) {
	for i := 0; i < int(audit.Needed) && i < AuditSlots; i++ {
		if audit.Checkers[i].IsZero() {
			return i, true
		}
	}
	return 0, false
}

// PickGone reports whether owner's entry in reg has gone (left or dropped): assign_checker skips
// such a pick.
func PickGone(reg *gen.CheckerRegistry, owner solana.PublicKey) bool {
	for _, e := range RegistryEntries(reg) {
		if e.Owner == owner {
			return e.UntilSlot != 0
		}
	}
	return false
}

// RegistryEntries are reg's live entries (registered, or gone and not yet withdrawn).
func RegistryEntries(reg *gen.CheckerRegistry) []gen.CheckerEntry {
	return reg.Entries[:min(int(reg.Count), MaxCheckers)]
}

// PickChecker is the owner assign_checker picks next for audit (its seed and draws) of job:
// weighted by stake among reg's checkers of the job's GPU class registered before the audit's
// seed slot and not gone before it, that are not its worker and not on or excluded from the
// audit. ok is false when none is eligible. A pick that has gone since (left, or dropped below
// the minimum stake; PickGone) is skipped by the program, as a co-staker is.
func PickChecker(job *gen.Job, audit *gen.Audit, reg *gen.CheckerRegistry) (owner solana.PublicKey, ok bool) {
	eligible := func(e gen.CheckerEntry) bool {
		return job.GpuClass < 8 && e.Classes&(1<<job.GpuClass) != 0 && e.Owner != job.Worker && e.Stake > 0 &&
			e.SinceSlot < audit.SeedSlot && (e.UntilSlot == 0 || e.UntilSlot >= audit.SeedSlot) && !AuditExcludes(audit, e.Owner)
	}
	var total uint64
	for _, e := range RegistryEntries(reg) {
		if eligible(e) {
			total = satAdd(total, e.Stake)
		}
	}
	if total == 0 {
		return owner, false
	}
	x := pickWord(audit.Seed, audit.Draws) % total
	for _, e := range RegistryEntries(reg) {
		if !eligible(e) {
			continue
		}
		if x < e.Stake {
			return e.Owner, true
		}
		x -= e.Stake
	}
	return owner, false
}

func satAdd(a, b uint64) uint64 {
	if a+b < a {
		return ^uint64(0)
	}
	return a + b
}

// Decision is what an audit's verdicts say.
type Decision int

const (
	// DecisionOpen: not decided; slots to fill or verdicts to wait for.
	DecisionOpen Decision = iota
	// DecisionHonest: settle_audited may run.
	DecisionHonest
	// DecisionFraud: convict_audited may run.
	DecisionFraud
)

func (d Decision) String() string {
	return [...]string{"open", "honest", "fraud"}[d]
}

// Tally counts audit's matches and mismatches.
func Tally(audit *gen.Audit) (matches, mismatches int) {
	for _, v := range audit.Verdicts {
		switch v {
		case VerdictMatch:
			matches++
		case VerdictMismatch:
			mismatches++
		}
	}
	return matches, mismatches
}

// AgreedMismatch is the digest that two or more of audit's mismatch verdicts carry, if any: an
// honest re-run is deterministic, so two honest checkers of a faked job submit the same digest,
// while independent lazy answers never agree.
func AgreedMismatch(audit *gen.Audit) ([32]byte, bool) {
	for i := range audit.Verdicts {
		if audit.Verdicts[i] != VerdictMismatch {
			continue
		}
		for j := i + 1; j < len(audit.Verdicts); j++ {
			if audit.Verdicts[j] == VerdictMismatch && audit.Results[j] == audit.Results[i] && Independent(audit, i, j) {
				return audit.Results[i], true
			}
		}
	}
	return [32]byte{}, false
}

// AuditDecision is what audit's verdicts decide, as the program decides it (audit::Audit::decision):
// a sampled audit is honest once its checker matched (a mismatch makes it a 3-checker audit); a
// 3-checker audit is honest when two or more independent verdicts match (Independent), fraud
// when two or more independent mismatches carry the same digest, and otherwise honest with no conviction once every filled slot has voted and all
// three slots are filled (or no eligible checker is left): one match and two mismatches on
// different digests, or three different digests, prove no fraud.
func AuditDecision(audit *gen.Audit) Decision {
	matches, _ := Tally(audit)
	if audit.Needed == 1 {
		if matches >= 1 {
			return DecisionHonest
		}
		return DecisionOpen
	}
	if _, waiting := Awaited(audit); waiting {
		return DecisionOpen
	}
	if independentMatches(audit) {
		return DecisionHonest
	}
	if _, ok := AgreedMismatch(audit); ok {
		return DecisionFraud
	}
	filled := FilledSlots(audit)
	for _, i := range filled {
		if !Revealed(audit, i) {
			return DecisionOpen
		}
	}
	if len(filled) == len(audit.Checkers) || audit.Exhausted != 0 {
		return DecisionHonest
	}
	return DecisionOpen
}

// Awaited is a slot whose verdict the decision waits for, as the program's
// audit::Audit::awaited: committed while no digest was public, not yet revealed. Deciding
// without it would let a checker that committed a made-up digest escape the minority penalty by
// never revealing; it reveals, or is replaced after its deadline.
func Awaited(audit *gen.Audit) (int, bool) {
	for _, i := range FilledSlots(audit) {
		if audit.Verdicts[i] == VerdictCommitted && audit.Seen[i] == 0 {
			return i, true
		}
	}
	return 0, false
}

// Upheld are the slots audit's decision upholds, as the program's audit::Audit::upheld: the
// matches when honest, the mismatches on the agreed digest when fraud, none while open. Every
// other verdict given is in the minority, penalised when some slot is upheld.
func Upheld(audit *gen.Audit) [3]bool {
	var upheld [3]bool
	decision := AuditDecision(audit)
	if decision == DecisionOpen {
		return upheld
	}
	agreed, _ := AgreedMismatch(audit)
	for i, c := range audit.Checkers {
		if c.IsZero() {
			continue
		}
		if decision == DecisionHonest {
			upheld[i] = audit.Verdicts[i] == VerdictMatch
		} else {
			upheld[i] = audit.Verdicts[i] == VerdictMismatch && audit.Results[i] == agreed
		}
	}
	return upheld
}

// FilledSlots are audit's filled slots, in order.
func FilledSlots(audit *gen.Audit) []int {
	var out []int
	for i, c := range audit.Checkers {
		if !c.IsZero() {
			out = append(out, i)
		}
	}
	return out
}
