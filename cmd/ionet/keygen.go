package main

import (
	"errors"
	"fmt"
	"io"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
)

// keygenCommand is `ionet keygen new` and `ionet keygen pubkey`: keypair files in the Solana
// CLI's format, without the Solana tools.
func keygenCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "keygen",
		Usage:    "create a keypair file (the Solana CLI's format) or show a keypair file's public key",
		Category: cli.CategoryWallet,
		Subcommands: []*ucli.Command{
			{
				Name:  "new",
				Usage: "write a new random keypair (mode 0600) and print its public key",
				Flags: []ucli.Flag{
					&ucli.StringFlag{Name: "outfile", Usage: "where to write it (default: the --keypair path, from the Solana CLI config, else ~/.config/solana/id.json)"},
					&ucli.BoolFlag{Name: "force", Usage: "overwrite an existing file (its key is lost unless you have a copy)"},
				},
				Action: cli.Action(runKeygenNew),
			},
			{
				Name:      "pubkey",
				Usage:     "print a keypair file's public key",
				ArgsUsage: "[FILE] (default: the --keypair path)",
				Action:    cli.Action(runKeygenPubkey),
			},
		},
	}
}

type keygenReport struct {
	Pubkey  string `json:"pubkey"`
	Outfile string `json:"outfile,omitempty"`
}

func (r keygenReport) WriteHuman(w io.Writer) error {
	var err error
	if r.Outfile != "" {
		_, err = fmt.Fprintf(w, "Wrote a new keypair to %s (readable by you alone; back it up: it is the only copy of the key)\npubkey: %s\n", r.Outfile, r.Pubkey)
	} else {
		_, err = fmt.Fprintln(w, r.Pubkey)
	}
	return err
}

func runKeygenNew(c *ucli.Context, env *cli.Env) error {
	if c.NArg() > 0 {
		return fmt.Errorf("keygen new takes no arguments (got %q): give the file with --outfile FILE", c.Args().First())
	}
	path := c.String("outfile")
	if path == "" {
		path = env.KeypairPath
	}
	key, err := cli.NewKeypairFile(path, c.Bool("force"))
	if errors.Is(err, cli.ErrKeypairExists) {
		return fmt.Errorf("%w: pass --force to overwrite it (its key is lost unless you have a copy), or choose another --outfile", err)
	}
	if err != nil {
		return err
	}
	return env.Print(keygenReport{Pubkey: key.PublicKey().String(), Outfile: path})
}

func runKeygenPubkey(c *ucli.Context, env *cli.Env) error {
	path := env.KeypairPath
	switch c.NArg() {
	case 0:
	case 1:
		path = c.Args().First()
	default:
		return fmt.Errorf("keygen pubkey takes one FILE (got %d arguments)", c.NArg())
	}
	key, err := cli.LoadKeypair(path)
	if err != nil {
		return err
	}
	return env.Print(keygenReport{Pubkey: key.PublicKey().String()})
}
