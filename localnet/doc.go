// Package localnet starts a local Solana chain for tests, the CLI and demos, and sets up its
// genesis: the protocol programs at fixed ids, the IO mint with its launch supply, a USDC stand-in
// mint and funded named wallets, described by a manifest written into the ledger directory.
//
// Two backends serve the same JSON-RPC and websocket API: the embedded server over LiteSVM (Node,
// in localnet/server, the default) and a real solana-test-validator when one is installed and
// chosen. The genesis is done from Go over JSON-RPC, so it is identical on both.
//
// The server's sources, the built programs and the keys are embedded (embedded.go): outside a
// checkout the chain runs from their copy in the user's cache directory, its npm packages
// installed there once. A kept ledger is locked while a chain runs on it.
//
// Everything here is for a local chain only: the keypairs under localnet/keys are public.
package localnet
