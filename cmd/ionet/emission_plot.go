package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ionet-oss/ionet/client/emission/schedule"
)

// Plot geometry: two stacked panels (hourly emission, total supply) sharing a 20-year axis.
const (
	plotWidth      = 900
	plotPanel      = 260 // height of each panel
	plotLeft       = 110 // room for the y labels
	plotRight      = 30
	plotTop        = 50
	plotGap        = 70
	plotYears      = 20
	hoursPerYear   = 8760
	plotEveryHours = 730 // one point a month: 242 points over 20 years (the last epoch included)
)

// plotPoint is one sampled epoch of the plot.
type plotPoint struct {
	Epoch  uint64
	Hourly uint64 // base units minted by Epoch
	Supply uint64 // base units in existence once Epoch is minted (no burns)
}

// plotPoints samples the schedule once a month from epoch 1 to the last epoch.
func plotPoints() []plotPoint {
	var out []plotPoint
	for epoch := uint64(1); ; epoch += plotEveryHours {
		epoch = min(epoch, schedule.LastEpoch)
		out = append(out, plotPoint{Epoch: epoch, Hourly: schedule.Amount(epoch), Supply: schedule.Supply(epoch)})
		if epoch == schedule.LastEpoch {
			return out
		}
	}
}

// writePlotSVG draws the hourly emission and the total supply over the 20 years of the schedule
// as a standalone SVG image.
func writePlotSVG(w io.Writer) error {
	points := plotPoints()
	bw := bufio.NewWriter(w)
	height := plotTop + 2*plotPanel + plotGap + 50
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", plotWidth, height, plotWidth, height)
	fmt.Fprintf(bw, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(bw, `<text x="%d" y="24" font-size="16">IO emission schedule: 175,319 hourly epochs, 300,000,000 IO in total</text>`+"\n", plotLeft)

	hourly := panel{title: "Hourly emission (IO per hour)", top: plotTop, lo: 0, hi: 5_000 * schedule.BaseUnitsPerIO, step: 1_000 * schedule.BaseUnitsPerIO}
	supply := panel{title: "Total supply (million IO, before burns)", top: plotTop + plotPanel + plotGap, lo: 500_000_000 * schedule.BaseUnitsPerIO, hi: 800_000_000 * schedule.BaseUnitsPerIO, step: 50_000_000 * schedule.BaseUnitsPerIO, unit: 1_000_000 * schedule.BaseUnitsPerIO}
	hourly.draw(bw, points, func(p plotPoint) uint64 { return p.Hourly }, "#1f77b4")
	supply.draw(bw, points, func(p plotPoint) uint64 { return p.Supply }, "#d62728")
	fmt.Fprintf(bw, `<text x="%d" y="%d" text-anchor="middle">years since the start</text>`+"\n", plotLeft+(plotWidth-plotLeft-plotRight)/2, height-12)
	fmt.Fprintln(bw, "</svg>")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write the emission plot: %w", err)
	}
	return nil
}

// panel is one chart: y from lo to hi (base units), gridlines every step, labels in unit
// (IO when zero).
type panel struct {
	title        string
	top          int
	lo, hi, step uint64
	unit         uint64
}

func (p panel) x(epoch uint64) float64 {
	return plotLeft + float64(epoch)/float64(plotYears*hoursPerYear)*float64(plotWidth-plotLeft-plotRight)
}

func (p panel) y(v uint64) float64 {
	v = min(max(v, p.lo), p.hi)
	return float64(p.top+plotPanel) - float64(v-p.lo)/float64(p.hi-p.lo)*plotPanel
}

func (p panel) draw(w io.Writer, points []plotPoint, value func(plotPoint) uint64, color string) {
	unit := p.unit
	if unit == 0 {
		unit = schedule.BaseUnitsPerIO
	}
	right := plotWidth - plotRight
	fmt.Fprintf(w, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", plotLeft, p.top-10, p.title)
	for v := p.lo; v <= p.hi; v += p.step {
		y := p.y(v)
		fmt.Fprintf(w, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", plotLeft, y, right, y)
		fmt.Fprintf(w, `<text x="%d" y="%.1f" text-anchor="end">%d</text>`+"\n", plotLeft-8, y+4, v/unit)
	}
	for year := uint64(0); year <= plotYears; year += 2 {
		x := p.x(year * hoursPerYear)
		fmt.Fprintf(w, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/>`+"\n", x, p.top, x, p.top+plotPanel)
		fmt.Fprintf(w, `<text x="%.1f" y="%d" text-anchor="middle">%d</text>`+"\n", x, p.top+plotPanel+16, year)
	}
	coords := make([]string, len(points))
	for i, pt := range points {
		coords[i] = fmt.Sprintf("%.1f,%.1f", p.x(pt.Epoch), p.y(value(pt)))
	}
	fmt.Fprintf(w, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", color, strings.Join(coords, " "))
}
