package cli

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAmountJSON(t *testing.T) {
	tests := []struct {
		units    uint64
		decimals uint8
		want     string
	}{
		{150_000_000, 8, `{"amount":"150000000","decimals":8,"uiAmountString":"1.5"}`},
		{0, 6, `{"amount":"0","decimals":6,"uiAmountString":"0"}`},
		{math.MaxUint64, 8, `{"amount":"18446744073709551615","decimals":8,"uiAmountString":"184467440737.09551615"}`},
	}
	for _, tt := range tests {
		a := NewAmount(tt.units, tt.decimals)
		got, err := json.Marshal(a)
		require.NoError(t, err)
		assert.JSONEq(t, tt.want, string(got))
		assert.Equal(t, tt.units, a.Units(), "exact past 2^53")
	}
	assert.Equal(t, NewAmount(2_500_000_000, 8), IO(2_500_000_000))
	assert.Equal(t, "25", IO(2_500_000_000).String())
}
