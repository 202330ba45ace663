package keepercli

import (
	"fmt"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper"
)

const (
	flagOnce        = "once"
	flagDryRun      = "dry-run"
	flagTick        = "tick"
	flagRescan      = "rescan"
	flagPriorityFee = "priority-fee"
	flagListen      = "listen"
	flagNoWebsocket = "no-websocket"
	flagParallel    = "parallel"
	flagFeePct      = "priority-fee-percentile"
	flagMaxFee      = "max-priority-fee"
)

// App is the ionet-keeper command line.
func App() *ucli.App {
	app := cli.NewApp("ionet-keeper",
		"keep the protocol moving: crank emission, settle and expire jobs, for the tips (safe beside other keepers)",
		StatusCommand().Subcommands[0], cli.VersionCommand())
	app.Flags = append(app.Flags, append(programFlags(),
		&ucli.BoolFlag{Name: flagOnce, Usage: "do everything due now, then exit (for cron and tests)"},
		&ucli.BoolFlag{Name: flagDryRun, Usage: "list what is due now and exit; send nothing"},
		&ucli.DurationFlag{Name: flagTick, Value: keeper.DefaultTick, Usage: "how often due work is checked against the chain clock"},
		&ucli.DurationFlag{Name: flagRescan, Value: keeper.DefaultRescan, Usage: "how often all work is listed afresh (repairs what a dropped websocket missed)"},
		&ucli.Uint64Flag{Name: flagPriorityFee, Usage: "compute-unit price in micro-lamports (the priority fee; with --" + flagFeePct + ", the floor)"},
		&ucli.IntFlag{Name: flagFeePct, Usage: "bid this percentile (1-100) of recent fees paid for the accounts a transaction writes (0: the fixed --" + flagPriorityFee + ")"},
		&ucli.Uint64Flag{Name: flagMaxFee, Usage: "cap on the compute-unit price in micro-lamports (0: none)"},
		&ucli.StringFlag{Name: flagListen, Value: "127.0.0.1:9464", Usage: "address for /metrics and /healthz (\"\" to serve neither)"},
		cli.LogLevelFlag(),
		&ucli.IntFlag{Name: flagParallel, Value: keeper.DefaultParallel, Usage: "transactions in flight at once while clearing a backlog"},
		&ucli.BoolFlag{Name: flagNoWebsocket, Usage: "find work by rescans alone, without program subscriptions"},
	)...)
	app.Action = cli.Action(run)
	return app
}

func run(c *ucli.Context, env *cli.Env) error {
	if c.NArg() > 0 {
		return fmt.Errorf("unknown command %q (see ionet-keeper --help)", c.Args().First())
	}
	log, err := cli.DaemonLogger(c)
	if err != nil {
		return err
	}
	// Sends, rebroadcasts and websocket fallbacks log through the same JSON handler.
	sx := solanax.New(env.RPCURL, env.WSURL, solanax.WithCommitment(env.Commitment), solanax.WithLogger(log))
	defer sx.Close()
	s, err := newDuties(c, env, sx)
	if err != nil {
		return err
	}
	if c.Bool(flagDryRun) {
		st, err := keeper.Survey(c.Context, sx, s.duties)
		if err != nil {
			return err
		}
		return env.Print(st)
	}
	payer, err := env.Keypair()
	if err != nil {
		return err
	}
	cfg := keeper.Config{
		Payer: payer, Duties: s.duties, TipMint: s.ioMint, Tick: c.Duration(flagTick), Rescan: c.Duration(flagRescan),
		PriorityFee: c.Uint64(flagPriorityFee), FeePercentile: c.Int(flagFeePct), MaxPriorityFee: c.Uint64(flagMaxFee),
		Parallel: c.Int(flagParallel), Log: log,
	}
	if !c.Bool(flagNoWebsocket) && !c.Bool(flagOnce) {
		cfg.WSURL = env.WSURL
	}
	k, err := keeper.New(sx, cfg)
	if err != nil {
		return err
	}
	if c.Bool(flagOnce) {
		stats, err := k.Once(c.Context)
		log.Info("keeper pass done", "steps", stats.Steps, "racesLost", stats.RacesLost, "transactions", stats.Transactions,
			"failed", stats.Failed, "tips", stats.TipsEarned, "fees", stats.FeesPaid)
		return err
	}
	stop, err := cli.Serve(c.String(flagListen), flagListen, k.Handler(max(10*c.Duration(flagTick), 30*time.Second)), log)
	if err != nil {
		return err
	}
	defer stop()
	return k.Run(c.Context)
}
