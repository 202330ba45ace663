package jobs

import (
	"crypto/sha256"
	"math"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// The sealed result and the verdict deadline, as the jobs program computes them
// (programs/jobs/src/audit.rs: opens, verdict_deadline).
//
// A worker attests result_hash = SHA-256(result digest) and keeps the digest off-chain; a
// checker's verdict reveals the digest its re-run computed, a match iff its SHA-256 is the
// job's result_hash. A checker that did not re-run cannot copy a matching answer from the chain
// (submitting job.result_hash itself is a mismatch).

// SealResult is the result hash a run with result digest digest attests.
func SealResult(digest [32]byte) [32]byte {
	return sha256.Sum256(digest[:])
}

// Opens reports whether digest, a verdict's result digest, matches the sealed resultHash.
func Opens(digest, resultHash [32]byte) bool {
	return SealResult(digest) == resultHash
}

// VerdictDeadline is the deadline of a slot of job's audit assigned at now (unix seconds):
// now + verdictSeconds + the attested run time (EndedTs - StartedTs, at most the job's maximum
// duration), so that a long job's checker has the time to re-run it. ok is false on overflow
// (the program refuses the assignment).
func VerdictDeadline(now, verdictSeconds int64, job *gen.Job) (deadline int64, ok bool) {
	run, ok := checkedSub(job.EndedTs, job.StartedTs)
	if !ok {
		return 0, false
	}
	run = max(run, 0) // started <= ended was checked at attestation
	if job.MaxDurationSeconds <= math.MaxInt64 {
		run = min(run, int64(job.MaxDurationSeconds))
	}
	if deadline, ok = checkedAdd(now, verdictSeconds); !ok {
		return 0, false
	}
	return checkedAdd(deadline, run)
}

func checkedAdd(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

func checkedSub(a, b int64) (int64, bool) {
	d := a - b
	if (b > 0 && d > a) || (b < 0 && d < a) {
		return 0, false
	}
	return d, true
}
