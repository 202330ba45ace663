// Package pow is the Go mirror of the capacity program's challenge arithmetic
// (programs/capacity/src/pow.rs): the prime field GF(2^61 - 1), the seeded generator of the
// matrices A and B, the seed and spot-check derivations, and the Merkle tree over C (row-major
// entries; each row's subtree root is the row's leaf in a tree over rows). Both sides check the
// shared vectors in testdata/vectors.txt.
//
// It also holds the CPU solver (Solve): a multi-threaded, cache-blocked product C = A x B.
package pow
