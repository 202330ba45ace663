package cli

import (
	"strconv"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Amount is how every token or SOL amount appears in --output json, in spl-token's shape: base
// units as a string (a u64 can pass 2^53, which JSON numbers do not carry exactly), the mint's
// decimals, and the decimal form. Counts, ids, epochs and slots stay JSON numbers: none of them
// comes near 2^53.
type Amount struct {
	Amount         string `json:"amount"`
	Decimals       uint8  `json:"decimals"`
	UIAmountString string `json:"uiAmountString"`
}

// NewAmount is units base units of a mint with decimals.
func NewAmount(units uint64, decimals uint8) Amount {
	return Amount{Amount: strconv.FormatUint(units, 10), Decimals: decimals, UIAmountString: solanax.FormatAmount(units, decimals)}
}

// IO is units base units of IO.
func IO(units uint64) Amount { return NewAmount(units, solanax.IODecimals) }

// Units is the amount in base units (0 when Amount does not parse, which NewAmount never makes).
func (a Amount) Units() uint64 {
	n, _ := strconv.ParseUint(a.Amount, 10, 64)
	return n
}

// String is the decimal form, such as "1.5".
func (a Amount) String() string { return a.UIAmountString }
