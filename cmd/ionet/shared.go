package main

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// What the commands of several files share: the AMOUNT argument, --owner and other key flags,
// IO amounts for people, the chain's clock, the IO balance check before sending and list tables.

// oneAmount is the single AMOUNT argument, in IO ("1.5").
func oneAmount(c *ucli.Context) (uint64, error) {
	if c.NArg() != 1 {
		return 0, fmt.Errorf("give exactly one AMOUNT in IO, such as 1.5 (got %d arguments)", c.NArg())
	}
	amount, err := solanax.ParseAmount(c.Args().First(), solanax.IODecimals)
	if err != nil {
		return 0, fmt.Errorf("AMOUNT: %w", err)
	}
	if amount == 0 {
		return 0, errors.New("AMOUNT must be more than zero")
	}
	return amount, nil
}

// stakeTx is a staking transaction command.
type stakeTx = txCmd[*staking.Client]

// needIO refuses before sending when owner's IO account holds less than amount.
func needIO(c *ucli.Context, env *cli.Env, s *staking.Client, owner solana.PublicKey, amount uint64) error {
	mint, err := s.IOMint(c.Context)
	if err != nil {
		return err
	}
	return needFunds(c.Context, env, owner, mint, amount, "IO")
}

// ioText formats base units as IO.
func ioText(units uint64) string { return solanax.FormatAmount(units, solanax.IODecimals) }

// ownerFlag is --owner, else the --keypair wallet.
func ownerFlag(c *ucli.Context, env *cli.Env) (solana.PublicKey, error) {
	if text := c.String("owner"); text != "" {
		owner, err := solana.PublicKeyFromBase58(text)
		if err != nil {
			return owner, fmt.Errorf("--owner %q is not a base58 public key: %w", text, err)
		}
		return owner, nil
	}
	key, err := env.Keypair()
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("no --owner given, so the --keypair wallet is used: %w", err)
	}
	return key.PublicKey(), nil
}

// keyFlag is the public key --NAME gives, else def.
func keyFlag(c *ucli.Context, name string, def solana.PublicKey) (solana.PublicKey, error) {
	text := c.String(name)
	if text == "" {
		return def, nil
	}
	key, err := solana.PublicKeyFromBase58(text)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("--%s %q is not a base58 public key: %w", name, text, err)
	}
	return key, nil
}

// chainTime is the cluster's clock at --commitment (cooldowns, windows and deadlines pass by
// it, not by this machine's clock).
func chainTime(c *ucli.Context, env *cli.Env) (time.Time, error) {
	ts, err := env.Client().ChainTime(c.Context)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(ts, 0).UTC(), nil
}

// listTable writes items as a table under header (tab-separated, as each row is), or the line
// empty when there are none.
func listTable[T any](w io.Writer, empty, header string, items []T, row func(T) string) error {
	if len(items) == 0 {
		_, err := fmt.Fprintln(w, empty)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, it := range items {
		fmt.Fprintln(tw, row(it))
	}
	return tw.Flush()
}

// signerAnd is the --keypair wallet and the command's program client (stakingClient, ...).
func signerAnd[C any](c *ucli.Context, env *cli.Env, client func(*ucli.Context, *cli.Env) (C, error)) (solana.PrivateKey, C, error) {
	var none C
	key, err := env.Keypair()
	if err != nil {
		return nil, none, err
	}
	cl, err := client(c, env)
	if err != nil {
		return nil, none, err
	}
	return key, cl, nil
}
