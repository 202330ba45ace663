package main

import (
	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// runTx is the shape of every command that sends one transaction signed by the --keypair wallet:
// load the key, make the program client, run op, print the transaction report (amount in IO,
// when the command moves one).
func runTx[C any](c *ucli.Context, env *cli.Env, action string, amount *uint64,
	newClient func(*ucli.Context, *cli.Env) (C, error), op func(C, solana.PrivateKey) (*solanax.Result, error)) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	client, err := newClient(c, env)
	if err != nil {
		return err
	}
	res, err := op(client, key)
	if err != nil {
		return err
	}
	return env.Print(newTxReport(action, res, amount))
}
