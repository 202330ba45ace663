// Package schedule is IO's hourly emission schedule in integer arithmetic: the Go mirror of
// the algorithm the on-chain emission program runs, word for word.
//
// # The schedule
//
// Epoch t (1-based) is the hour [start + (t-1)*3600, start + t*3600). Its exact emission is
//
//	E_t = 500,000,000 IO * r_t,  r_1 = 0.08/8760,  r_t = r_(t-1) * q,  q = 1 - 0.0000138869523959793
//
// so in base units (8 decimals) E_t = C * q^(t-1) with C = 5*10^14 / 1095 = 456,621,004,566.21...
// Epochs 1..LastEpoch-1 mint floor(E_t). The final epoch mints what remains to TotalEmission
// (FinalEpochAmount: its floor plus the 43,598 base units the rounded-down epochs leave short).
// Nothing mints after it.
//
// # The integer algorithm (port it exactly as written)
//
// Only u64 words: 64x64->128 multiplies of which the exact high word is kept, and one shift.
// The value of epoch t is a pure function of t, so a catch-up computes each epoch on its own.
//
//	Amount(t):
//	    if t == 0 or t > LastEpoch: return 0
//	    if t == LastEpoch:          return FinalEpochAmount
//	    acc  := firstEpochScaled               // round(C * 2^25), C*2^25 < 2^64
//	    base := 0
//	    n    := t - 1                          // n <= 175,317 < 3 * 16^4
//	    while n != 0:
//	        d := n & 15
//	        if d != 0:
//	            acc = hi64(acc * hexPowers[base + d - 1])   // (acc * P) >> 64, truncating
//	        n    = n >> 4
//	        base = base + 15
//	    return acc >> 25
//
// hexPowers[15*w + d - 1] = round(q^(d * 16^w) * 2^64) for w = 0..3, d = 1..15, and w = 4,
// d = 1..2 (62 constants, all below 2^64). q^(t-1) is the product over the base-16 digits of
// t-1, so an epoch costs at most 5 multiplications (4.37 on average over the schedule): a
// 64x64->128 multiply, which BPF programs build from four 32x32->64 multiplies because the
// LLVM BPF backend cannot call __multi3. On chain, the final epoch may equally mint
// TotalEmission minus what the earlier epochs minted: that is FinalEpochAmount.
//
// # Why the floor is exact
//
// acc is E_t in units of 2^-25 base unit. The start constant is off by at most 1/2 unit; each
// multiply adds at most 1 unit of truncation and 1/2 unit from its rounded constant (acc < 2^64),
// so |acc*2^-25 - E_t| < (1/2 + 5*3/2) * 2^-25 < 2.4e-7 base units. Over epochs 1..175,318 the
// exact E_t lies at least 2.2e-6 base units from every integer (measured with 512-bit arithmetic
// in the tests), over nine times that bound, so acc >> 25 is floor(E_t) for every epoch. The tests
// check all 175,319 epochs against big-number arithmetic and against the shared reference table,
// and regenerate every constant with 512-bit floats.
package schedule
