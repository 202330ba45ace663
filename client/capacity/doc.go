// Package capacity is the hand-written layer over the capacity program's generated bindings
// (gen): PDAs, fetchers, the SlotHashes reader, instruction builders with their accounts filled
// in, and the challenge life cycle (request, commit, prove, expire) with the liveness rule.
// The challenge arithmetic and the CPU solver live in the subpackage pow.
package capacity
