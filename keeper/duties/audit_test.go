package duties

import (
	"math"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"

	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
)

func TestAuditDue(t *testing.T) {
	a, b := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	never := int64(math.MaxInt64)
	for _, tc := range []struct {
		name                       string
		audit                      jobsgen.Audit
		assign, replace, finalized int64
	}{
		{"sampled, empty slot", jobsgen.Audit{Needed: 1}, 0, never, never},
		{"sampled, waiting for a verdict", jobsgen.Audit{Needed: 1, Checkers: [3]solana.PublicKey{a}, Deadlines: [3]int64{500}}, never, 501, never},
		{"sampled, matched", jobsgen.Audit{Needed: 1, Checkers: [3]solana.PublicKey{a}, Verdicts: [3]uint8{jobs.VerdictMatch}}, never, never, 0},
		{"a mismatch: two more slots to fill", jobsgen.Audit{Needed: 3, Checkers: [3]solana.PublicKey{a}, Verdicts: [3]uint8{jobs.VerdictMismatch}}, 0, never, never},
		{"three slots, one late", jobsgen.Audit{Needed: 3, Checkers: [3]solana.PublicKey{a, b, a},
			Verdicts: [3]uint8{jobs.VerdictMismatch, 0, jobs.VerdictMatch}, Deadlines: [3]int64{100, 700, 300}}, never, 701, never},
		{"two mismatches: convict", jobsgen.Audit{Needed: 3, Checkers: [3]solana.PublicKey{a, b},
			Verdicts: [3]uint8{jobs.VerdictMismatch, jobs.VerdictMismatch}}, never, never, 0},
		{"exhausted: nothing to assign", jobsgen.Audit{Needed: 3, Exhausted: 1, Checkers: [3]solana.PublicKey{a},
			Verdicts: [3]uint8{jobs.VerdictMismatch}}, never, never, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.assign, AuditDue(KindAuditAssign, &tc.audit), "assign")
			assert.Equal(t, tc.replace, AuditDue(KindAuditReplace, &tc.audit), "replace")
			assert.Equal(t, tc.finalized, AuditDue(KindAuditFinalize, &tc.audit), "finalize")
		})
	}
}

func TestDrawable(t *testing.T) {
	attested := uint8(jobs.StateAttested)
	for _, tc := range []struct {
		name string
		job  jobsgen.Job
		want bool
	}{
		{"attested, not drawn", jobsgen.Job{State: attested}, true},
		{"drawn already", jobsgen.Job{State: attested, Audit: 1}, false},
		{"audit exempt", jobsgen.Job{State: attested, AuditExempt: 1}, false},
		{"a failed run", jobsgen.Job{State: attested, Failed: 1}, false},
		{"challenged", jobsgen.Job{State: uint8(jobs.StateChallenged)}, false},
	} {
		assert.Equal(t, tc.want, drawable(&tc.job), tc.name)
	}
}
