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
	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// categoryGovernance groups the governance commands in help.
const categoryGovernance = "Governance"

// govCommands are `ionet gov init|propose|vote|show|list|finalize|execute|cancel`.
func govCommands() []*ucli.Command {
	programs := withPrograms(cli.ProgramGovernance, cli.ProgramStaking)
	idCommand := func(name, usage string, run func(*ucli.Context, *cli.Env) error) *ucli.Command {
		return &ucli.Command{Name: name, Usage: usage, ArgsUsage: "ID", Flags: programs(), Action: cli.Action(run)}
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
				Usage: "propose parameter changes: each --set builds the program's update_params from its current parameters (`gov propose upgrade`: a program upgrade)",
				Flags: programs(jobsProgramFlag(), emissionProgramFlag(),
					// Required, but checked by runGovPropose: urfave would also demand them of `propose upgrade`.
					&ucli.StringFlag{Name: "title", Usage: "title, at most 64 bytes (required)"},
					&ucli.StringFlag{Name: "description-file", Usage: "the full text; its SHA-256 goes on chain (required)"},
					&ucli.StringFlag{Name: "uri", Usage: "where the full text is published (default: file://<description-file>)"},
					&ucli.StringSliceFlag{Name: "set", Usage: "PROGRAM.PARAM=VALUE, e.g. staking.cooldown=7d, jobs.usdc_fee_bps=150, emission.crank_tip=0.02IO"}),
				Action:      cli.Action(runGovPropose),
				Subcommands: []*ucli.Command{govProposeUpgradeCommand(programs)},
			},
			{
				Name: "vote", Usage: "vote with your stake position's active stake (locks it until voting ends)",
				ArgsUsage: "ID yes|no|abstain", Flags: programs(), Action: cli.Action(runGovVote),
			},
			{Name: "show", Usage: "show a proposal: each action in words against the current parameters, tally, quorum progress, time left, state",
				ArgsUsage: "ID", Flags: programs(jobsProgramFlag(), emissionProgramFlag()), Action: cli.Action(runGovShow)},
			{
				Name: "list", Usage: "list proposals", Action: cli.Action(runGovList),
				Flags: programs(&ucli.StringFlag{Name: "state", Usage: "only voting, succeeded, defeated, executed or cancelled"}),
			},
			idCommand("finalize", "settle a proposal whose voting period ended (anyone)", runGovFinalize),
			idCommand("execute", "execute a succeeded proposal after its timelock (anyone)", runGovExecute),
			idCommand("cancel", "cancel your proposal while nobody has voted", runGovCancel),
		},
	}}
}

// govTargets are the governed programs as --set names them.
func govTargets(c *ucli.Context, env *cli.Env) (map[string]governance.Target, error) {
	g, err := governedPrograms(c, env)
	if err != nil {
		return nil, err
	}
	return map[string]governance.Target{
		"staking":  governance.StakingTarget(g.stk),
		"jobs":     governance.JobsTarget(g.jc),
		"emission": governance.EmissionTarget(g.em),
		"capacity": governance.CapacityTarget(g.cp),
	}, nil
}

// governed are governance and the programs it governs, made through one cli.Programs.
type governed struct {
	gov *governance.Client
	stk *staking.Client
	jc  *jobs.Client
	em  *emission.Client
	cp  *capacity.Client
}

func governedPrograms(c *ucli.Context, env *cli.Env) (g governed, err error) {
	p := cli.CommandPrograms(c, env)
	if g.gov, err = p.Governance(); err != nil {
		return g, err
	}
	if g.stk, err = p.Staking(); err != nil {
		return g, err
	}
	if g.jc, err = p.Jobs(); err != nil {
		return g, err
	}
	if g.em, err = p.Emission(); err != nil {
		return g, err
	}
	g.cp, err = p.Capacity()
	return g, err
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
	g, err := governedPrograms(c, env)
	if err != nil {
		return err
	}
	gc := g.gov
	res, err := gc.Initialize(c.Context, key, g.jc.ProgramID, g.em.ProgramID, g.cp.ProgramID, params)
	if err != nil {
		return err
	}
	return env.Print(govInitReport{Governance: gc.Governance.String(), txRef: refOf(res)})
}

func runGovHandOver(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	g, err := governedPrograms(c, env)
	if err != nil {
		return err
	}
	gc, stk, jc, em, cp := g.gov, g.stk, g.jc, g.em, g.cp
	if _, err := gc.FetchGovernance(c.Context); err != nil {
		return fmt.Errorf("governance is not initialised (run `ionet gov init` first): %w", err)
	}
	ctx := c.Context
	report := handOverReport{Governance: gc.Governance.String(), HandedOver: []string{}}
	handOver := func(target governance.Target) error {
		ix, err := gc.HandOverInstruction(ctx, target, key.PublicKey())
		if err == nil {
			_, err = env.Client().Send(ctx, key, []solana.Instruction{ix})
		}
		return err
	}
	// Programs already governed count as done; a failed read shows up in the hand-over.
	current := map[string]solana.PublicKey{}
	if cfg, err := stk.FetchConfig(ctx); err == nil {
		current["staking"] = cfg.Authority
	}
	if cfg, err := jc.FetchConfig(ctx); err == nil {
		current["jobs"] = cfg.Authority
	}
	if st, err := em.FetchState(ctx); err == nil {
		current["emission"] = st.Authority
	}
	type program struct {
		name     string
		handOver func() error
	}
	programs := []program{
		{"staking", func() error { _, err := stk.SetAuthority(ctx, key, gc.Governance); return err }},
		{"jobs", func() error { return handOver(governance.JobsTarget(jc)) }},
		{"emission", func() error { return handOver(governance.EmissionTarget(em)) }},
	}
	// Capacity only where it is set up (a chain initialised before it existed has none).
	if cfg, err := cp.FetchConfig(ctx); !errors.Is(err, capacity.ErrNotFound) {
		if err == nil {
			current["capacity"] = cfg.Authority
		}
		programs = append(programs, program{"capacity", func() error { _, err := cp.SetAuthority(ctx, key, gc.Governance); return err }})
	}
	for _, p := range programs {
		if current[p.name].Equals(gc.Governance) {
			report.Already = append(report.Already, p.name)
			continue
		}
		if err := p.handOver(); err != nil {
			report.Skipped = append(report.Skipped, fmt.Sprintf("%s: %v", p.name, err))
			continue
		}
		report.HandedOver = append(report.HandedOver, p.name)
	}
	if err := env.Print(report); err != nil {
		return err
	}
	return report.incomplete()
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
	txRef
}

func (r govInitReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Governance PDA %s created in slot %d (next: ionet gov hand-over)\nSignature %s\n", r.Governance, r.Slot, r.Signature)
	return err
}

type handOverReport struct {
	Governance string   `json:"governance"`
	HandedOver []string `json:"handedOver"`
	Already    []string `json:"already,omitempty"` // governed before this run
	Skipped    []string `json:"skipped,omitempty"`
}

func (r handOverReport) WriteHuman(w io.Writer) error {
	if len(r.HandedOver) > 0 {
		fmt.Fprintf(w, "Update authority handed to the governance PDA %s: %s\n", r.Governance, strings.Join(r.HandedOver, ", "))
	}
	if len(r.Already) > 0 {
		fmt.Fprintf(w, "Already governed by %s: %s\n", r.Governance, strings.Join(r.Already, ", "))
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "Not handed over: %s\n", s)
	}
	return nil
}

// incomplete is the error of a hand-over that left a program outside governance: the command
// then exits non-zero.
func (r handOverReport) incomplete() error {
	if len(r.Skipped) == 0 {
		return nil
	}
	notDone := make([]string, len(r.Skipped))
	for i, s := range r.Skipped {
		notDone[i], _, _ = strings.Cut(s, ":")
	}
	if len(r.HandedOver)+len(r.Already) == 0 {
		return fmt.Errorf("nothing was handed over to governance (%s refused, reasons above): run it with the programs' current authority as --keypair", strings.Join(notDone, ", "))
	}
	done := append(append([]string{}, r.HandedOver...), r.Already...)
	return fmt.Errorf("only part was handed over to governance: %s governed, %s not (reasons above); rerun it with that program's authority as --keypair", strings.Join(done, ", "), strings.Join(notDone, ", "))
}

func runGovPropose(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return fmt.Errorf("gov propose takes only flags (got %q)", c.Args().First())
	}
	for _, flag := range []string{"title", "description-file"} {
		if c.String(flag) == "" {
			return fmt.Errorf("gov propose needs --%s (and --set PROGRAM.PARAM=VALUE; `gov propose upgrade` proposes a program upgrade)", flag)
		}
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
	h, err := proposeHints(c, env, gc, key.PublicKey())
	if err != nil {
		return err
	}
	id, res, err := gc.CreateProposal(c.Context, key, governance.Proposal{
		Title: c.String("title"), URI: uri, DescriptionHash: sha256.Sum256(text), Actions: actions,
	})
	if err != nil {
		return explain(env, err, h)
	}
	return env.Print(govTxReport{Action: "propose", ID: id, txRef: refOf(res)})
}

func runGovVote(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 2 {
		return errors.New("give ID and yes|no|abstain, e.g. `ionet gov vote 3 yes`")
	}
	id, err := proposalID(c.Args().Get(0))
	if err != nil {
		return err
	}
	choice, err := governance.ParseChoice(c.Args().Get(1))
	if err != nil {
		return err
	}
	return proposalCmd(c, env, "vote "+choice.String()+" on", id, func(v *proposalView) (hints, error) {
		return hints{
			govgen.Error_VotingClosed:   fmt.Sprintf("voting on proposal %d ended at %s (it is %s)", id, when(unix(v.p.VotingEndsTs), v.now), v.state()),
			govgen.Error_NotVoting:      fmt.Sprintf("proposal %d is %s: voting is over", id, v.state()),
			govgen.Error_NoVotingWeight: "the --keypair wallet has no active stake to vote with: votes weigh active stake (`ionet stake AMOUNT`)",
			govgen.Error_AlreadyVoted:   fmt.Sprintf("the --keypair wallet already voted on proposal %d (see `ionet gov show %d`)", id, id),
		}, nil
	}, func(gc *governance.Client, ctx context.Context, key solana.PrivateKey, id uint64) (*solanax.Result, error) {
		return gc.CastVote(ctx, key, id, choice)
	})
}

type govOp func(*governance.Client, context.Context, solana.PrivateKey, uint64) (*solanax.Result, error)

// proposalView is a proposal as a command about it reads it before sending.
type proposalView struct {
	p   *govgen.Proposal
	now time.Time        // the chain's clock
	key solana.PublicKey // the --keypair wallet
}

func (v *proposalView) state() string { return governance.State(v.p.State).String() }

// proposalCmd sends op on proposal id with the --keypair wallet: the proposal must exist, and
// prepare returns the command's hints.
func proposalCmd(c *ucli.Context, env *cli.Env, verb string, id uint64, prepare func(*proposalView) (hints, error), op govOp) error {
	return txCmd[*governance.Client]{action: fmt.Sprintf("%s proposal %d", verb, id), client: govClient,
		prepare: func(gc *governance.Client, key solana.PrivateKey) (hints, error) {
			p, err := gc.FetchProposal(c.Context, id)
			if err != nil {
				return nil, err
			}
			now, err := chainTime(c, env)
			if err != nil {
				return nil, err
			}
			return prepare(&proposalView{p: p, now: now, key: key.PublicKey()})
		},
		send: func(gc *governance.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return op(gc, c.Context, key, id)
		},
	}.run(c, env)
}

// idArg is the one proposal ID argument of command name.
func idArg(c *ucli.Context, name string) (uint64, error) {
	if c.NArg() != 1 {
		return 0, fmt.Errorf("give one proposal ID, e.g. `ionet gov %s 3`", name)
	}
	return proposalID(c.Args().First())
}

func runGovFinalize(c *ucli.Context, env *cli.Env) error {
	id, err := idArg(c, "finalize")
	if err != nil {
		return err
	}
	return proposalCmd(c, env, "finalize", id, func(v *proposalView) (hints, error) {
		return hints{
			govgen.Error_VotingNotEnded: fmt.Sprintf("voting on proposal %d ends at %s: run `ionet gov finalize %d` after it", id, when(unix(v.p.VotingEndsTs), v.now), id),
			govgen.Error_NotVoting:      fmt.Sprintf("proposal %d is already %s", id, v.state()),
		}, nil
	}, (*governance.Client).Finalize)
}

func runGovExecute(c *ucli.Context, env *cli.Env) error {
	id, err := idArg(c, "execute")
	if err != nil {
		return err
	}
	return proposalCmd(c, env, "execute", id, func(v *proposalView) (hints, error) {
		notSucceeded := fmt.Sprintf("proposal %d is %s: only a succeeded proposal can be executed", id, v.state())
		if governance.State(v.p.State) == governance.Voting {
			notSucceeded += fmt.Sprintf(" (voting ends at %s, then `ionet gov finalize %d`)", when(unix(v.p.VotingEndsTs), v.now), id)
		}
		return hints{
			govgen.Error_TimelockNotElapsed: fmt.Sprintf("proposal %d can be executed from %s, when its timelock ends: run `ionet gov execute %d` then",
				id, when(unix(v.p.ExecutableTs), v.now), id),
			govgen.Error_NotSucceeded:    notSucceeded,
			govgen.Error_AlreadyExecuted: fmt.Sprintf("proposal %d was already executed", id),
		}, nil
	}, func(gc *governance.Client, ctx context.Context, key solana.PrivateKey, id uint64) (*solanax.Result, error) {
		res, err := gc.Execute(ctx, key, id)
		if err == nil {
			recordUpgrades(c, env, gc, id)
		}
		return res, err
	})
}

func runGovCancel(c *ucli.Context, env *cli.Env) error {
	id, err := idArg(c, "cancel")
	if err != nil {
		return err
	}
	return proposalCmd(c, env, "cancel", id, func(v *proposalView) (hints, error) {
		if !v.p.Proposer.Equals(v.key) {
			return nil, fmt.Errorf("only the proposer can cancel proposal %d: its proposer is %s, the --keypair wallet is %s", id, v.p.Proposer, v.key)
		}
		return hints{
			govgen.Error_ProposalHasVotes: fmt.Sprintf("proposal %d has votes (%d voters): a proposal with votes cannot be cancelled", id, v.p.VoterCount),
			govgen.Error_NotVoting:        fmt.Sprintf("proposal %d is %s: only a proposal in voting can be cancelled", id, v.state()),
		}, nil
	}, (*governance.Client).Cancel)
}

// proposeHints explain BelowMinimumStake: the minimum to propose and what the wallet has.
func proposeHints(c *ucli.Context, env *cli.Env, gc *governance.Client, proposer solana.PublicKey) (hints, error) {
	g, err := gc.FetchGovernance(c.Context)
	if err != nil {
		return nil, err
	}
	stk, err := stakingClient(c, env)
	if err != nil {
		return nil, err
	}
	var active uint64
	p, err := stk.FetchPosition(c.Context, proposer)
	switch {
	case err == nil:
		active = p.Active
	case !errors.Is(err, staking.ErrNotFound):
		return nil, err
	}
	msg := fmt.Sprintf("proposing needs at least %s IO of active stake; the --keypair wallet has %s IO", ioText(g.MinStakeToPropose), ioText(active))
	if active < g.MinStakeToPropose {
		msg += fmt.Sprintf(" (`ionet stake %s` makes up the difference)", ioText(g.MinStakeToPropose-active))
	}
	return hints{govgen.Error_BelowMinimumStake: msg}, nil
}

func proposalID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("proposal ID %q is not a whole number", s)
	}
	return id, nil
}

type govTxReport struct {
	Action string `json:"action"`
	ID     uint64 `json:"id"`
	txRef
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
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	targets, err := govTargets(c, env)
	if err != nil {
		return err
	}
	actions, err := governance.DescribeActionsNamed(c.Context, targets, programNames(c, env), p)
	if err != nil {
		return err
	}
	r := newProposalReport(p, now)
	r.Actions = actions
	return env.Print(r)
}

// proposalReport is a proposal as `gov show` and `gov list` print it.
type proposalReport struct {
	ID                uint64     `json:"id"`
	Title             string     `json:"title"`
	URI               string     `json:"uri"`
	Proposer          string     `json:"proposer"`
	State             string     `json:"state"`
	Yes               cli.Amount `json:"yes"`
	No                cli.Amount `json:"no"`
	Abstain           cli.Amount `json:"abstain"`
	Voters            uint64     `json:"voters"`
	Quorum            cli.Amount `json:"quorum"`
	QuorumProgressPct float64    `json:"quorumProgressPct"`
	VotingEnds        time.Time  `json:"votingEnds"`
	ExecutableAt      time.Time  `json:"executableAt"`
	TimeLeft          string     `json:"timeLeft"`
	ActionCount       int        `json:"actionCount"`
	// Actions are in words against the current parameters (`gov show` only).
	Actions []governance.ActionDescription `json:"actions,omitempty"`
}

func newProposalReport(p *govgen.Proposal, now time.Time) proposalReport {
	s := governance.Summarize(p, now)
	return proposalReport{
		ID: s.ID, Title: s.Title, URI: s.URI, Proposer: s.Proposer.String(), State: s.State,
		Yes: cli.IO(p.Yes), No: cli.IO(p.No), Abstain: cli.IO(p.Abstain), Voters: s.Voters,
		Quorum: cli.IO(p.Quorum), QuorumProgressPct: s.QuorumProgressPct, VotingEnds: s.VotingEnds, ExecutableAt: s.ExecutableAt,
		TimeLeft: s.TimeLeft, ActionCount: s.Actions,
	}
}

func (r proposalReport) WriteHuman(w io.Writer) error {
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
	label := "Actions"
	for _, a := range r.Actions {
		for _, line := range a.Lines() {
			fmt.Fprintf(tw, "%s\t%s\n", label, line)
			label = ""
		}
	}
	if label != "" {
		fmt.Fprintf(tw, "Actions\t%d\n", r.ActionCount)
	}
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
	report := govListReport{Proposals: []proposalReport{}}
	for _, p := range all {
		if only == nil || governance.State(p.State) == *only {
			report.Proposals = append(report.Proposals, newProposalReport(p, now))
		}
	}
	return env.Print(report)
}

type govListReport struct {
	Proposals []proposalReport `json:"proposals"`
}

func (r govListReport) WriteHuman(w io.Writer) error {
	return listTable(w, "No proposals.", "ID\tSTATE\tYES\tNO\tOF QUORUM\tTIME LEFT\tTITLE", r.Proposals, func(p proposalReport) string {
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%.0f%%\t%s\t%s", p.ID, p.State, p.Yes, p.No, p.QuorumProgressPct, p.TimeLeft, p.Title)
	})
}
