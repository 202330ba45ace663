package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
)

func localnetCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "localnet",
		Usage:    "run and fund a local chain with the protocol deployed",
		Category: cli.CategoryChain,
		Subcommands: []*ucli.Command{
			localnetUpCommand(),
			localnetFundCommand(),
			localnetWarpCommand(),
		},
	}
}

func localnetUpCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "up",
		Usage: "run a local chain in the foreground until Ctrl-C",
		Description: "Serves JSON-RPC on --port and websocket on --port+1, with every protocol program " +
			"deployed and initialised through `ionet deploy`'s code (staking, jobs, emission; governance deployed for `ionet gov init`; the distribution wallet is their operator) " +
			"and the IO and USDC mints created. The manifest (program ids, mints, wallets) " +
			"is written into the ledger directory and registered under the chain's genesis hash " +
			"(as a deployment in ~/.config/ionet/deployments), so commands given --url of this chain find it without --manifest. " +
			"One chain per ledger: a second `up` on a ledger in use is refused. " +
			"The server and the programs are built into ionet: the first start installs the server's npm " +
			"packages once into ~/.cache/ionet/localnet (IONET_LOCALNET_DIR names a localnet directory to use instead). " +
			"Set IONET_LOCALNET_BACKEND=validator to use a " +
			"solana-test-validator on PATH instead of the embedded LiteSVM server.",
		Flags: []ucli.Flag{
			&ucli.IntFlag{Name: "port", Value: 8899, Usage: "JSON-RPC port (websocket: port+1)"},
			&ucli.StringFlag{Name: "ledger", Usage: "ledger directory, kept across restarts (default: ~/.local/share/ionet/localnet)"},
			&ucli.BoolFlag{Name: "reset", Usage: "wipe the ledger and start from a fresh genesis"},
			&ucli.StringFlag{Name: "features", Value: localnet.FeaturesAll, Usage: "feature set: all or default"},
			&ucli.IntFlag{Name: "slot-ms", Value: 400, Usage: "slot duration in milliseconds"},
			&ucli.BoolFlag{Name: "bare", Usage: "a chain with no protocol (only the runtime's built-in programs and a faucet for requestAirdrop), for `ionet deploy`"},
		},
		Action: cli.Action(runLocalnetUp),
	}
}

func runLocalnetUp(c *ucli.Context, env *cli.Env) error {
	ledger := c.String("ledger")
	if ledger == "" {
		var err error
		if ledger, err = localnetcli.DefaultLedgerDir(); err != nil {
			return err
		}
	}
	if c.Int("slot-ms") <= 0 {
		return fmt.Errorf("--slot-ms %d: give a positive number of milliseconds", c.Int("slot-ms"))
	}
	fmt.Fprintf(c.App.ErrWriter, "Starting localnet (ledger %s)...\n", ledger)
	chain, err := localnet.Start(c.Context, localnet.Options{
		Port:         c.Int("port"),
		LedgerDir:    ledger,
		Reset:        c.Bool("reset"),
		Features:     c.String("features"),
		SlotDuration: time.Duration(c.Int("slot-ms")) * time.Millisecond,
		Logger:       env.Log,
		Notice:       c.App.ErrWriter,
		Bare:         c.Bool("bare"),
		SkipPrograms: true, // deployed below, as `ionet deploy` does
	})
	if err != nil {
		return fmt.Errorf("start localnet: %w", err)
	}
	if !c.Bool("bare") {
		if _, err := setUpLocalnet(c, env, chain); err != nil {
			return errors.Join(fmt.Errorf("set up the protocol (use --bare to skip): %w", err), chain.Stop())
		}
	}
	report := newUpReport(chain)
	if c.Bool("bare") {
		report.Bare, report.IOMint, report.USDCMint, report.Distribution = true, "", "", ""
	} else if report.Registered, err = localnetcli.RegisterLocalnet(chain.Manifest, chain.ManifestPath); err != nil {
		// The chain works; only the lookup by --url does not: say so and carry on.
		env.Log.Warn("commands will need --manifest for this chain", "err", err)
	}
	if err := env.Print(report); err != nil {
		return errors.Join(err, chain.Stop())
	}
	select {
	case <-c.Context.Done():
		fmt.Fprintln(c.App.ErrWriter, "Stopping localnet...")
		if err := chain.Stop(); err != nil {
			return fmt.Errorf("stop localnet: %w", err)
		}
		fmt.Fprintln(c.App.ErrWriter, "Stopped; the ledger is kept in", chain.LedgerDir)
		return nil
	case <-chain.Done():
		return fmt.Errorf("the localnet server exited on its own (rerun with --verbose to see its log): %w", chain.Stop())
	}
}

// upReport says where the running chain serves.
type upReport struct {
	RPC          string `json:"rpc"`
	WS           string `json:"ws"`
	Manifest     string `json:"manifest"`
	Ledger       string `json:"ledger"`
	Backend      string `json:"backend"`
	IOMint       string `json:"ioMint,omitempty"`
	USDCMint     string `json:"usdcMint,omitempty"`
	Distribution string `json:"distribution,omitempty"`
	// Registered is the registry entry that lets --url of this chain find its manifest.
	Registered string `json:"registered,omitempty"`
	// Bare: no protocol, no mints, no wallets; `ionet deploy` sets it up.
	Bare bool `json:"bare,omitempty"`
}

func newUpReport(chain *localnet.Chain) upReport {
	m := chain.Manifest
	return upReport{
		RPC: chain.RPCURL, WS: chain.WSURL, Manifest: chain.ManifestPath, Ledger: chain.LedgerDir,
		Backend: string(chain.Backend), IOMint: m.Mints.IO.Address.String(),
		USDCMint: m.Mints.USDC.Address.String(), Distribution: m.Distribution.Pubkey.String(),
	}
}

func (r upReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "JSON-RPC\t%s\n", r.RPC)
	fmt.Fprintf(tw, "Websocket\t%s\n", r.WS)
	fmt.Fprintf(tw, "Manifest\t%s\n", r.Manifest)
	fmt.Fprintf(tw, "Ledger\t%s\n", r.Ledger)
	fmt.Fprintf(tw, "Backend\t%s\n", r.Backend)
	if r.Bare {
		fmt.Fprintf(tw, "\nBare chain: no protocol. Airdrop SOL with requestAirdrop, then: ionet deploy --url %s --keypair KEYPAIR\n", r.RPC)
		return tw.Flush()
	}
	fmt.Fprintf(tw, "IO mint\t%s\n", r.IOMint)
	fmt.Fprintf(tw, "USDC mint\t%s\n", r.USDCMint)
	fmt.Fprintf(tw, "Distribution\t%s\n", r.Distribution)
	if r.Registered != "" {
		fmt.Fprintf(tw, "Registered\t%s (commands given --url %s find the manifest)\n", r.Registered, r.RPC)
	}
	fmt.Fprintln(tw, "\nCtrl-C stops the chain; `ionet localnet fund --to PUBKEY --sol 10` funds a wallet.")
	return tw.Flush()
}

func localnetFundCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "fund",
		Usage: "send SOL, IO and USDC from the localnet distribution wallet",
		Description: "Only on the localnet that the manifest describes (same genesis hash): any other " +
			"cluster is refused. With --url, the manifest `ionet localnet up` registered for that chain is used; " +
			"without, the manifest's own JSON-RPC URL.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "to", Usage: "wallet to fund (required)"},
			&ucli.StringFlag{Name: "sol", Usage: "SOL to send, e.g. 1.5"},
			&ucli.StringFlag{Name: "io", Usage: "IO to send, e.g. 1000"},
			&ucli.StringFlag{Name: "usdc", Usage: "USDC to send, e.g. 250.5"},
			localnetcli.ManifestFlag(),
		},
		Action: cli.Action(runLocalnetFund),
	}
}

func runLocalnetFund(c *ucli.Context, env *cli.Env) error {
	if c.String("to") == "" {
		return errors.New("--to PUBKEY is required: the wallet to fund")
	}
	to, err := solana.PublicKeyFromBase58(c.String("to"))
	if err != nil {
		return fmt.Errorf("--to %q is not a base58 public key: %w", c.String("to"), err)
	}
	var f localnet.Funding
	for _, a := range []struct {
		flag     string
		decimals uint8
		into     *uint64
	}{
		{"sol", solanax.SOLDecimals, &f.Lamports},
		{"io", solanax.IODecimals, &f.IO},
		{"usdc", solanax.USDCDecimals, &f.USDC},
	} {
		if c.String(a.flag) == "" {
			continue
		}
		if *a.into, err = solanax.ParseAmount(c.String(a.flag), a.decimals); err != nil {
			return fmt.Errorf("--%s: %w", a.flag, err)
		}
	}
	if f == (localnet.Funding{}) {
		return errors.New("nothing to send: give a positive amount with --sol, --io or --usdc")
	}
	m, err := localnetcli.LocalnetTarget(c.Context, c, env)
	if err != nil {
		return fmt.Errorf("localnet fund: %w", err)
	}
	sig, err := localnet.Fund(c.Context, env.Client(), m, to, f)
	if err != nil {
		return err
	}
	return env.Print(fundReport{
		To: to.String(), Signature: sig.String(),
		SOL:  cli.NewAmount(f.Lamports, solanax.SOLDecimals),
		IO:   cli.NewAmount(f.IO, solanax.IODecimals),
		USDC: cli.NewAmount(f.USDC, solanax.USDCDecimals),
	})
}

type fundReport struct {
	To        string     `json:"to"`
	Signature string     `json:"signature"`
	SOL       cli.Amount `json:"sol"`
	IO        cli.Amount `json:"io"`
	USDC      cli.Amount `json:"usdc"`
}

func (r fundReport) WriteHuman(w io.Writer) error {
	var sent []string
	for _, a := range []struct {
		amount cli.Amount
		symbol string
	}{{r.SOL, "SOL"}, {r.IO, "IO"}, {r.USDC, "USDC"}} {
		if a.amount.Amount != "0" {
			sent = append(sent, a.amount.UIAmountString+" "+a.symbol)
		}
	}
	_, err := fmt.Fprintf(w, "Sent %s to %s\nSignature %s\n", strings.Join(sent, ", "), r.To, r.Signature)
	return err
}
