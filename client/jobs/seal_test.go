package jobs

import (
	"crypto/sha256"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

func TestSealedResultOpensOnlyWithItsDigest(t *testing.T) {
	var digest [32]byte
	for i := range digest {
		digest[i] = 7
	}
	sealed := SealResult(digest)
	assert.Equal(t, [32]byte(sha256.Sum256(digest[:])), sealed)
	assert.True(t, Opens(digest, sealed))
	assert.False(t, Opens(sealed, sealed), "copying the attested hash is not a match")
	assert.False(t, Opens([32]byte{8}, sealed))
}

// The same vectors as verdict_deadline_adds_the_run_time in programs/jobs/src/audit.rs.
func TestVerdictDeadline(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		now, verdict, start, end int64
		maxDuration              uint64
		want                     int64
		ok                       bool
	}{
		{"short job", 1_000, 3_600, 100, 160, 3_600, 4_660, true},
		{"a 4-hour job gets 4 more hours", 1_000, 3_600, 0, 14_400, 86_400, 19_000, true},
		{"capped by the max duration", 1_000, 3_600, 0, 14_400, 600, 5_200, true},
		{"negative run counts as none", 1_000, 3_600, 50, 10, 600, 4_600, true},
		{"overflow", math.MaxInt64 - 10, 3_600, 0, 1, 600, 0, false},
		{"run overflow", 0, 1, math.MinInt64, math.MaxInt64, math.MaxUint64, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := VerdictDeadline(tc.now, tc.verdict, &gen.Job{StartedTs: tc.start, EndedTs: tc.end, MaxDurationSeconds: tc.maxDuration})
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}
