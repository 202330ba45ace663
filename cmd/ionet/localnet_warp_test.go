package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDays(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{in: "14d", want: 14 * 24 * time.Hour},
		{in: "3h", want: 3 * time.Hour},
		{in: "90m", want: 90 * time.Minute},
		{in: "45s", want: 45 * time.Second},
		{in: "0d", wantErr: "positive whole number of days"},
		{in: "1.5d", wantErr: "positive whole number of days"},
		{in: "500ms", wantErr: "at least one second"},
		{in: "-3h", wantErr: "at least one second"},
		{in: "soon", wantErr: "at least one second"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDays(tt.in)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLocalnetWarp(t *testing.T) {
	isolate(t)
	c := testChain(t)
	ctx := testContext(t)
	before := time.Now().Unix()

	code, out, errOut := ionet(ctx, "localnet", "warp", "--manifest", c.ManifestPath, "-o", "json", "2h")
	require.Equal(t, 0, code, errOut)
	report := decode[warpReport](t, out)
	assert.Equal(t, "2h0m0s", report.By)
	assert.GreaterOrEqual(t, report.UnixTimestamp, before+2*3600)

	code, _, errOut = ionet(ctx, "localnet", "warp", "--manifest", c.ManifestPath)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "give one DURATION")
}
