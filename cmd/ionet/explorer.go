package main

import (
	"fmt"
	"io"
	"net"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/explorer"
)

// explorerCommand is `ionet explorer`: the read-only web explorer (library in explorer/).
func explorerCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "explorer",
		Usage:    "a local, read-only web explorer of the network, devices, jobs, staking, governance and wallets",
		Category: cli.CategoryInfo,
		Description: "Serves pages (and their JSON twins under /api/) read from --url's JSON-RPC. It holds no key. " +
			"It listens on 127.0.0.1 unless --listen says otherwise; Ctrl-C stops it.",
		Flags: withPrograms(cli.ProgramStaking, cli.ProgramJobs, cli.ProgramEmission, cli.ProgramGovernance)(
			&ucli.StringFlag{Name: "listen", Value: explorer.DefaultListen, Usage: "address to serve on (keep it on 127.0.0.1 unless you mean to share it)"},
			&ucli.BoolFlag{Name: "open", Usage: "print the URL to open once it listens"},
		),
		Action: cli.Action(runExplorer),
	}
}

func runExplorer(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return fmt.Errorf("explorer takes no arguments, got %q (use --listen ADDR)", c.Args().First())
	}
	g, err := governedPrograms(c, env)
	if err != nil {
		return err
	}
	chain := &explorer.Chain{SX: env.Client(), Staking: g.jc.Staking, Jobs: g.jc, Emission: g.em, Governance: g.gov}
	srv, err := explorer.New(explorer.Config{Chain: chain, Cluster: env.RPCURL, Log: env.Log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.String("listen"))
	if err != nil {
		return fmt.Errorf("--listen %s: %w", c.String("listen"), err)
	}
	if err := env.Print(explorerReport{URL: "http://" + ln.Addr().String() + "/", Cluster: env.RPCURL, urlOnly: c.Bool("open")}); err != nil {
		_ = ln.Close()
		return err
	}
	return srv.Serve(c.Context, ln)
}

// explorerReport is what `ionet explorer` prints once it listens.
type explorerReport struct {
	URL     string `json:"url"`
	Cluster string `json:"cluster"`
	urlOnly bool   // --open: the URL alone, to open
}

func (r explorerReport) WriteHuman(w io.Writer) error {
	if r.urlOnly {
		_, err := fmt.Fprintln(w, r.URL)
		return err
	}
	_, err := fmt.Fprintf(w, "ionet explorer of %s on %s (Ctrl-C stops it)\n", r.Cluster, r.URL)
	return err
}
