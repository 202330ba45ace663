// Package anchor holds what every program client repeats because our programs follow the Anchor
// conventions: the IDL's error table and the decoding of failed transactions into named program
// errors (errors.go), events read from `Program data:` log lines (events.go), PDA derivation
// (pda.go), typed account fetches (accounts.go) and an instruction's compute units read from the
// logs (computeunits.go).
package anchor
