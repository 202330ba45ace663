package main

import (
	"fmt"

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
	text := c.String("authority")
	if text == "" {
		return signer, nil
	}
	key, err := solana.PublicKeyFromBase58(text)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("--authority %q is not a base58 public key: %w", text, err)
	}
	return key, nil
}
