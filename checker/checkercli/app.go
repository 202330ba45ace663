package checkercli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/checker"
	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/worker/gpu"
	"github.com/ionet-oss/ionet/worker/runtime"
)

const (
	flagVerdictKey   = "verdict-keypair"
	flagWorkDir      = "work-dir"
	flagRuntime      = "runtime"
	flagDockerSocket = "docker-socket"
	flagMemoryLimit  = "memory-limit"
	flagRegister     = "register"
	flagClasses      = "classes"
	flagListen       = "listen"
	flagPoll         = "poll-interval"
	flagMargin       = "margin"
	flagDuties       = "duties"
	flagTick         = "tick"
)

// App is the ionet-checker command line.
func App() *ucli.App {
	return cli.NewApp("ionet-checker",
		"re-run the jobs audits assign to this checker and submit verdicts; draw, assign, replace and finalize audits when due",
		&ucli.Command{Name: "run", Usage: "check until stopped (SIGTERM or Ctrl-C)", Flags: runFlags(), Action: cli.Action(run)},
		cli.VersionCommand())
}

func runFlags() []ucli.Flag {
	return append(cli.ProgramFlags(cli.ProgramStaking, cli.ProgramJobs),
		&ucli.StringFlag{Name: flagVerdictKey, Required: true, Usage: "keypair that signs verdicts (the checker's verdict key; --keypair, the owner, pays the fees)"},
		&ucli.StringFlag{Name: flagWorkDir, Value: "ionet-checker", Usage: "directory for the re-runs (audits/<job id>)"},
		&ucli.StringFlag{Name: flagRuntime, Value: runtime.KindProcess, Usage: "process or container: as the workers whose jobs you check"},
		&ucli.StringFlag{Name: flagDockerSocket, Value: "/var/run/docker.sock", Usage: "Docker-compatible engine socket for the container runtime"},
		&ucli.Uint64Flag{Name: flagMemoryLimit, Usage: "memory limit of a re-run in bytes (0: none)"},
		&ucli.StringFlag{Name: flagRegister, Usage: "register as a checker with this stake in IO when not registered (at least the program's min_checker_stake)"},
		&ucli.StringFlag{Name: flagClasses, Usage: "comma-separated GPU classes this checker can re-run, such as H100,CPU-TEST (with --" + flagRegister + ")"},
		&ucli.StringFlag{Name: flagListen, Value: "127.0.0.1:9466", Usage: "address for /metrics and /healthz of the audit duties (\"\" to serve neither)"},
		&ucli.DurationFlag{Name: flagPoll, Value: 5 * time.Second, Usage: "how often the audits are listed (the websocket tells of changes at once)"},
		&ucli.DurationFlag{Name: flagMargin, Value: 30 * time.Second, Usage: "a re-run stops this long before its slot's deadline, so the verdict still lands"},
		&ucli.StringFlag{Name: flagDuties, Value: strings.Join(duties.AuditKinds, ","), Usage: "audit steps this process also sends when due (comma-separated; \"none\" for none)"},
		&ucli.DurationFlag{Name: flagTick, Value: time.Second, Usage: "how often due audit steps are checked against the chain clock"},
		cli.LogLevelFlag())
}

func run(c *ucli.Context, env *cli.Env) error {
	log, err := cli.DaemonLogger(c)
	if err != nil {
		return err
	}
	owner, err := env.Keypair()
	if err != nil {
		return err
	}
	verdictKey, err := cli.LoadKeypair(c.String(flagVerdictKey))
	if err != nil {
		return fmt.Errorf("--%s: %w (%s)", flagVerdictKey, err, cli.KeygenHint(c.String(flagVerdictKey)))
	}
	rt, err := runtime.Select(c.Context, runtime.Choice{Kind: c.String(flagRuntime), DockerSocket: c.String(flagDockerSocket),
		Limits: runtime.Limits{MemoryBytes: c.Uint64(flagMemoryLimit)}})
	if err != nil {
		return fmt.Errorf("--%s: %w", flagRuntime, err)
	}
	kinds, err := dutyKinds(c.String(flagDuties))
	if err != nil {
		return err
	}
	workDir, err := filepath.Abs(c.String(flagWorkDir))
	if err != nil {
		return fmt.Errorf("--%s: %w", flagWorkDir, err)
	}
	sx := solanax.New(env.RPCURL, env.WSURL, solanax.WithCommitment(env.Commitment), solanax.WithLogger(log))
	defer sx.Close()
	jc, err := cli.NewPrograms(c, sx, env.RPCURL, cli.FlagOverrides(c)).Jobs()
	if err != nil {
		return err
	}
	if err := ensureRegistered(c, jc, owner, verdictKey.PublicKey(), log); err != nil {
		return err
	}
	ck, err := checker.New(checker.Options{Chain: checker.JobsChain{Jobs: jc, Owner: owner.PublicKey(), Payer: owner},
		Owner: owner.PublicKey(), VerdictKey: verdictKey, Runtime: rt, WorkDir: workDir, WSURL: env.WSURL,
		HostGPUs: len(gpu.Default(c.Context, log).GPUs) > 0,
		Poll:     c.Duration(flagPoll), Margin: c.Duration(flagMargin), Log: log})
	if err != nil {
		return err
	}
	if len(kinds) == 0 {
		return ck.Run(c.Context)
	}
	k, err := keeper.New(sx, keeper.Config{Payer: owner, Duties: auditDuties(jc, kinds), WSURL: env.WSURL, Tick: c.Duration(flagTick),
		Log: log.With("part", "audit duties")})
	if err != nil {
		return err
	}
	stop, err := cli.Serve(c.String(flagListen), flagListen, k.Handler(max(10*c.Duration(flagTick), 30*time.Second)), log)
	if err != nil {
		return err
	}
	defer stop()
	ctx, cancel := context.WithCancel(c.Context)
	defer cancel()
	keeperDone := make(chan error, 1)
	go func() { keeperDone <- k.Run(ctx) }()
	err = ck.Run(ctx)
	cancel()
	return errors.Join(err, <-keeperDone)
}

// dutyKinds reads --duties.
func dutyKinds(text string) ([]string, error) {
	if strings.TrimSpace(text) == "none" {
		return nil, nil
	}
	var out []string
	for _, k := range strings.Split(text, ",") {
		k = strings.TrimSpace(k)
		if !slices.Contains(duties.AuditKinds, k) {
			return nil, fmt.Errorf("--%s: unknown kind %q: choose from %s, or none", flagDuties, k, strings.Join(duties.AuditKinds, ", "))
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

func auditDuties(jc *jobs.Client, kinds []string) []keeper.Duty {
	byKind := map[string]keeper.Duty{duties.KindAuditDraw: duties.NewAuditDraw(jc), duties.KindAuditAssign: duties.NewAuditAssign(jc),
		duties.KindAuditReplace: duties.NewAuditReplace(jc), duties.KindAuditFinalize: duties.NewAuditFinalize(jc)}
	out := make([]keeper.Duty, len(kinds))
	for i, k := range kinds {
		out[i] = byKind[k]
	}
	return out
}

// ensureRegistered registers the owner as a checker with --register's stake when it is not one
// yet; without --register an unregistered owner is told how.
func ensureRegistered(c *ucli.Context, jc *jobs.Client, owner solana.PrivateKey, verdictKey solana.PublicKey, log *slog.Logger) error {
	existing, err := jc.FetchChecker(c.Context, owner.PublicKey())
	switch {
	case err == nil:
		if !existing.VerdictKey.Equals(verdictKey) {
			return fmt.Errorf("checker %s signs verdicts with %s, not --%s's %s: give that keypair (or leave, withdraw and register again)",
				owner.PublicKey(), existing.VerdictKey, flagVerdictKey, verdictKey)
		}
		return nil
	case !errors.Is(err, jobs.ErrNotFound):
		return err
	case c.String(flagRegister) == "":
		log.Warn("not a registered checker: no audit will name this owner until it registers (--register STAKE --classes ...)", "owner", owner.PublicKey())
		return nil
	}
	stake, err := solanax.ParseAmount(c.String(flagRegister), solanax.IODecimals)
	if err != nil {
		return fmt.Errorf("--%s: %w", flagRegister, err)
	}
	classes, err := checker.ClassMask(c.Context, jc.Staking, c.String(flagClasses))
	if err != nil {
		return fmt.Errorf("--%s: %w", flagClasses, err)
	}
	res, err := jc.RegisterChecker(c.Context, owner, verdictKey, classes, stake)
	if err != nil {
		return fmt.Errorf("register as a checker: %w", jobs.Errors.Decode(err, jc.ProgramID))
	}
	log.Info("registered as a checker", "owner", owner.PublicKey(), "stake", c.String(flagRegister), "classes", c.String(flagClasses), "signature", res.Signature)
	return nil
}
