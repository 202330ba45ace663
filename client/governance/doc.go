// Package governance drives the ionet governance program (programs/governance): proposals that
// change other programs' parameters, stake-weighted votes, finalize and execute after the
// timelock. The generated bindings live in ./gen (from programs-idl/governance.json); this
// package adds the PDAs, fetchers, error names, parameter-change builders and operations.
package governance
