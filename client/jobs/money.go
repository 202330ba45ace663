package jobs

import (
	"fmt"
	"math/bits"
)

// The escrow arithmetic of programs/jobs/src/money.rs, mirrored for quotes and for checking
// settlements: every product and ratio rounds down through an exact 128-bit intermediate.

const (
	// BPS is basis points in one whole.
	BPS = 10_000
	// SecondsPerHour is the price unit's length.
	SecondsPerHour = 3_600
	// MaxDurationSeconds is the longest job the program accepts (366 days).
	MaxDurationSeconds = 366 * 24 * SecondsPerHour
	// DefaultReservationFeeBps is io.net's 0.25% reservation fee, in either currency.
	DefaultReservationFeeBps = 25
	// DefaultUSDCFeeBps is io.net's extra 2% payment fee for USDC.
	DefaultUSDCFeeBps = 200
)

// Quote is what a job escrows up front.
type Quote struct {
	MaxPay uint64 `json:"maxPay"` // price x maximum duration, rounded down
	MaxFee uint64 `json:"maxFee"` // fees on MaxPay
	Escrow uint64 `json:"escrow"` // MaxPay + MaxFee
}

// Settlement is how an escrow splits: Paid + Fee + Refund is the escrow.
type Settlement struct {
	Paid   uint64 `json:"paid"`
	Fee    uint64 `json:"fee"`
	Refund uint64 `json:"refund"`
}

// mulDiv is floor(a*b/c), ok false on overflow (c > 0).
func mulDiv(a, b, c uint64) (uint64, bool) {
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, c)
	return q, true
}

// PayFor is the payment for seconds of work at pricePerHour.
func PayFor(pricePerHour, seconds uint64) (uint64, bool) {
	return mulDiv(pricePerHour, seconds, SecondsPerHour)
}

// FeeOn is the fee on paid at feeBps.
func FeeOn(paid, feeBps uint64) (uint64, bool) {
	return mulDiv(paid, feeBps, BPS)
}

// MinBond is the smallest challenge bond on a job escrowing escrowed at minBondBps: the
// program's ceil(escrowed * min_bond_bps / 10000), and at least 1.
func MinBond(escrowed, minBondBps uint64) (uint64, bool) {
	hi, lo := bits.Mul64(escrowed, minBondBps)
	if hi >= BPS {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, BPS)
	if r > 0 {
		q++
	}
	return max(q, 1), true
}

// NewQuote is what a job at pricePerHour for at most maxSeconds escrows at feeBps.
func NewQuote(pricePerHour, maxSeconds, feeBps uint64) (Quote, error) {
	pay, ok := PayFor(pricePerHour, maxSeconds)
	if !ok {
		return Quote{}, fmt.Errorf("quote: price x duration overflows 64 bits: lower the price or the hours")
	}
	fee, ok := FeeOn(pay, feeBps)
	if !ok {
		return Quote{}, fmt.Errorf("quote: fee overflows 64 bits")
	}
	escrow, carry := bits.Add64(pay, fee, 0)
	if carry != 0 {
		return Quote{}, fmt.Errorf("quote: escrow overflows 64 bits: lower the price or the hours")
	}
	return Quote{MaxPay: pay, MaxFee: fee, Escrow: escrow}, nil
}

// Settle splits escrowed for elapsed seconds of work (capped at maxSeconds), as the program does.
func Settle(escrowed, pricePerHour, maxSeconds, feeBps, elapsed uint64) (Settlement, error) {
	paid, ok := PayFor(pricePerHour, min(elapsed, maxSeconds))
	if !ok {
		return Settlement{}, fmt.Errorf("settle: payment overflows")
	}
	fee, ok := FeeOn(paid, feeBps)
	if !ok || paid+fee < paid || paid+fee > escrowed {
		return Settlement{}, fmt.Errorf("settle: payment %d plus fee exceeds the escrow %d", paid, escrowed)
	}
	return Settlement{Paid: paid, Fee: fee, Refund: escrowed - paid - fee}, nil
}
