package plan

import "time"

// Backoff is the wait before retry attempt (1-based): base doubled each attempt, at most limit.
func Backoff(attempt int, base, limit time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// Holds keeps tasks that failed for a reason other than a lost race away from further attempts
// for a growing backoff: each attempt reads the chain afresh, so nothing is retried blindly, and
// a task that keeps failing costs less and less. Not safe for concurrent use.
type Holds struct {
	Base, Limit time.Duration
	held        map[string]hold
}

type hold struct {
	attempts int
	until    time.Time
}

// Hold records a failure of task name at now and returns how long it is held.
func (h *Holds) Hold(name string, now time.Time) time.Duration {
	if h.held == nil {
		h.held = map[string]hold{}
	}
	st := h.held[name]
	st.attempts++
	d := Backoff(st.attempts, h.Base, h.Limit)
	st.until = now.Add(d)
	h.held[name] = st
	return d
}

// Held reports whether task name is still held at now.
func (h *Holds) Held(name string, now time.Time) bool {
	st, ok := h.held[name]
	return ok && now.Before(st.until)
}

// Clear forgets task name (it succeeded or is no longer pending).
func (h *Holds) Clear(name string) { delete(h.held, name) }
