package plan

import (
	"cmp"
	"slices"

	"github.com/gagliardetto/solana-go"
)

// Task is one time-driven protocol step the keeper knows of: what it acts on and from which
// chain time the program accepts it.
type Task struct {
	// Kind names the duty that does it ("settle_job").
	Kind string
	// Key is the account the step acts on (a job, the emission state, a proposal).
	Key solana.PublicKey
	// ID is the job id, first unminted epoch or proposal id, for logs.
	ID uint64
	// DueAt is the chain unix time from which the step is accepted.
	DueAt int64
}

// Name identifies the task among all kinds.
func (t Task) Name() string { return t.Kind + ":" + t.Key.String() }

// Due returns the tasks due at chain time now, oldest due first (then by kind and id), leaving
// out those held returns true for; next is the earliest due time among the tasks not yet due
// (0 when none).
func Due(tasks []Task, now int64, held func(Task) bool) (due []Task, next int64) {
	for _, t := range tasks {
		switch {
		case t.DueAt > now:
			if next == 0 || t.DueAt < next {
				next = t.DueAt
			}
		case held == nil || !held(t):
			due = append(due, t)
		}
	}
	slices.SortFunc(due, func(a, b Task) int {
		return cmp.Or(cmp.Compare(a.DueAt, b.DueAt), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	return due, next
}

// Lag is, per kind, how long the oldest due task has been due at now (seconds); kinds with
// nothing due are absent.
func Lag(due []Task, now int64) map[string]int64 {
	out := map[string]int64{}
	for _, t := range due {
		lag := max(now-t.DueAt, 0)
		if cur, ok := out[t.Kind]; !ok || lag > cur {
			out[t.Kind] = lag
		}
	}
	return out
}

// ByKind groups tasks by kind, keeping their order within each kind; kinds come in order of
// first appearance.
func ByKind(tasks []Task) [][]Task {
	var out [][]Task
	index := map[string]int{}
	for _, t := range tasks {
		i, ok := index[t.Kind]
		if !ok {
			i = len(out)
			index[t.Kind] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], t)
	}
	return out
}
