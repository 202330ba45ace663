package duties

import (
	"math"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"

	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
)

func TestCrankTask(t *testing.T) {
	state := solana.NewWallet().PublicKey()
	const start = 1_700_000_000
	for _, tc := range []struct {
		name      string
		minted    uint64
		wantOK    bool
		wantEpoch uint64
		wantDue   int64
	}{
		{"nothing minted: due when epoch 1 ends", 0, true, 1, start + 3_600},
		{"epoch 5 next", 4, true, 5, start + 5*3_600},
		{"final epoch next", schedule.LastEpoch - 1, true, schedule.LastEpoch, start + int64(schedule.LastEpoch)*3_600},
		{"all minted: nothing ever again", schedule.LastEpoch, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := crankTask(state, &emissiongen.EmissionState{StartTs: start, LastMintedEpoch: tc.minted})
			assert.Equal(t, tc.wantOK, ok)
			if ok {
				assert.Equal(t, KindCrank, got.Kind)
				assert.Equal(t, tc.wantEpoch, got.ID)
				assert.Equal(t, tc.wantDue, got.DueAt)
			}
		})
	}
}

func TestExpireDue(t *testing.T) {
	for _, tc := range []struct {
		name        string
		claimed     int64
		maxDuration uint64
		grace, want int64
	}{
		{"one second after deadline plus grace", 1_000, 3_600, 600, 1_000 + 3_600 + 600 + 1},
		{"no grace", 1_000, 60, 0, 1_061},
		{"a duration past int64 never comes", 1_000, math.MaxUint64, 600, math.MaxInt64},
		{"a sum past int64 never comes", math.MaxInt64 - 10, 5, 10, math.MaxInt64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			job := &jobsgen.Job{ClaimedTs: tc.claimed, MaxDurationSeconds: tc.maxDuration}
			assert.Equal(t, tc.want, expireDue(job, tc.grace))
		})
	}
}

func TestLapseDue(t *testing.T) {
	for _, tc := range []struct {
		name      string
		resolveBy int64
		want      int64
	}{
		{"one second after the resolution deadline", 1_000 + 7*24*3_600, 1_001 + 7*24*3_600},
		{"a deadline at the end of int64 never comes", math.MaxInt64, math.MaxInt64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, lapseDue(&jobsgen.Job{ResolveByTs: tc.resolveBy}, 0))
		})
	}
}
