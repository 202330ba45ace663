package solanax

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Decimals of the amounts this project moves.
const (
	SOLDecimals  uint8 = 9
	IODecimals   uint8 = 8
	USDCDecimals uint8 = 6
)

// maxDecimals keeps 10^decimals inside a uint64.
const maxDecimals = 19

// ErrInvalidAmount is wrapped by every ParseAmount error.
var ErrInvalidAmount = errors.New("invalid amount")

// ParseAmount turns a decimal string such as "1.5" into base units for a mint with the given
// decimals, exactly (no floating point). It rejects signs, exponents, separators, more fractional
// digits than the mint has, and values that do not fit in a u64.
func ParseAmount(s string, decimals uint8) (uint64, error) {
	if decimals > maxDecimals {
		return 0, fmt.Errorf("%w: %d decimals is more than the %d a u64 amount can carry", ErrInvalidAmount, decimals, maxDecimals)
	}
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, fmt.Errorf("%w: empty; give a number such as 1.5", ErrInvalidAmount)
	}
	if text[0] == '-' {
		return 0, fmt.Errorf("%w %q: negative amounts are not allowed", ErrInvalidAmount, s)
	}
	whole, frac, hasPoint := strings.Cut(text, ".")
	if whole == "" && frac == "" || hasPoint && frac == "" {
		return 0, fmt.Errorf("%w %q: digits must follow the decimal point; write it as 1.5 or 2", ErrInvalidAmount, s)
	}
	if !allDigits(whole) || !allDigits(frac) {
		return 0, fmt.Errorf("%w %q: use plain digits with at most one '.', such as 1.5", ErrInvalidAmount, s)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > int(decimals) {
		return 0, fmt.Errorf("%w %q: at most %d digits after the decimal point", ErrInvalidAmount, s, decimals)
	}
	frac += strings.Repeat("0", int(decimals)-len(frac))

	var units uint64
	for _, c := range whole + frac {
		d := uint64(c - '0')
		if units > (math.MaxUint64-d)/10 {
			return 0, fmt.Errorf("%w %q: too large (the most is %s)", ErrInvalidAmount, s, FormatAmount(math.MaxUint64, decimals))
		}
		units = units*10 + d
	}
	return units, nil
}

// FormatAmount writes base units as a decimal with trailing fractional zeros trimmed:
// 150000000 with 8 decimals is "1.5", 100000000 is "1", 0 is "0".
func FormatAmount(units uint64, decimals uint8) string {
	digits := fmt.Sprintf("%0*d", int(decimals)+1, units)
	cut := len(digits) - int(decimals)
	whole, frac := digits[:cut], strings.TrimRight(digits[cut:], "0")
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
