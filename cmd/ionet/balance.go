package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/client/solanax"
)

func balanceCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "balance",
		Usage:     "show a wallet's SOL, IO and USDC",
		ArgsUsage: "[PUBKEY]",
		Description: "PUBKEY defaults to the --keypair wallet. The IO and USDC mints come from " +
			"--io-mint and --usdc-mint, else from the manifest of the --url localnet (found by its " +
			"genesis hash, as `ionet localnet up` registered it, or named with --manifest).",
		Category: cli.CategoryWallet,
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "io-mint", Usage: "IO mint address"},
			&ucli.StringFlag{Name: "usdc-mint", Usage: "USDC mint address"},
			localnetcli.ManifestFlag(),
		},
		Action: cli.Action(runBalance),
	}
}

func runBalance(c *ucli.Context, env *cli.Env) error {
	wallet, err := walletArg(c, env)
	if err != nil {
		return err
	}
	ioMint, usdcMint, err := balanceMints(c, env)
	if err != nil {
		return err
	}
	var mints []solana.PublicKey
	for _, m := range []*solana.PublicKey{ioMint, usdcMint} {
		if m != nil {
			mints = append(mints, *m)
		}
	}
	got, err := env.Client().WalletBalances(c.Context, wallet, mints...)
	if err != nil {
		return err
	}
	report := balanceReport{Wallet: wallet.String(), SOL: cli.NewAmount(got.Lamports, solanax.SOLDecimals)}
	tokens := got.Tokens
	if ioMint != nil {
		report.IO, tokens = newTokenJSON(tokens[0]), tokens[1:]
	}
	if usdcMint != nil {
		report.USDC = newTokenJSON(tokens[0])
	}
	return env.Print(report)
}

// walletArg is the PUBKEY argument, else the keypair's public key.
func walletArg(c *ucli.Context, env *cli.Env) (solana.PublicKey, error) {
	switch c.NArg() {
	case 0:
		key, err := env.Keypair()
		if err != nil {
			return solana.PublicKey{}, fmt.Errorf("no PUBKEY given, so the --keypair wallet is used: %w", err)
		}
		return key.PublicKey(), nil
	case 1:
		pk, err := solana.PublicKeyFromBase58(c.Args().First())
		if err != nil {
			return solana.PublicKey{}, fmt.Errorf("PUBKEY %q is not a base58 public key: %w", c.Args().First(), err)
		}
		return pk, nil
	}
	return solana.PublicKey{}, fmt.Errorf("balance takes at most one PUBKEY, got %d arguments", c.NArg())
}

// balanceMints picks the IO and USDC mints (nil when unknown): flags first, then the manifest
// of the --url localnet.
func balanceMints(c *ucli.Context, env *cli.Env) (ioMint, usdcMint *solana.PublicKey, err error) {
	ioText, usdcText := c.String("io-mint"), c.String("usdc-mint")
	if ioText == "" || usdcText == "" {
		m, err := localnetcli.LocalnetManifest(c.Context, c, env)
		switch {
		case err == nil:
			ioText = firstNonEmpty(ioText, m.Mints.IO.Address.String())
			usdcText = firstNonEmpty(usdcText, m.Mints.USDC.Address.String())
		case localnetcli.ManifestGiven(c):
			return nil, nil, err
		default:
			d, derr := cli.FindDeployment(c.Context, env)
			if derr != nil {
				env.Log.Debug("no manifest or deployment for this cluster; IO and USDC need --io-mint and --usdc-mint", "manifest", err, "deployment", derr)
				break
			}
			ioText = firstNonEmpty(ioText, d.Mints.IO.String())
			usdcText = firstNonEmpty(usdcText, d.Mints.USDC.String())
		}
	}
	if ioMint, err = optionalPubkey("--io-mint", ioText); err != nil {
		return nil, nil, err
	}
	if usdcMint, err = optionalPubkey("--usdc-mint", usdcText); err != nil {
		return nil, nil, err
	}
	return ioMint, usdcMint, nil
}

func optionalPubkey(flag, value string) (*solana.PublicKey, error) {
	if value == "" {
		return nil, nil
	}
	pk, err := solana.PublicKeyFromBase58(value)
	if err != nil {
		return nil, fmt.Errorf("%s %q is not a base58 public key: %w", flag, value, err)
	}
	return &pk, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

type tokenJSON struct {
	Mint    string `json:"mint"`
	Account string `json:"account"`
	Exists  bool   `json:"exists"`
	cli.Amount
}

func newTokenJSON(t solanax.TokenBalance) *tokenJSON {
	return &tokenJSON{
		Mint: t.Mint.String(), Account: t.Account.String(), Exists: t.Exists,
		Amount: cli.NewAmount(t.Amount, t.Decimals),
	}
}

// balanceReport is the balance command's output; IO and USDC are absent when their mint is
// unknown.
type balanceReport struct {
	Wallet string     `json:"wallet"`
	SOL    cli.Amount `json:"sol"`
	IO     *tokenJSON `json:"io,omitempty"`
	USDC   *tokenJSON `json:"usdc,omitempty"`
}

func (r balanceReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Wallet\t%s\n", r.Wallet)
	fmt.Fprintf(tw, "SOL\t%s\n", r.SOL.UIAmountString)
	for _, t := range []struct {
		name, flag string
		tok        *tokenJSON
	}{{"IO", "--io-mint", r.IO}, {"USDC", "--usdc-mint", r.USDC}} {
		switch {
		case t.tok == nil:
			fmt.Fprintf(tw, "%s\tunknown mint (pass %s, or use a localnet with its manifest)\n", t.name, t.flag)
		case !t.tok.Exists:
			fmt.Fprintf(tw, "%s\t0\t(no token account yet)\n", t.name)
		default:
			fmt.Fprintf(tw, "%s\t%s\t(account %s)\n", t.name, t.tok.UIAmountString, t.tok.Account)
		}
	}
	return tw.Flush()
}
