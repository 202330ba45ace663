package jobs

import (
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Commit-reveal verdicts, as the jobs program runs them (programs/jobs/src/audit.rs): a checker
// commits sha256(digest || its owner) with submit_verdict, and reveals the digest with
// reveal_verdict once every slot the audit needs has committed (AllCommitted), by its slot's
// deadline (then now + verdict_seconds). A sampled audit's checker whose digest does not open the
// job's result escalates unrevealed (EscalateAudit) rather than reveal. Nobody copies a digest it did not compute: none is
// public before it committed, and a copied commitment names another owner.

// VerdictCommitment is the commitment checker owner submits for its result digest:
// sha256(digest || owner).
func VerdictCommitment(digest [32]byte, owner solana.PublicKey) [32]byte {
	h := sha256.New()
	h.Write(digest[:])
	h.Write(owner[:])
	return [32]byte(h.Sum(nil))
}

// Revealed reports whether slot i of audit has revealed its verdict (match or mismatch).
func Revealed(audit *gen.Audit, i int) bool {
	return audit.Verdicts[i] == VerdictMatch || audit.Verdicts[i] == VerdictMismatch
}

// AllCommitted reports whether every slot audit needs has committed or revealed, so reveals may
// start; an empty slot counts only once no eligible checker is left (Exhausted).
func AllCommitted(audit *gen.Audit) bool {
	for i := 0; i < int(audit.Needed) && i < AuditSlots; i++ {
		if audit.Checkers[i].IsZero() {
			if audit.Exhausted == 0 {
				return false
			}
		} else if audit.Verdicts[i] == VerdictPending {
			return false
		}
	}
	return true
}

// Replaceable reports whether replace_checker may empty slot i of audit at unix time now: the
// slot's deadline has passed with no commitment, or with an unrevealed one while reveals are open.
func Replaceable(audit *gen.Audit, i int, now int64) bool {
	return now > audit.Deadlines[i] && Overdue(audit, i)
}

// Overdue reports whether slot i of audit is filled and waits on its checker by its deadline: to
// commit, or (reveals open) to reveal. replace_checker empties it once that deadline has passed.
func Overdue(audit *gen.Audit, i int) bool {
	if audit.Checkers[i].IsZero() {
		return false
	}
	switch audit.Verdicts[i] {
	case VerdictPending:
		return true
	case VerdictCommitted:
		return AllCommitted(audit)
	}
	return false
}

// Independent reports whether slots i and j of audit committed before either revealed (neither
// can be a copy of the other): only independent verdicts count as agreeing.
func Independent(audit *gen.Audit, i, j int) bool {
	return audit.Seen[i]&(1<<j) == 0 && audit.Seen[j]&(1<<i) == 0
}

func independentMatches(audit *gen.Audit) bool {
	for i := range audit.Verdicts {
		for j := i + 1; j < len(audit.Verdicts); j++ {
			if audit.Verdicts[i] == VerdictMatch && audit.Verdicts[j] == VerdictMatch && Independent(audit, i, j) {
				return true
			}
		}
	}
	return false
}

// RevealVerdictInstruction opens checkerOwner's commitment on job id's audit with digest
// (verdictKey signs).
func (c *Client) RevealVerdictInstruction(verdictKey, checkerOwner solana.PublicKey, id uint64, digest [32]byte) (solana.Instruction, error) {
	job, audit, checker, err := c.verdictAccounts(checkerOwner, id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewRevealVerdictInstruction(digest, verdictKey, job, audit, checker)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

func (c *Client) verdictAccounts(checkerOwner solana.PublicKey, id uint64) (job, audit, checker solana.PublicKey, err error) {
	if job, err = JobAddress(c.ProgramID, id); err != nil {
		return
	}
	if audit, err = AuditAddress(c.ProgramID, job); err != nil {
		return
	}
	checker, err = CheckerAddress(c.ProgramID, checkerOwner)
	return
}

// RevealVerdict reveals checkerOwner's verdict digest on job id, signed by verdictKey; payer
// pays. It fails RevealTooEarly until every slot the audit needs has committed.
func (c *Client) RevealVerdict(ctx context.Context, payer, verdictKey solana.PrivateKey, checkerOwner solana.PublicKey, id uint64, digest [32]byte) (*solanax.Result, error) {
	ix, err := c.RevealVerdictInstruction(verdictKey.PublicKey(), checkerOwner, id, digest)
	return c.sendOne(ctx, fmt.Sprintf("reveal verdict on job %d", id), payer, []solana.Instruction{ix}, err, verdictKey)
}

// EscalateAuditInstruction raises job id's sampled audit to 3 checkers without revealing
// checkerOwner's committed verdict (verdictKey signs): what its checker sends when its digest
// does not open the job's result (Opens).
func (c *Client) EscalateAuditInstruction(verdictKey, checkerOwner solana.PublicKey, id uint64) (solana.Instruction, error) {
	job, audit, checker, err := c.verdictAccounts(checkerOwner, id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewEscalateAuditInstruction(verdictKey, job, audit, checker)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// EscalateAudit sends escalate_audit for checkerOwner on job id, signed by verdictKey; payer pays.
func (c *Client) EscalateAudit(ctx context.Context, payer, verdictKey solana.PrivateKey, checkerOwner solana.PublicKey, id uint64) (*solanax.Result, error) {
	ix, err := c.EscalateAuditInstruction(verdictKey.PublicKey(), checkerOwner, id)
	return c.sendOne(ctx, fmt.Sprintf("escalate audit of job %d", id), payer, []solana.Instruction{ix}, err, verdictKey)
}
