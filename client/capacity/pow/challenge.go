package pow

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Seed is the challenge seed: sha256("ionet-capacity-seed" || slot hash || device key ||
// request slot LE).
func Seed(slotHash, deviceKey [32]byte, requestSlot uint64) [32]byte {
	h := sha256.New()
	h.Write([]byte("ionet-capacity-seed"))
	h.Write(slotHash[:])
	h.Write(deviceKey[:])
	h.Write(binary.LittleEndian.AppendUint64(nil, requestSlot))
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Keys are the generator keys of A and B: the seed's first two little-endian words.
func Keys(seed [32]byte) (a, b uint64) {
	return binary.LittleEndian.Uint64(seed[:8]), binary.LittleEndian.Uint64(seed[8:16])
}

// Entry is C[i][j] = sum_t A[i][t]*B[t][j] mod P, computed alone as the program does.
func Entry(seed [32]byte, n, i, j uint64) uint64 {
	ka, kb := Keys(seed)
	var sum uint64
	for t := uint64(0); t < n; t++ {
		sum = AddMod(sum, MulMod(Element(ka, i*n+t), Element(kb, t*n+j)))
	}
	return sum
}

// CheckedEntry is the spot check's entry m as (i, j), picked by the check slot's hash.
func CheckedEntry(checkHash, seed [32]byte, n uint64, m uint8) (i, j uint64) {
	h := sha256.New()
	h.Write([]byte("ionet-capacity-check"))
	h.Write(checkHash[:])
	h.Write(seed[:])
	h.Write([]byte{m})
	var d [32]byte
	h.Sum(d[:0])
	x := binary.LittleEndian.Uint64(d[:8]) & (n*n - 1)
	return x / n, x % n
}

// ValidN reports whether n is a size the program accepts: a power of two from 8 to 4096.
func ValidN(n uint64) error {
	if n < 8 || n > 4096 || n&(n-1) != 0 {
		return fmt.Errorf("matrix size %d: want a power of two from 8 to 4096", n)
	}
	return nil
}

// Depth is the Merkle path length for size n: 2*log2(n).
func Depth(n uint64) int { return 2 * bits.TrailingZeros64(n) }
