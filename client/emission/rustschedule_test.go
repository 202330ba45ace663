package emission

import (
	"math/bits"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/schedule"
)

// The on-chain schedule (programs/emission/src/schedule.rs) is a port of package schedule: its
// constants are parsed from the Rust source and held to the Go ones, and the Rust algorithm run
// on those parsed constants must give the mirror's amount for every epoch.

var hexWord = regexp.MustCompile(`0x[0-9a-f]+`)

// hexTable reads the `0x...` words of the array literal that opens with marker in src.
func hexTable(t *testing.T, src, marker string) []uint64 {
	t.Helper()
	start := strings.Index(src, marker)
	require.GreaterOrEqual(t, start, 0, "%q not found", marker)
	body := src[start+len(marker):]
	body = body[:strings.IndexAny(body, "]}")]
	var out []uint64
	for _, line := range strings.Split(body, "\n") {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		for _, w := range hexWord.FindAllString(line, -1) {
			v, err := strconv.ParseUint(w[2:], 16, 64)
			require.NoError(t, err)
			out = append(out, v)
		}
	}
	return out
}

// rustConst reads `pub const NAME: u64 = VALUE;` (decimal with underscores, or hex) from src.
func rustConst(t *testing.T, src, name string) uint64 {
	t.Helper()
	m := regexp.MustCompile(`const ` + name + `: u64 = ([0-9a-fx_]+);`).FindStringSubmatch(src)
	require.NotNil(t, m, "const %s not found in schedule.rs", name)
	v, err := strconv.ParseUint(strings.ReplaceAll(m[1], "_", ""), 0, 64)
	require.NoError(t, err)
	return v
}

func TestRustScheduleMatchesTheMirror(t *testing.T) {
	rs, err := os.ReadFile("../../programs/emission/src/schedule.rs")
	require.NoError(t, err)
	goSrc, err := os.ReadFile("schedule/hexpowers.go")
	require.NoError(t, err)
	rust := hexTable(t, string(rs), "pub const HEX_POWERS: [u64; 62] = [")
	mirror := hexTable(t, string(goSrc), "var hexPowers = [62]uint64{")
	require.Len(t, mirror, 62)
	require.Equal(t, mirror, rust, "HEX_POWERS in schedule.rs differs from hexPowers in schedule/hexpowers.go")

	src := string(rs)
	require.Equal(t, schedule.LastEpoch, rustConst(t, src, "LAST_EPOCH"))
	require.Equal(t, schedule.FinalEpochAmount, rustConst(t, src, "FINAL_EPOCH_AMOUNT"))
	first := rustConst(t, src, "FIRST_EPOCH_SCALED")

	// The Rust loop, on the Rust constants.
	amount := func(epoch uint64) uint64 {
		if epoch == 0 || epoch > schedule.LastEpoch {
			return 0
		}
		if epoch == schedule.LastEpoch {
			return schedule.FinalEpochAmount
		}
		acc, base := first, 0
		for n := epoch - 1; n != 0; n >>= 4 {
			if d := int(n & 15); d != 0 {
				acc, _ = bits.Mul64(acc, rust[base+d-1])
			}
			base += 15
		}
		return acc >> 25
	}
	for epoch := uint64(0); epoch <= schedule.LastEpoch+1; epoch++ {
		if got, want := amount(epoch), schedule.Amount(epoch); got != want {
			t.Fatalf("epoch %d: the Rust constants give %d, the mirror %d", epoch, got, want)
		}
	}
}
