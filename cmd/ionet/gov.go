package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

const (
	categoryGovernance    = "Governance"
	flagGovernanceProgram = "governance-program"
)

// govCommands are `ionet gov init|propose|vote|show|list|finalize|execute|cancel`.
func govCommands() []*ucli.Command {
	programs := func(extra ...ucli.Flag) []ucli.Flag {
		return append([]ucli.Flag{governanceProgramFlag(), stakingProgramFlag()}, extra...)
	}
	idCommand := func(name, usage string, op govOp) *ucli.Command {
		return &ucli.Command{Name: name, Usage: usage, ArgsUsage: "ID", Flags: programs(), Action: cli.Action(idAction(name, op))}
	}
	return []*ucli.Command{{
		Name:     "gov",
		Usage:    "stake-weighted governance: propose parameter changes, vote, finalize, execute",
		Category: categoryGovernance,
		Subcommands: []*ucli.Command{
			{
				Name:  "init",
				Usage: "create the governance PDA (signed by the governance program's upgrade authority)",
				Flags: programs(&ucli.StringFlag{Name: "voting-period", Value: "3d", Usage: "voting period (3d, 36h)"},
					&ucli.Uint64Flag{Name: "quorum-bps", Value: governance.DefaultQuorumBps, Usage: "votes needed, in bps of the total active stake"},
					&ucli.StringFlag{Name: "timelock", Value: "1d", Usage: "wait after voting before execution"},
					&ucli.StringFlag{Name: "min-stake", Value: "10000", Usage: "active stake (IO) needed to propose"}),
				Action: cli.Action(runGovInit),
			},
			{
				Name:   "hand-over",
				Usage:  "hand the governance PDA the update authority of staking, jobs and emission (each whose authority is the --keypair wallet)",
				Flags:  programs(jobsProgramFlag(), emissionProgramFlag()),
				Action: cli.Action(runGovHandOver),
			},
			{
				Name:  "propose",
				Usage: "propose parameter changes: each --set builds the program's update_params from its current parameters",
				Flags: programs(jobsProgramFlag(), emissionProgramFlag(),
					&ucli.StringFlag{Name: "title", Required: true, Usage: "title, at most 64 bytes"},
					&ucli.StringFlag{Name: "description-file", Required: true, Usage: "the full text; its SHA-256 goes on chain"},
					&ucli.StringFlag{Name: "uri", Usage: "where the full text is published (default: file://<description-file>)"},
					&ucli.StringSliceFlag{Name: "set", Usage: "PROGRAM.PARAM=VALUE, e.g. staking.cooldown=7d, jobs.usdc_fee_bps=150, emission.crank_tip=0.02IO"}),
				Action: cli.Action(runGovPropose),
			},
			{
				Name: "vote", Usage: "vote with your stake position's active stake (locks it until voting ends)",
				ArgsUsage: "ID yes|no|abstain", Flags: programs(), Action: cli.Action(runGovVote),
			},
			{Name: "show", Usage: "show a proposal: tally, quorum progress, time left, state", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runGovShow)},
			{
				Name: "list", Usage: "list proposals", Action: cli.Action(runGovList),
				Flags: programs(&ucli.StringFlag{Name: "state", Usage: "only voting, succeeded, defeated, executed or cancelled"}),
			},
			idCommand("finalize", "settle a proposal whose voting period ended (anyone)", (*governance.Client).Finalize),
			idCommand("execute", "execute a succeeded proposal after its timelock (anyone)", (*governance.Client).Execute),
			idCommand("cancel", "cancel your proposal while nobody has voted", (*governance.Client).Cancel),
		},
	}}
}

func governanceProgramFlag() ucli.Flag {
	return &ucli.StringFlag{Name: flagGovernanceProgram, Usage: "governance program id (default: " + govgen.ProgramID.String() + ", the localnet's)"}
}

func emissionProgramFlag() ucli.Flag {
	return &ucli.StringFlag{Name: flagEmissionProgram, Usage: "emission program id (default: the localnet's)"}
}

// govClient is the governance client for the chosen cluster and programs.
func govClient(c *ucli.Context, env *cli.Env) (*governance.Client, error) {
	stk, err := stakingClient(c, env)
	if err != nil {
		return nil, err
	}
	var program solana.PublicKey
	if text := c.String(flagGovernanceProgram); text != "" {
		if program, err = solana.PublicKeyFromBase58(text); err != nil {
			return nil, fmt.Errorf("--%s %q is not a base58 public key: %w", flagGovernanceProgram, text, err)
		}
	}
	return governance.New(env.Client(), program, stk.ProgramID)
}

// govTargets are the governed programs as --set names them.
func govTargets(c *ucli.Context, env *cli.Env) (map[string]governance.Target, error) {
	stk, err := stakingClient(c, env)
	if err != nil {
		return nil, err
	}
	jc, err := jobsClient(c, env)
	if err != nil {
		return nil, err
	}
	em, err := emissionClient(c, env)
	if err != nil {
		return nil, err
	}
	return map[string]governance.Target{
		"staking":  governance.StakingTarget(stk),
		"jobs":     governance.JobsTarget(jc),
		"emission": governance.EmissionTarget(em),
	}, nil
}

func runGovInit(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	params, err := govInitParams(c)
	if err != nil {
		return err
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	jc, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	em, err := emissionClient(c, env)
	if err != nil {
		return err
	}
	res, err := gc.Initialize(c.Context, key, jc.ProgramID, em.ProgramID, params)
	if err != nil {
		return err
	}
	return env.Print(govInitReport{Governance: gc.Governance.String(), Signature: res.Signature.String(), Slot: res.Slot})
}

func runGovHandOver(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	if _, err := gc.FetchGovernance(c.Context); err != nil {
		return fmt.Errorf("governance is not initialised (run `ionet gov init` first): %w", err)
	}
	stk, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	jc, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	em, err := emissionClient(c, env)
	if err != nil {
		return err
	}
	report := handOverReport{Governance: gc.Governance.String(), HandedOver: []string{}}
	if _, err := stk.SetAuthority(c.Context, key, gc.Governance); err != nil {
		report.Skipped = append(report.Skipped, fmt.Sprintf("staking: %v", err))
	} else {
		report.HandedOver = append(report.HandedOver, "staking")
	}
	for _, t := range []struct {
		name   string
		target governance.Target
	}{{"jobs", governance.JobsTarget(jc)}, {"emission", governance.EmissionTarget(em)}} {
		ix, err := gc.HandOverInstruction(c.Context, t.target, key.PublicKey())
		if err == nil {
			_, err = env.Client().Send(c.Context, key, []solana.Instruction{ix})
		}
		if err != nil {
			report.Skipped = append(report.Skipped, fmt.Sprintf("%s: %v", t.name, err))
			continue
		}
		report.HandedOver = append(report.HandedOver, t.name)
	}
	return env.Print(report)
}

func govInitParams(c *ucli.Context) (govgen.GovernanceParams, error) {
	p := governance.DefaultParams()
	for _, d := range []struct {
		flag string
		out  *int64
	}{{"voting-period", &p.VotingPeriodSeconds}, {"timelock", &p.TimelockSeconds}} {
		v, err := parseDays(c.String(d.flag))
		if err != nil {
			return p, fmt.Errorf("--%s: %w", d.flag, err)
		}
		*d.out = int64(v / time.Second)
	}
	p.QuorumBps = c.Uint64("quorum-bps")
	minStake, err := solanax.ParseAmount(c.String("min-stake"), solanax.IODecimals)
	if err != nil {
		return p, fmt.Errorf("--min-stake: %w", err)
	}
	p.MinStakeToPropose = minStake
	return p, nil
}

type govInitReport struct {
	Governance string `json:"governance"`
	Signature  string `json:"signature"`
	Slot       uint64 `json:"slot"`
}

func (r govInitReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Governance PDA %s created in slot %d (next: ionet gov hand-over)\nSignature %s\n", r.Governance, r.Slot, r.Signature)
	return err
}

type handOverReport struct {
	Governance string   `json:"governance"`
	HandedOver []string `json:"handed_over"`
	Skipped    []string `json:"skipped,omitempty"`
}

func (r handOverReport) WriteHuman(w io.Writer) error {
	fmt.Fprintf(w, "Update authority handed to the governance PDA %s: %s\n", r.Governance, strings.Join(r.HandedOver, ", "))
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "Not handed over: %s\n", s)
	}
	return nil
}

func runGovPropose(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return fmt.Errorf("gov propose takes only flags (got %q)", c.Args().First())
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	path := c.String("description-file")
	text, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--description-file: %w", err)
	}
	uri := c.String("uri")
	if uri == "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return fmt.Errorf("--description-file: %w", err)
		}
		uri = "file://" + abs
	}
	changes := make([]governance.Change, 0, len(c.StringSlice("set")))
	for _, s := range c.StringSlice("set") {
		ch, err := governance.ParseChange(s)
		if err != nil {
			return fmt.Errorf("--set: %w", err)
		}
		changes = append(changes, ch)
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	targets, err := govTargets(c, env)
	if err != nil {
		return err
	}
	actions, err := gc.ChangeActions(c.Context, targets, changes)
	if err != nil {
		return err
	}
	id, res, err := gc.CreateProposal(c.Context, key, governance.Proposal{
		Title: c.String("title"), URI: uri, DescriptionHash: sha256.Sum256(text), Actions: actions,
	})
	if err != nil {
		return err
	}
	return env.Print(govTxReport{Action: "propose", ID: id, Signature: res.Signature.String(), Slot: res.Slot})
}

func runGovVote(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 2 {
		return errors.New("give ID and yes|no|abstain, e.g. `ionet gov vote 3 yes` (flags go before them)")
	}
	id, err := proposalID(c.Args().Get(0))
	if err != nil {
		return err
	}
	choice, err := governance.ParseChoice(c.Args().Get(1))
	if err != nil {
		return err
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	res, err := gc.CastVote(c.Context, key, id, choice)
	if err != nil {
		return err
	}
	return env.Print(govTxReport{Action: "vote " + choice.String(), ID: id, Signature: res.Signature.String(), Slot: res.Slot})
}

type govOp func(*governance.Client, context.Context, solana.PrivateKey, uint64) (*solanax.Result, error)

// idAction runs op on the ID argument with the --keypair wallet.
func idAction(action string, op govOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		if c.NArg() != 1 {
			return fmt.Errorf("give one proposal ID, e.g. `ionet gov %s 3` (flags go before it)", action)
		}
		id, err := proposalID(c.Args().First())
		if err != nil {
			return err
		}
		key, err := env.Keypair()
		if err != nil {
			return err
		}
		gc, err := govClient(c, env)
		if err != nil {
			return err
		}
		res, err := op(gc, c.Context, key, id)
		if err != nil {
			return err
		}
		return env.Print(govTxReport{Action: action, ID: id, Signature: res.Signature.String(), Slot: res.Slot})
	}
}

func proposalID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("proposal ID %q is not a whole number", s)
	}
	return id, nil
}

type govTxReport struct {
	Action    string `json:"action"`
	ID        uint64 `json:"id"`
	Signature string `json:"signature"`
	Slot      uint64 `json:"slot"`
}

func (r govTxReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s proposal %d: done in slot %d\nSignature %s\n", r.Action, r.ID, r.Slot, r.Signature)
	return err
}

func runGovShow(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 1 {
		return errors.New("give one proposal ID, e.g. `ionet gov show 3`")
	}
	id, err := proposalID(c.Args().First())
	if err != nil {
		return err
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	p, err := gc.FetchProposal(c.Context, id)
	if errors.Is(err, governance.ErrNotFound) {
		return fmt.Errorf("no proposal %d (see `ionet gov list`)", id)
	}
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	return env.Print(govShowReport(governance.Summarize(p, now)))
}

type govShowReport governance.Summary

func (r govShowReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Proposal\t%d: %s\n", r.ID, r.Title)
	fmt.Fprintf(tw, "Full text\t%s\n", r.URI)
	fmt.Fprintf(tw, "Proposer\t%s\n", r.Proposer)
	fmt.Fprintf(tw, "State\t%s\n", r.State)
	fmt.Fprintf(tw, "Tally\tyes %s IO, no %s IO, abstain %s IO (%d voters)\n", r.Yes, r.No, r.Abstain, r.Voters)
	fmt.Fprintf(tw, "Quorum\t%s IO (%.1f%% reached)\n", r.Quorum, r.QuorumProgressPct)
	fmt.Fprintf(tw, "Voting ends\t%s\n", r.VotingEnds.Format(time.RFC3339))
	fmt.Fprintf(tw, "Executable from\t%s\n", r.ExecutableAt.Format(time.RFC3339))
	fmt.Fprintf(tw, "Time left\t%s\n", r.TimeLeft)
	fmt.Fprintf(tw, "Actions\t%d\n", r.Actions)
	return tw.Flush()
}

func runGovList(c *ucli.Context, env *cli.Env) error {
	var only *governance.State
	if name := c.String("state"); name != "" {
		s, err := governance.ParseState(name)
		if err != nil {
			return fmt.Errorf("--state: %w", err)
		}
		only = &s
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	all, err := gc.ListProposals(c.Context)
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	report := govListReport{Proposals: []governance.Summary{}}
	for _, p := range all {
		if only == nil || governance.State(p.State) == *only {
			report.Proposals = append(report.Proposals, governance.Summarize(p, now))
		}
	}
	return env.Print(report)
}

type govListReport struct {
	Proposals []governance.Summary `json:"proposals"`
}

func (r govListReport) WriteHuman(w io.Writer) error {
	if len(r.Proposals) == 0 {
		_, err := fmt.Fprintln(w, "No proposals.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tYES\tNO\tQUORUM\tTIME LEFT\tTITLE")
	for _, p := range r.Proposals {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.0f%%\t%s\t%s\n", p.ID, p.State, p.Yes, p.No, p.QuorumProgressPct, p.TimeLeft, p.Title)
	}
	return tw.Flush()
}
