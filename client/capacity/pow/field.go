package pow

import "math/bits"

// P is the field's modulus, the Mersenne prime 2^61 - 1.
const P uint64 = 1<<61 - 1

const golden uint64 = 0x9E3779B97F4A7C15

// MulMod is a*b mod P for a, b < P.
func MulMod(a, b uint64) uint64 {
	high, low := bits.Mul64(a, b)
	return reduce(low&P + (low>>61 | high<<3))
}

// MulAddMod is c + a*b mod P for a, b, c < P: the product is folded once (below 2^62) and
// reduced together with c, one reduction a term instead of two.
func MulAddMod(c, a, b uint64) uint64 {
	high, low := bits.Mul64(a, b)
	return reduce(c + low&P + (low>>61 | high<<3))
}

// reduce is x mod P for x < 2^62 + 2^61.
func reduce(x uint64) uint64 {
	x = x&P + x>>61
	if x >= P {
		x -= P
	}
	return x
}

// AddMod is a+b mod P for a, b < P.
func AddMod(a, b uint64) uint64 {
	s := a + b
	if s >= P {
		s -= P
	}
	return s
}

// Element is the generator's element index under key: splitmix64 of key + (index+1)*golden,
// masked to 61 bits, P itself read as 0.
func Element(key, index uint64) uint64 {
	z := key + (index+1)*golden
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	z ^= z >> 31
	v := z & P
	if v == P {
		return 0
	}
	return v
}
