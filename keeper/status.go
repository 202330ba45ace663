package keeper

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Status is the protocol's due work at one chain time, found from chain state alone.
type Status struct {
	ChainTime int64             `json:"chainTime"`
	Kinds     []KindStatus      `json:"kinds"`
	Due       []TaskStatus      `json:"due"`
	Upcoming  []TaskStatus      `json:"upcoming"` // the next few not yet due, soonest first
	Errors    map[string]string `json:"errors,omitempty"`
}

// KindStatus counts one kind's work.
type KindStatus struct {
	Kind       string `json:"kind"`
	Due        int    `json:"due"`
	Pending    int    `json:"pending"` // due or not
	LagSeconds int64  `json:"lagSeconds"`
}

// TaskStatus is one task.
type TaskStatus struct {
	Kind  string `json:"kind"`
	ID    uint64 `json:"id"`
	Key   string `json:"account"`
	DueAt int64  `json:"dueAt"`
	// In is seconds from the chain time until due (negative: overdue by that much).
	In int64 `json:"inSeconds"`
}

// upcomingShown bounds Status.Upcoming.
const upcomingShown = 10

// Survey scans every duty and reports what is due at the chain's current time. A duty whose
// scan fails is reported in Errors; the others still are.
func Survey(ctx context.Context, sx *solanax.Client, duties []Duty) (*Status, error) {
	now, err := solanax.ChainTime(ctx, sx.RPC)
	if err != nil {
		return nil, fmt.Errorf("keeper status: %w", err)
	}
	st := &Status{ChainTime: now}
	var all []plan.Task
	for _, d := range duties {
		tasks, err := d.Scan(ctx)
		if err != nil {
			if st.Errors == nil {
				st.Errors = map[string]string{}
			}
			st.Errors[d.Kind()] = err.Error()
			continue
		}
		all = append(all, tasks...)
		due, _ := plan.Due(tasks, now, nil)
		st.Kinds = append(st.Kinds, KindStatus{Kind: d.Kind(), Due: len(due), Pending: len(tasks), LagSeconds: plan.Lag(due, now)[d.Kind()]})
	}
	due, _ := plan.Due(all, now, nil)
	for _, t := range due {
		st.Due = append(st.Due, taskStatus(t, now))
	}
	var later []plan.Task
	for _, t := range all {
		if t.DueAt > now {
			later = append(later, t)
		}
	}
	slices.SortFunc(later, func(a, b plan.Task) int { return cmp.Compare(a.DueAt, b.DueAt) })
	for _, t := range later[:min(len(later), upcomingShown)] {
		st.Upcoming = append(st.Upcoming, taskStatus(t, now))
	}
	return st, nil
}

func taskStatus(t plan.Task, now int64) TaskStatus {
	return TaskStatus{Kind: t.Kind, ID: t.ID, Key: t.Key.String(), DueAt: t.DueAt, In: t.DueAt - now}
}

// WriteHuman prints the counts, then every due task and the next upcoming ones.
func (s *Status) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Chain time\t%s (%d)\n\n", time.Unix(s.ChainTime, 0).UTC().Format(time.RFC3339), s.ChainTime)
	fmt.Fprintln(tw, "KIND\tDUE\tPENDING\tOLDEST DUE FOR")
	for _, k := range s.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", k.Kind, k.Due, k.Pending, time.Duration(k.LagSeconds)*time.Second)
	}
	for kind, err := range s.Errors {
		fmt.Fprintf(tw, "%s\tunknown: %s\n", kind, err)
	}
	for _, list := range []struct {
		title string
		tasks []TaskStatus
	}{{"Due now", s.Due}, {"Upcoming", s.Upcoming}} {
		if len(list.tasks) == 0 {
			continue
		}
		fmt.Fprintf(tw, "\n%s\nKIND\tID\tACCOUNT\tDUE AT\n", list.title)
		for _, t := range list.tasks {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s (%s)\n", t.Kind, t.ID, t.Key, time.Unix(t.DueAt, 0).UTC().Format(time.RFC3339), relative(t.In))
		}
	}
	return tw.Flush()
}

func relative(in int64) string {
	if in <= 0 {
		return fmt.Sprintf("due for %s", time.Duration(-in)*time.Second)
	}
	return fmt.Sprintf("in %s", time.Duration(in)*time.Second)
}
