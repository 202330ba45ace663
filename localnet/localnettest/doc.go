// Package localnettest holds what the chain-backed tests (the program clients', the daemons')
// repeat: a localnet per test package with funded wallets (chain.go), token accounts and balances
// (tokens.go), the rejected-instruction assertions (rejected.go: refused in preflight; landed.go: the
// hostile transaction lands and only its fee moves), lamports sent to an address before its
// creation (prefund.go), the golden comparison with the Anchor TS coder's bytes (golden.go) and the
// compute units a transaction consumed (computeunits.go). Only tests import it.
package localnettest
