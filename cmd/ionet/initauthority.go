package main

import (
	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"
)

// initAuthorityFlag is the init commands' --authority. Only a program's upgrade authority may
// initialise it (the --keypair), and it names the authority that runs the program afterwards.
func initAuthorityFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "authority", Usage: "the program's authority after set-up (default: the --keypair wallet, which must be the program's upgrade authority)"}
}

// initAuthority is --authority, else signer.
func initAuthority(c *ucli.Context, signer solana.PublicKey) (solana.PublicKey, error) {
	return keyFlag(c, "authority", signer)
}
