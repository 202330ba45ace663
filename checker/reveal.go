package checker

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// Commit-reveal: submit_verdict commits sha256(digest || owner); the digest is kept in
// WorkDir/verdicts/<audit address> (written before the commitment is sent, so a restart finds
// it) until it is revealed. Once every slot the audit needs has committed, the checker reveals
// it (reveal_verdict); in a sampled audit a digest that does not open the job's result is not
// revealed but escalated (escalate_audit), and revealed with the two new checkers' verdicts.

// RevealSlot is owner's slot in a while its commitment waits to be revealed (every slot the
// audit needs has committed), or -1.
func RevealSlot(a *gen.Audit, owner solana.PublicKey) int {
	if i, ok := jobs.CheckerSlot(a, owner); ok && a.Verdicts[i] == jobs.VerdictCommitted && jobs.AllCommitted(a) {
		return i
	}
	return -1
}

func (c *Checker) digestPath(audit solana.PublicKey) string {
	return filepath.Join(c.opt.WorkDir, "verdicts", audit.String())
}

// keepDigest records the digest committed on audit (before the commitment is sent).
func (c *Checker) keepDigest(audit solana.PublicKey, digest [32]byte) error {
	path := c.digestPath(audit)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("keep the committed digest: %w", err)
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(digest[:])+"\n"), 0o600); err != nil {
		return fmt.Errorf("keep the committed digest: %w", err)
	}
	return nil
}

// keptDigest reads the digest committed on audit.
func (c *Checker) keptDigest(audit solana.PublicKey) ([32]byte, error) {
	raw, err := os.ReadFile(c.digestPath(audit))
	if err != nil {
		return [32]byte{}, fmt.Errorf("read the committed digest: %w", err)
	}
	b, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(b) != 32 {
		return [32]byte{}, fmt.Errorf("read the committed digest %s: not 32 hex bytes", c.digestPath(audit))
	}
	return [32]byte(b), nil
}

// considerReveal starts revealing (or escalating) a's commitment of this checker, once at a time.
func (c *Checker) considerReveal(ctx context.Context, a Assigned, slot int) {
	c.once(a.Address, c.revealed, func() bool { return c.reveal(ctx, a, slot) }, nil, nil)
}

// reveal opens the checker's commitment on a (or escalates a sampled audit whose digest does
// not open the job's result); it reports whether nothing is left to do.
func (c *Checker) reveal(ctx context.Context, a Assigned, slot int) bool {
	log := c.opt.Log.With("audit", a.Address, "slot", slot)
	digest, err := c.keptDigest(a.Address)
	if err != nil {
		log.Error("cannot reveal the commitment: its digest is lost; the slot will be replaced", "err", err)
		return true
	}
	job, err := c.opt.Chain.Job(ctx, a.Audit.Job)
	if errors.Is(err, jobs.ErrNotFound) {
		return true
	}
	if err != nil {
		log.Warn("cannot read the audited job; will retry", "err", err)
		return false
	}
	matched := jobs.Opens(digest, job.ResultHash)
	escalate := a.Audit.Needed == 1 && !matched
	var sig solana.Signature
	if escalate {
		sig, err = c.opt.Chain.EscalateAudit(ctx, c.opt.VerdictKey, job)
	} else {
		sig, err = c.opt.Chain.RevealVerdict(ctx, c.opt.VerdictKey, job, digest)
	}
	switch {
	case errors.Is(err, ErrAnswered):
		log.Info("the slot no longer waits for this reveal", "why", err)
	case err != nil:
		log.Error("reveal not sent; will retry", "escalate", escalate, "err", err)
		return false
	case escalate:
		log.Info("mismatch: audit escalated to three checkers, verdict still sealed", "signature", sig)
		return false // revealed once the two new checkers have committed
	default:
		log.Info("verdict revealed", "matched", matched, "digest", fmt.Sprintf("%x", digest), "signature", sig)
	}
	if err := os.Remove(c.digestPath(a.Address)); err != nil && !errors.Is(err, os.ErrNotExist) {
		log.Warn("cannot remove the revealed digest", "err", err)
	}
	return true
}
