package solanax

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in       string
		decimals uint8
		want     uint64
		errHas   string
	}{
		{"1.5", IODecimals, 150_000_000, ""},
		{"1", IODecimals, 100_000_000, ""},
		{"0", IODecimals, 0, ""},
		{"0.00000001", IODecimals, 1, ""},
		{".5", USDCDecimals, 500_000, ""},
		{" 2.25 ", USDCDecimals, 2_250_000, ""},
		{"1.500000000", IODecimals, 150_000_000, ""}, // trailing zeros beyond the decimals are exact
		{"007", 0, 7, ""},
		{"500000000", IODecimals, 50_000_000_000_000_000, ""},
		{"18446744073709551615", 0, math.MaxUint64, ""},
		{"184467440737.09551615", IODecimals, math.MaxUint64, ""},
		{"184467440737.09551616", IODecimals, 0, "too large (the most is 184467440737.09551615)"},
		{"18446744073709551616", 0, 0, "too large"},
		{"99999999999999999999999", USDCDecimals, 0, "too large"},
		{"1.000000001", IODecimals, 0, "at most 8 digits after the decimal point"},
		{"0.0000001", USDCDecimals, 0, "at most 6 digits"},
		{"1.5", 0, 0, "at most 0 digits"},
		{"-1", IODecimals, 0, "negative amounts are not allowed"},
		{"+1", IODecimals, 0, "plain digits"},
		{"1e3", IODecimals, 0, "plain digits"},
		{"1,000", IODecimals, 0, "plain digits"},
		{"1.2.3", IODecimals, 0, "plain digits"},
		{"", IODecimals, 0, "empty"},
		{".", IODecimals, 0, "digits must follow the decimal point"},
		{"5.", IODecimals, 0, "digits must follow the decimal point"},
		{"1", 20, 0, "20 decimals"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAmount(tt.in, tt.decimals)
			if tt.errHas != "" {
				require.ErrorIs(t, err, ErrInvalidAmount)
				assert.Contains(t, err.Error(), tt.errHas)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		units    uint64
		decimals uint8
		want     string
	}{
		{0, IODecimals, "0"},
		{1, IODecimals, "0.00000001"},
		{150_000_000, IODecimals, "1.5"},
		{100_000_000, IODecimals, "1"},
		{2_250_000, USDCDecimals, "2.25"},
		{1_000_000_000, SOLDecimals, "1"},
		{7, 0, "7"},
		{math.MaxUint64, IODecimals, "184467440737.09551615"},
		{math.MaxUint64, 19, "1.8446744073709551615"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := FormatAmount(tt.units, tt.decimals)
			assert.Equal(t, tt.want, got)
			back, err := ParseAmount(got, tt.decimals)
			require.NoError(t, err)
			assert.Equal(t, tt.units, back, "format then parse is the identity")
		})
	}
}
