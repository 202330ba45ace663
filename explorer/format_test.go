package explorer

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		seconds int64
		want    string
	}{
		{0, "0s"}, {5_400, "1h30m0s"}, {86_400, "1d"}, {14 * 86_400, "14d"}, {86_400 + 7_200, "1d2h0m0s"},
	} {
		require.Equal(t, tc.want, durationText(tc.seconds))
	}
	require.Equal(t, "1.5 IO", ioText(150_000_000))
	require.Equal(t, "0.000000001 SOL", solText(1))
	require.Equal(t, "2.50%", pctText(250, 10_000))
	require.Equal(t, "-", pctText(1, 0))
	require.Equal(t, "-", unixText(0))
}
