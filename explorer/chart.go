package explorer

import (
	"fmt"
	"strings"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission/schedule"
)

// Chart sizes (SVG user units) and the most points a line has.
const (
	chartW, chartH = 600.0, 200.0
	chartPoints    = 120
)

// spans are the chart's zoom levels in epochs (hours).
var spans = []struct {
	Name   string
	Epochs uint64
}{{"day", 24}, {"month", 720}, {"year", 8_760}}

// Chart is cumulative emission minted against the schedule over a window of epochs that ends at
// the current epoch (or starts at epoch 1 while the chain is younger than the window), drawn as
// two SVG paths.
type Chart struct {
	Span          string     `json:"span"`
	From          uint64     `json:"from"`
	To            uint64     `json:"to"`
	LastMinted    uint64     `json:"lastMinted"`
	ScheduledFrom cli.Amount `json:"scheduledFrom"` // at the window's start
	ScheduledTo   cli.Amount `json:"scheduledTo"`   // at its end
	MintedTo      cli.Amount `json:"mintedTo"`      // minted by the window's end
	ScheduledPath string     `json:"scheduledPath"` // SVG path data in a chartW x chartH box
	MintedPath    string     `json:"mintedPath"`
}

// spanEpochs looks a span name up (ok false for an unknown one).
func spanEpochs(name string) (uint64, bool) {
	for _, s := range spans {
		if s.Name == name {
			return s.Epochs, true
		}
	}
	return 0, false
}

// NewChart draws span (day, month, year) around current with lastMinted minted.
func NewChart(span string, current, lastMinted uint64) (Chart, error) {
	length, ok := spanEpochs(span)
	if !ok {
		return Chart{}, fmt.Errorf("%w: span must be day, month or year", errBadInput)
	}
	to := min(max(current, length), schedule.LastEpoch)
	from := to - length + 1
	c := Chart{Span: span, From: from, To: to, LastMinted: lastMinted}
	lo, hi := schedule.Cumulative(from-1), schedule.Cumulative(to)
	c.ScheduledFrom, c.ScheduledTo = cli.IO(lo), cli.IO(hi)
	c.MintedTo = cli.IO(schedule.Cumulative(min(lastMinted, to)))
	step := max(length/chartPoints, 1)
	x := func(e uint64) float64 { return chartW * float64(e-from) / float64(to-from) }
	y := func(v uint64) float64 {
		if hi == lo {
			return chartH
		}
		return chartH - chartH*float64(v-min(v, lo))/float64(hi-lo)
	}
	var sched, minted strings.Builder
	for e := from; ; e = min(e+step, to) {
		cmd := "L"
		if e == from {
			cmd = "M"
		}
		fmt.Fprintf(&sched, "%s%.1f %.1f ", cmd, x(e), y(schedule.Cumulative(e)))
		if e <= lastMinted {
			fmt.Fprintf(&minted, "%s%.1f %.1f ", cmd, x(e), y(schedule.Cumulative(e)))
		}
		if e == to {
			break
		}
	}
	c.ScheduledPath, c.MintedPath = strings.TrimSpace(sched.String()), strings.TrimSpace(minted.String())
	return c, nil
}
