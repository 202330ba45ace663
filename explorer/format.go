package explorer

import (
	"fmt"
	"time"

	"github.com/ionet-oss/ionet/client/solanax"
)

// ioText is IO base units as the CLI prints them (solanax.FormatAmount, 8 decimals), with the unit.
func ioText(units uint64) string { return solanax.FormatAmount(units, solanax.IODecimals) + " IO" }

// solText is lamports as SOL.
func solText(lamports uint64) string {
	return solanax.FormatAmount(lamports, solanax.SOLDecimals) + " SOL"
}

// timeText is a chain time for people (UTC, RFC 3339); zero is "-".
func timeText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// unixText is unix seconds as timeText.
func unixText(ts int64) string {
	if ts == 0 {
		return "-"
	}
	return timeText(time.Unix(ts, 0))
}

// durationText is seconds as whole days and a Go duration for the rest: "14d", "1d2h0m0s",
// "1h30m0s".
func durationText(seconds int64) string {
	const day = 24 * 3600
	if seconds < day {
		return (time.Duration(seconds) * time.Second).String()
	}
	days, rest := seconds/day, seconds%day
	if rest == 0 {
		return fmt.Sprintf("%dd", days)
	}
	return fmt.Sprintf("%dd%s", days, time.Duration(rest)*time.Second)
}

// pctText is a ratio in percent with two decimals.
func pctText(num, den uint64) string {
	if den == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(num)/float64(den))
}
