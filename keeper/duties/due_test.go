package duties

import (
	"bytes"
	"math"
	"testing"
	"time"

	bin "github.com/gagliardetto/binary"
	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/governance"
	governancegen "github.com/ionet-oss/ionet/client/governance/gen"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
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

func TestExecuteDetail(t *testing.T) {
	d := &ProposalDuty{kind: KindExecute}
	p := &governancegen.Proposal{Id: 7, ExecutableTs: 1_000}
	window := int64(governance.ExecutionWindow / time.Second)
	assert.Equal(t, "proposal 7", d.detail(p, 1_000))
	assert.Equal(t, "proposal 7", d.detail(p, 1_000+window-1), "the last second of the window still executes")
	assert.Equal(t, "proposal 7 (execution window over: marks it failed)", d.detail(p, 1_000+window))
	assert.Equal(t, "proposal 7", (&ProposalDuty{kind: KindFinalize}).detail(p, 1_000+window))
}

// The activation duty learns the funded time from config notifications and takes a position's
// warming stake as due only once the epochs funded reach it.
func TestActivateObserve(t *testing.T) {
	stk, err := staking.New(solanax.New("http://127.0.0.1:1", ""), solana.PublicKey{}) // offline
	require.NoError(t, err)
	d := NewActivate(stk)
	encode := func(disc [8]byte, v interface {
		MarshalWithEncoder(*bin.Encoder) error
	}) []byte {
		var buf bytes.Buffer
		require.NoError(t, v.MarshalWithEncoder(bin.NewBorshEncoder(&buf)))
		return append(disc[:], buf.Bytes()...)
	}
	position := func(warming uint64, ts int64) []byte {
		return encode(stakinggen.Account_StakePosition, &stakinggen.StakePosition{Active: 10, Warming: warming, WarmingTs: ts})
	}
	key := solana.NewWallet().PublicKey()
	_, obs := d.Observe(key, position(5, 100))
	assert.Equal(t, keeper.Unrelated, obs, "funded time unknown yet")
	_, obs = d.Observe(stk.Addresses.Config, encode(stakinggen.Account_Config, &stakinggen.Config{FundedThroughTs: 100}))
	assert.Equal(t, keeper.Unrelated, obs, "the config itself is no task")
	task, obs := d.Observe(key, position(5, 100))
	assert.Equal(t, keeper.Pending, obs, "staked at the funded time: activatable")
	assert.Equal(t, plan.Task{Kind: KindActivate, Key: key, DueAt: 100}, task)
	_, obs = d.Observe(key, position(5, 101))
	assert.Equal(t, keeper.Unrelated, obs, "staked after the epochs funded: waits for a crank")
	_, obs = d.Observe(key, position(0, 0))
	assert.Equal(t, keeper.Settled, obs, "nothing warming")
	assert.True(t, d.IsRace(stakinggen.Error_NothingToActivate))
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
