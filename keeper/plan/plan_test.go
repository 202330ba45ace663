package plan

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
)

func task(kind string, id uint64, dueAt int64) Task {
	var key solana.PublicKey
	key[0], key[1] = byte(id), byte(len(kind))
	return Task{Kind: kind, Key: key, ID: id, DueAt: dueAt}
}

func ids(tasks []Task) []uint64 {
	out := []uint64{}
	for _, t := range tasks {
		out = append(out, t.ID)
	}
	return out
}

func TestDue(t *testing.T) {
	tasks := []Task{task("settle", 3, 100), task("settle", 1, 90), task("expire", 2, 90), task("settle", 4, 150), task("crank", 5, 120)}
	for _, tc := range []struct {
		name     string
		now      int64
		held     func(Task) bool
		wantIDs  []uint64
		wantNext int64
	}{
		{"nothing due yet", 50, nil, []uint64{}, 90},
		{"due exactly at its time", 90, nil, []uint64{2, 1}, 100},
		{"oldest first, then kind, then id", 100, nil, []uint64{2, 1, 3}, 120},
		{"all due", 1_000, nil, []uint64{2, 1, 3, 5, 4}, 0},
		{"held tasks are left out", 1_000, func(t Task) bool { return t.Kind == "settle" }, []uint64{2, 5}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, next := Due(tasks, tc.now, tc.held)
			assert.Equal(t, tc.wantIDs, ids(due))
			assert.Equal(t, tc.wantNext, next)
		})
	}
}

func TestLag(t *testing.T) {
	for _, tc := range []struct {
		name string
		due  []Task
		now  int64
		want map[string]int64
	}{
		{"nothing due", nil, 100, map[string]int64{}},
		{"oldest per kind", []Task{task("settle", 1, 40), task("settle", 2, 90), task("crank", 3, 100)}, 100, map[string]int64{"settle": 60, "crank": 0}},
		{"a clock behind the due time counts as no lag", []Task{task("crank", 1, 120)}, 100, map[string]int64{"crank": 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Lag(tc.due, tc.now))
		})
	}
}

func TestByKind(t *testing.T) {
	groups := ByKind([]Task{task("a", 1, 0), task("b", 2, 0), task("a", 3, 0)})
	assert.Len(t, groups, 2)
	assert.Equal(t, []uint64{1, 3}, ids(groups[0]))
	assert.Equal(t, []uint64{2}, ids(groups[1]))
}

func TestPack(t *testing.T) {
	// Items are sizes; a "transaction" fits while the sizes sum to at most 10.
	fits := func(batch []int) bool {
		sum := 0
		for _, v := range batch {
			sum += v
		}
		return sum <= 10
	}
	units := func(v int) uint64 { return uint64(v) * 100 }
	for _, tc := range []struct {
		name     string
		items    []int
		maxUnits uint64
		want     [][]int
	}{
		{"empty", nil, 1_000, nil},
		{"all in one", []int{2, 3, 4}, 1_000, [][]int{{2, 3, 4}}},
		{"size splits", []int{4, 4, 4, 4}, 10_000, [][]int{{4, 4}, {4, 4}}},
		{"units split first", []int{2, 2, 2, 2}, 500, [][]int{{2, 2}, {2, 2}}},
		{"order kept, no reordering to fill gaps", []int{6, 6, 3, 1}, 10_000, [][]int{{6}, {6, 3, 1}}},
		{"an item too big alone gets its own batch", []int{2, 12, 2}, 10_000, [][]int{{2}, {12}, {2}}},
		{"an item over the unit cap alone still goes", []int{20}, 500, [][]int{{20}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Pack(tc.items, units, tc.maxUnits, fits))
		})
	}
}

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		attempt int
		want    time.Duration
	}{{0, time.Second}, {1, time.Second}, {2, 2 * time.Second}, {4, 8 * time.Second}, {7, 30 * time.Second}, {1_000, 30 * time.Second}} {
		assert.Equal(t, tc.want, Backoff(tc.attempt, time.Second, 30*time.Second), "attempt %d", tc.attempt)
	}
}

func TestHolds(t *testing.T) {
	h := Holds{Base: time.Second, Limit: 4 * time.Second}
	t0 := time.Unix(1_000, 0)
	assert.False(t, h.Held("a", t0), "never failed")
	assert.Equal(t, time.Second, h.Hold("a", t0))
	assert.True(t, h.Held("a", t0.Add(500*time.Millisecond)))
	assert.False(t, h.Held("a", t0.Add(time.Second)), "the hold ends")
	assert.False(t, h.Held("b", t0), "holds are per task")
	assert.Equal(t, 2*time.Second, h.Hold("a", t0), "a second failure waits longer")
	assert.Equal(t, 4*time.Second, h.Hold("a", t0))
	assert.Equal(t, 4*time.Second, h.Hold("a", t0), "capped")
	h.Clear("a")
	assert.False(t, h.Held("a", t0))
	assert.Equal(t, time.Second, h.Hold("a", t0), "cleared: back to the base")
}

func TestPriorityFee(t *testing.T) {
	recent := []uint64{0, 0, 10, 20, 30, 40, 50, 60, 70, 1_000}
	for _, tc := range []struct {
		name                 string
		recent               []uint64
		percentile           int
		floor, ceiling, want uint64
	}{
		{"fixed: no percentile", recent, 0, 5, 0, 5},
		{"no samples: the floor", nil, 75, 5, 0, 5},
		{"median", recent, 50, 0, 0, 30},
		{"75th percentile", recent, 75, 0, 0, 60},
		{"100th: the highest", recent, 100, 0, 0, 1_000},
		{"1st: the lowest", recent, 1, 0, 0, 0},
		{"floor wins over a low market", recent, 50, 45, 0, 45},
		{"ceiling caps a spike", recent, 100, 0, 500, 500},
		{"ceiling caps the floor too", nil, 0, 900, 500, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, PriorityFee(tc.recent, tc.percentile, tc.floor, tc.ceiling))
		})
	}
}
