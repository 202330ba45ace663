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

	"github.com/ionet-oss/ionet/checker"
	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// Checker commands (issue #16): `ionet checker register|show|leave|withdraw|claim` and
// `ionet job audit ID`.

func checkerCommands() []*ucli.Command {
	programs := withPrograms(cli.ProgramJobs, cli.ProgramStaking)
	return []*ucli.Command{{
		Name: "checker", Usage: "stake as a checker that re-runs audited jobs (run ionet-checker to answer audits)", Category: categoryJobs,
		Subcommands: []*ucli.Command{
			{Name: "register", Usage: "register as a checker: stake IO and name the GPU classes you can re-run", ArgsUsage: "STAKE",
				Flags: programs(&ucli.StringFlag{Name: "classes", Required: true, Usage: "comma-separated GPU classes you can re-run, such as H100,CPU-TEST"},
					&ucli.StringFlag{Name: "verdict-key", Usage: "public key that signs your verdicts (ionet-checker's --verdict-keypair; default: --keypair's)"}),
				Action: cli.Action(runCheckerRegister)},
			{Name: "show", Usage: "show a checker: stake, rewards, registration, cooldown, its audits", Flags: programs(
				&ucli.StringFlag{Name: "owner", Usage: "the checker's owner (default: --keypair's)"}), Action: cli.Action(runCheckerShow)},
			{Name: "leave", Usage: "leave the checker registry: the stake cools down as an unstake does", Flags: programs(), Action: cli.Action(runCheckerLeave)},
			{Name: "withdraw", Usage: "after the cooldown, with no open audit: take back stake and rewards (the checker closes)", Flags: programs(), Action: cli.Action(runCheckerWithdraw)},
			{Name: "claim", Usage: "claim the IO rewards earned in audits", Flags: programs(), Action: cli.Action(runCheckerClaim)},
		},
	}}
}

// checkerReport is `checker show`.
type checkerReport struct {
	Owner      string        `json:"owner"`
	VerdictKey string        `json:"verdictKey"`
	Stake      cli.Amount    `json:"stake"`   // IO
	Rewards    cli.Amount    `json:"rewards"` // IO
	Registered bool          `json:"registered"`
	UnlockAt   *time.Time    `json:"unlockAt,omitempty"`
	OpenAudits uint64        `json:"openAudits"`
	Classes    []string      `json:"classes"`
	Audits     []auditReport `json:"audits"`
}

func (r checkerReport) WriteHuman(w io.Writer) error {
	state := "registered"
	if !r.Registered {
		state = "not in the registry"
		if r.UnlockAt != nil {
			state += ", withdrawable from " + r.UnlockAt.Format("2006-01-02 15:04:05 UTC")
		}
	}
	fmt.Fprintf(w, "Checker %s (%s)\nVerdict key  %s\nStake        %s IO\nRewards      %s IO\nClasses      %s\nOpen audits  %d\n",
		r.Owner, state, r.VerdictKey, r.Stake, r.Rewards, strings.Join(r.Classes, ", "), r.OpenAudits)
	for _, a := range r.Audits {
		fmt.Fprintln(w)
		if err := a.WriteHuman(w); err != nil {
			return err
		}
	}
	return nil
}

func classNames(cfg *stakinggen.Config, mask uint8) []string {
	out := []string{}
	for i := 0; i < 8; i++ {
		if mask&(1<<i) == 0 {
			continue
		}
		name := fmt.Sprintf("class %d", i)
		if uint8(i) < cfg.GpuClassCount {
			name = staking.ClassName(cfg.GpuClasses[i])
		}
		out = append(out, name)
	}
	return out
}

func runCheckerShow(c *ucli.Context, env *cli.Env) error {
	jc, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	owner, err := ownerOrKeypair(c, env)
	if err != nil {
		return err
	}
	ch, err := jc.FetchChecker(c.Context, owner)
	if errors.Is(err, jobs.ErrNotFound) {
		return fmt.Errorf("%s is not a checker: register with `ionet checker register STAKE --classes ...`", owner)
	}
	if err != nil {
		return err
	}
	reg, err := jc.FetchRegistry(c.Context)
	if err != nil {
		return err
	}
	scfg, err := jc.Staking.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	r := checkerReport{Owner: owner.String(), VerdictKey: ch.VerdictKey.String(), Stake: cli.IO(ch.Stake), Rewards: cli.IO(ch.Rewards),
		Registered: jobs.Registered(reg, owner), OpenAudits: ch.OpenAudits, Classes: classNames(scfg, ch.Classes), Audits: []auditReport{}}
	if ch.UnlockTs != 0 {
		at := unix(ch.UnlockTs)
		r.UnlockAt = &at
	}
	list, err := jc.AuditsOf(c.Context, owner)
	if err != nil {
		return err
	}
	for _, a := range list {
		job, err := jc.FetchJobsAt(c.Context, []solana.PublicKey{a.Audit.Job})
		if err != nil {
			return err
		}
		r.Audits = append(r.Audits, newAuditReport(job[0], a.Audit))
	}
	return env.Print(r)
}

func ownerOrKeypair(c *ucli.Context, env *cli.Env) (solana.PublicKey, error) {
	if text := c.String("owner"); text != "" {
		return pubkeyArg(text, "--owner")
	}
	key, err := env.Keypair()
	if err != nil {
		return solana.PublicKey{}, err
	}
	return key.PublicKey(), nil
}

func runCheckerRegister(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 1 {
		return fmt.Errorf("give the STAKE in IO, such as 1000 (got %d arguments)", c.NArg())
	}
	stake, err := solanax.ParseAmount(c.Args().First(), solanax.IODecimals)
	if err != nil {
		return fmt.Errorf("STAKE: %w", err)
	}
	jc, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	verdictKey := key.PublicKey()
	if text := c.String("verdict-key"); text != "" {
		if verdictKey, err = pubkeyArg(text, "--verdict-key"); err != nil {
			return err
		}
	}
	classes, err := checker.ClassMask(c.Context, jc.Staking, c.String("classes"))
	if err != nil {
		return fmt.Errorf("--classes: %w", err)
	}
	cfg, err := jc.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	if stake < cfg.MinCheckerStake {
		return fmt.Errorf("a checker stakes at least %s IO (min_checker_stake): give STAKE >= %s", ioText(cfg.MinCheckerStake), ioText(cfg.MinCheckerStake))
	}
	if _, err := jc.FetchChecker(c.Context, key.PublicKey()); err == nil {
		return fmt.Errorf("%s is already a checker (see `ionet checker show`); to change it, leave, withdraw and register again", key.PublicKey())
	} else if !errors.Is(err, jobs.ErrNotFound) {
		return err
	}
	fixed, err := jc.Fixed(c.Context)
	if err != nil {
		return err
	}
	if err := needFunds(c.Context, env, key.PublicKey(), fixed.IOMint, stake, "IO"); err != nil {
		return err
	}
	res, err := jc.RegisterChecker(c.Context, key, verdictKey, classes, stake)
	if err != nil {
		return explain(env, err, hints{jobsgen.Error_CheckerRegistryFull: "the checker registry is full and your stake is not above the smallest entry's: stake more"})
	}
	return env.Print(newTxReport("register checker", res, &stake))
}

// checkerTx reads the owner's checker, refuses what the program would, then sends.
func checkerTx(c *ucli.Context, env *cli.Env, action string, refuse func(*jobsgen.Checker, bool, time.Time) error,
	send func(*jobs.Client, solana.PrivateKey) (*solanax.Result, error), report func(jc *jobs.Client, owner solana.PublicKey, before *jobsgen.Checker, r *txReport)) error {
	jc, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	ch, err := jc.FetchChecker(c.Context, key.PublicKey())
	if errors.Is(err, jobs.ErrNotFound) {
		return fmt.Errorf("%s is not a checker: nothing to %s", key.PublicKey(), action)
	}
	if err != nil {
		return err
	}
	reg, err := jc.FetchRegistry(c.Context)
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	if err := refuse(ch, jobs.Registered(reg, key.PublicKey()), now); err != nil {
		return err
	}
	res, err := send(jc, key)
	if err != nil {
		return explain(env, err, hints{})
	}
	r := newTxReport(action, res, nil)
	report(jc, key.PublicKey(), ch, &r)
	return env.Print(r)
}

func runCheckerLeave(c *ucli.Context, env *cli.Env) error {
	return checkerTx(c, env, "leave checkers",
		func(_ *jobsgen.Checker, in bool, _ time.Time) error {
			if !in {
				return errors.New("already out of the checker registry: `ionet checker withdraw` once the cooldown ends (see `ionet checker show`)")
			}
			return nil
		},
		func(jc *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return jc.LeaveCheckers(c.Context, key)
		},
		func(jc *jobs.Client, owner solana.PublicKey, _ *jobsgen.Checker, r *txReport) {
			if ch, err := jc.FetchChecker(c.Context, owner); err == nil && ch.UnlockTs != 0 {
				r.Action += fmt.Sprintf(" (stake and rewards withdrawable from %s: run `ionet checker withdraw` then)",
					unix(ch.UnlockTs).Format("2006-01-02 15:04:05 UTC"))
			}
		})
}

func runCheckerWithdraw(c *ucli.Context, env *cli.Env) error {
	return checkerTx(c, env, "withdraw checker stake",
		func(ch *jobsgen.Checker, in bool, now time.Time) error {
			switch {
			case in:
				return errors.New("still a registered checker: run `ionet checker leave` first, then withdraw after the cooldown")
			case ch.UnlockTs != 0 && unix(ch.UnlockTs).After(now):
				return fmt.Errorf("nothing to withdraw yet: %s IO unlocks at %s; run `ionet checker withdraw` then",
					ioText(ch.Stake+ch.Rewards), when(unix(ch.UnlockTs), now))
			case ch.OpenAudits > 0:
				return fmt.Errorf("%d audits still wait for this checker's verdict or their outcome: withdraw once they close (see `ionet checker show`)", ch.OpenAudits)
			}
			return nil
		},
		func(jc *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return jc.WithdrawChecker(c.Context, key)
		},
		func(_ *jobs.Client, _ solana.PublicKey, ch *jobsgen.Checker, r *txReport) {
			r.Token, r.Withdrawn = "IO", ioAmount(ch.Stake+ch.Rewards)
		})
}

func runCheckerClaim(c *ucli.Context, env *cli.Env) error {
	return checkerTx(c, env, "claim checker rewards",
		func(ch *jobsgen.Checker, _ bool, _ time.Time) error {
			if ch.Rewards == 0 {
				return errors.New("no checker rewards to claim yet (see `ionet checker show`)")
			}
			return nil
		},
		func(jc *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return jc.ClaimCheckerRewards(c.Context, key)
		},
		func(_ *jobs.Client, _ solana.PublicKey, ch *jobsgen.Checker, r *txReport) {
			r.Token, r.Claimed = "IO", ioAmount(ch.Rewards)
		})
}

// auditReport is `job audit ID` and each audit of `checker show`.
type auditReport struct {
	Job      uint64       `json:"job"`
	State    string       `json:"state"` // the job's
	Drawn    string       `json:"drawn"` // not yet | not selected | under audit | no eligible checker | exempt
	Reason   string       `json:"reason,omitempty"`
	Needed   uint8        `json:"needed,omitempty"`
	Decision string       `json:"decision,omitempty"`
	Slots    []slotReport `json:"slots"`
}

type slotReport struct {
	Slot     int        `json:"slot"`
	Checker  string     `json:"checker"` // "" while empty
	Verdict  string     `json:"verdict"` // pending | match | mismatch | empty
	Deadline *time.Time `json:"deadline,omitempty"`
}

var drawnNames = []string{"not yet", "not selected", "under audit", "no eligible checker"}
var reasonNames = []string{"sampled", "buyer challenge", "checker challenge"}
var verdictNames = []string{"pending", "match", "mismatch", "committed"}

func nameOf(names []string, v uint8) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("unknown (%d)", v)
}

func newAuditReport(job *jobsgen.Job, a *jobsgen.Audit) auditReport {
	r := auditReport{Slots: []slotReport{}}
	if job != nil {
		r.Job, r.State, r.Drawn = job.Id, jobs.State(job.State).String(), nameOf(drawnNames, job.Audit)
		if job.AuditExempt != 0 {
			r.Drawn = "exempt (verify none)"
		}
	}
	if a == nil {
		return r
	}
	r.Reason, r.Needed, r.Decision = nameOf(reasonNames, a.Reason), a.Needed, jobs.AuditDecision(a).String()
	for i := 0; i < int(a.Needed) && i < len(a.Checkers); i++ {
		s := slotReport{Slot: i, Verdict: "empty"}
		if !a.Checkers[i].IsZero() {
			s.Checker, s.Verdict = a.Checkers[i].String(), nameOf(verdictNames, a.Verdicts[i])
			at := unix(a.Deadlines[i])
			s.Deadline = &at
		}
		r.Slots = append(r.Slots, s)
	}
	return r
}

func (r auditReport) WriteHuman(w io.Writer) error {
	fmt.Fprintf(w, "Job %d (%s): drawn for audit: %s\n", r.Job, r.State, r.Drawn)
	if r.Reason == "" {
		return nil
	}
	fmt.Fprintf(w, "Audit: %s, %d checker(s) needed; %s\n", r.Reason, r.Needed, r.Decision)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SLOT\tCHECKER\tVERDICT\tDEADLINE")
	for _, s := range r.Slots {
		deadline := "-"
		if s.Deadline != nil {
			deadline = s.Deadline.Format("2006-01-02 15:04:05 UTC")
		}
		checker := s.Checker
		if checker == "" {
			checker = "(to be drawn)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", s.Slot, checker, s.Verdict, deadline)
	}
	return tw.Flush()
}

// jobAuditCommand is `job audit ID`.
func jobAuditCommand(programs func(...ucli.Flag) []ucli.Flag) *ucli.Command {
	return &ucli.Command{Name: "audit", Usage: "show a job's audit: drawn or not, by whom, the verdicts and their deadlines", ArgsUsage: "ID",
		Flags: programs(), Action: cli.Action(runJobAudit)}
}

func runJobAudit(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	jc, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	job, err := jc.FetchJob(c.Context, id)
	if errors.Is(err, jobs.ErrNotFound) {
		return fmt.Errorf("job %d is closed or was never posted: its audit, if any, closed with it", id)
	}
	if err != nil {
		return err
	}
	a, err := jc.FetchAudit(c.Context, id)
	if errors.Is(err, jobs.ErrNotFound) {
		a = nil
	} else if err != nil {
		return err
	}
	return env.Print(newAuditReport(job, a))
}
