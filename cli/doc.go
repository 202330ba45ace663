// Package cli is what the ionet binaries (ionet, ionet-keeper, ionet-worker, ionet-checker) share on the
// command line: Solana-CLI-style global flags (--url/-u, --ws, --keypair/-k, --commitment,
// --output/-o, --config/-C, --verbose/-v; accepted before or after the command) resolved against
// the Solana CLI config, an Env per command (settings, output, logger, keypair, RPC client),
// human or JSON output through Report, and Run, which lets flags follow a command's arguments
// (as the Solana CLI does; `--` ends them), prints an error once and returns exit code 1.
// --version/-V print the version on every binary. Keypair files are read and written in the
// Solana CLI's format by LoadKeypair and NewKeypairFile, whose errors never quote the file.
//
// A binary is NewApp(name, usage, commands...) run by Main; a command body is
// Action(func(c *ucli.Context, env *Env) error).
package cli
