package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// categoryJobs groups the job commands in help.
const categoryJobs = "Jobs"

// jobCommands is `ionet job` and its subcommands.
func jobCommands() []*ucli.Command {
	programs := withPrograms(cli.ProgramJobs, cli.ProgramStaking)
	return []*ucli.Command{{
		Name:     "job",
		Usage:    "GPU jobs: escrow a payment in IO or USDC, follow, settle, cancel, expire, challenge",
		Category: categoryJobs,
		Subcommands: []*ucli.Command{
			{
				Name:  "create",
				Usage: "post a job: escrows price x hours plus the maximum fees (prints the cost breakdown first)",
				Flags: programs(
					&ucli.StringFlag{Name: "spec", Required: true, Usage: "job spec JSON file (image or command, inputs, environment); its canonical SHA-256 goes on-chain"},
					&ucli.StringFlag{Name: "gpu-class", Required: true, Usage: "GPU class name from the staking class table (H100, RTX4090, ...)"},
					&ucli.Uint64Flag{Name: "gpus", Value: 1, Usage: "GPUs the job needs"},
					&ucli.StringFlag{Name: "hours", Required: true, Usage: "maximum duration in hours (decimal, whole seconds: 1.5)"},
					&ucli.StringFlag{Name: "price", Required: true, Usage: "price per hour in the payment currency (decimal: 2.5)"},
					&ucli.StringFlag{Name: "pay", Value: "io", Usage: "payment currency: io or usdc"},
					&ucli.BoolFlag{Name: "audit-exempt", Usage: "the job's output cannot be reproduced: never re-run by checkers; its challenges go to the arbiter"},
					&ucli.BoolFlag{Name: "yes", Usage: "skip the confirmation prompt"},
				),
				Action: cli.Action(runJobCreate),
			},
			{Name: "show", Usage: "show a job", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runJobShow)},
			jobFetchCommand(programs),
			jobAuditCommand(programs),
			jobPublishSpecCommand(programs),
			jobExtendCommand(programs),
			{
				Name: "list", Usage: "list live jobs (closed jobs no longer exist on-chain)",
				Flags: programs(
					&ucli.StringFlag{Name: "state", Usage: "only jobs in this state: open, claimed, attested, challenged"},
					&ucli.BoolFlag{Name: "mine", Usage: "only jobs the --keypair wallet posted"},
				),
				Action: cli.Action(runJobList),
			},
			{Name: "cancel", Usage: "cancel your unclaimed job: full refund", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runJobCancel)},
			{Name: "settle", Usage: "settle an attested job after its challenge window (anyone)", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runJobSettle)},
			{Name: "expire", Usage: "expire a claimed job past its deadline and grace (anyone): refund, device slashed", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runJobExpire)},
			{Name: "lapse", Usage: "settle a challenged job the arbiter left unresolved past its 7-day deadline (anyone): worker paid, bond back", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runJobLapse)},
			{
				Name: "challenge", Usage: "challenge a job's attestation during its window (buyer or staked checker), with a bond in the job's currency",
				ArgsUsage: "ID", Flags: programs(&ucli.StringFlag{Name: "bond", Required: true, Usage: "bond in the job's currency (decimal)"}),
				Action: cli.Action(runJobChallenge),
			},
			{
				Name: "resolve", Usage: "resolve a challenged job (arbiter only)", ArgsUsage: "ID",
				Flags: programs(&ucli.BoolFlag{Name: "fraud", Usage: "the attestation was fraudulent: refund, bond back, device slashed"},
					&ucli.BoolFlag{Name: "no-fraud", Usage: "the attestation stands: the job settles, the bond goes to the worker"}),
				Action: cli.Action(runJobResolve),
			},
			{
				Name:      "claim",
				Usage:     "claim an open job for a device (device side, until the worker does it): the device key signs; the --keypair wallet, its owner, pays and is paid",
				ArgsUsage: "ID", Flags: programs(jobDeviceKeypairFlag()), Action: cli.Action(runJobClaim),
			},
			{
				Name:      "attest",
				Usage:     "attest a claimed job's run (device side, until the worker does it): the device key signs the result hash and times",
				ArgsUsage: "ID",
				Flags: programs(jobDeviceKeypairFlag(),
					&ucli.StringFlag{Name: "result", Required: true, Usage: "result file: its SHA-256 is the result hash"},
					&ucli.DurationFlag{Name: "ran", Required: true, Usage: "how long the job ran from its claim (30m); the run must have ended by now"},
					&ucli.StringFlag{Name: "metrics", Usage: "metrics file: its SHA-256 is the metrics digest (default: none, all zero)"}),
				Action: cli.Action(runJobAttest),
			},
			{
				Name:  "init",
				Usage: "initialise the jobs program (localnet set-up; the signer must be its upgrade authority; --authority becomes update authority and arbiter)",
				Flags: programs(localnetcli.ManifestFlag(),
					&ucli.DurationFlag{Name: "window", Value: time.Hour, Usage: "challenge window"},
					&ucli.DurationFlag{Name: "grace", Value: time.Hour, Usage: "expiry grace after a claimed job's deadline"},
					&ucli.StringFlag{Name: "arbiter", Usage: "arbiter (default: the authority)"}, initAuthorityFlag()),
				Action: cli.Action(runJobInit),
			},
		},
	}}
}

// jobID is the single ID argument.
func jobID(c *ucli.Context) (uint64, error) {
	if c.NArg() != 1 {
		return 0, fmt.Errorf("give exactly one job ID, such as 42")
	}
	id, err := strconv.ParseUint(c.Args().First(), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("job ID %q is not a whole number", c.Args().First())
	}
	return id, nil
}

// currency is a payment mint of the jobs program, with its name, decimals and fee rate
// (client/jobs: the explorer formats job amounts with it too).
type currency = jobs.Currency

// amountIn is units of cur in the JSON shape.
func amountIn(cur currency, units uint64) cli.Amount { return cli.NewAmount(units, cur.Decimals) }

// parseHours reads decimal hours as whole seconds.
func parseHours(text string) (uint64, error) {
	const scale = 1_000_000 // micro-hours
	micro, err := solanax.ParseAmount(text, 6)
	if err != nil || micro == 0 {
		return 0, fmt.Errorf("--hours %q: give a positive number of hours such as 1.5", text)
	}
	if micro*jobs.SecondsPerHour%scale != 0 || micro > jobs.MaxDurationSeconds*scale/jobs.SecondsPerHour {
		return 0, fmt.Errorf("--hours %q: must be whole seconds and at most %d hours", text, jobs.MaxDurationSeconds/jobs.SecondsPerHour)
	}
	return micro * jobs.SecondsPerHour / scale, nil
}

// costReport is the breakdown `job create` prints (and, once posted, the job's id).
type costReport struct {
	Currency      string     `json:"currency"`
	PricePerHour  cli.Amount `json:"pricePerHour"`
	Seconds       uint64     `json:"maxDurationSeconds"`
	MaxPay        cli.Amount `json:"maxPay"`
	MaxFees       cli.Amount `json:"maxFees"`
	FeeBps        uint64     `json:"feeBps"`
	Escrow        cli.Amount `json:"escrow"`
	OtherCurrency string     `json:"otherCurrency"`
	OtherEscrow   cli.Amount `json:"otherCurrencyEscrow"`
	OtherFees     cli.Amount `json:"otherCurrencyMaxFees"`
	SpecHash      string     `json:"specHash"`
	JobID         *uint64    `json:"jobId,omitempty"`
	txRef                    // once posted
}

func (r costReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Price\t%s %s an hour, at most %s\n", r.PricePerHour, r.Currency, time.Duration(r.Seconds)*time.Second)
	fmt.Fprintf(tw, "Worker pay\tup to %s %s\n", r.MaxPay, r.Currency)
	fmt.Fprintf(tw, "Fees\tup to %s %s (%s%%, charged only on what the worker is paid)\n", r.MaxFees, r.Currency, solanax.FormatAmount(r.FeeBps, 2))
	fmt.Fprintf(tw, "Escrow\t%s %s (the unused part is refunded)\n", r.Escrow, r.Currency)
	fmt.Fprintf(tw, "Other currency\tthe same price would escrow %s %s, fees up to %s %s\n", r.OtherEscrow, r.OtherCurrency, r.OtherFees, r.OtherCurrency)
	fmt.Fprintf(tw, "Spec hash\t%s\n", r.SpecHash)
	if r.JobID != nil {
		fmt.Fprintf(tw, "Job\t%d posted (signature %s)\n", *r.JobID, r.Signature)
	}
	return tw.Flush()
}

func runJobCreate(c *ucli.Context, env *cli.Env) error {
	key, client, err := signerAnd(c, env, jobsClient)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(c.String("spec"))
	if err != nil {
		return fmt.Errorf("--spec: %w", err)
	}
	spec, err := jobs.ParseSpec(raw)
	if err != nil {
		return fmt.Errorf("--spec %s: %w", c.String("spec"), err)
	}
	hash, err := spec.Hash()
	if err != nil {
		return err
	}
	if canonical, err := spec.Canonical(); err != nil || len(canonical) > jobs.MaxSpecLen {
		return fmt.Errorf("--spec %s: its canonical form must be at most %d bytes to be published on-chain", c.String("spec"), jobs.MaxSpecLen)
	}
	seconds, err := parseHours(c.String("hours"))
	if err != nil {
		return err
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	io, usdc, err := client.FetchCurrencies(c.Context, cfg) // the fee rule: client/jobs; the decimals: the mints
	if err != nil {
		return err
	}
	pay, other := io, usdc
	switch strings.ToLower(c.String("pay")) {
	case "io":
	case "usdc":
		pay, other = usdc, io
	default:
		return fmt.Errorf("--pay %q: choose io or usdc", c.String("pay"))
	}
	price, err := solanax.ParseAmount(c.String("price"), pay.Decimals)
	if err != nil || price == 0 {
		return fmt.Errorf("--price %q: give a positive price per hour in %s such as 2.5", c.String("price"), pay.Name)
	}
	stakingCfg, err := client.Staking.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	class, err := staking.ClassIndex(stakingCfg, c.String("gpu-class"))
	if err != nil {
		return fmt.Errorf("--gpu-class: %w", err)
	}
	quote, err := jobs.NewQuote(price, seconds, pay.FeeBps)
	if err != nil {
		return err
	}
	// The same nominal price in the other currency (its decimals), at its fee rate.
	otherPrice, err := solanax.ParseAmount(solanax.FormatAmount(price, pay.Decimals), other.Decimals)
	if err != nil {
		return fmt.Errorf("--price %s has more decimals than %s: %w", c.String("price"), other.Name, err)
	}
	otherQuote, err := jobs.NewQuote(otherPrice, seconds, other.FeeBps)
	if err != nil {
		return err
	}
	report := costReport{
		Currency: pay.Name, PricePerHour: amountIn(pay, price), Seconds: seconds,
		MaxPay: amountIn(pay, quote.MaxPay), MaxFees: amountIn(pay, quote.MaxFee), FeeBps: pay.FeeBps, Escrow: amountIn(pay, quote.Escrow),
		OtherCurrency: other.Name, OtherEscrow: amountIn(other, otherQuote.Escrow), OtherFees: amountIn(other, otherQuote.MaxFee),
		SpecHash: hex.EncodeToString(hash[:]),
	}
	if err := needFunds(c.Context, env, key.PublicKey(), pay.Mint, quote.Escrow, pay.Name); err != nil {
		return fmt.Errorf("%w: the escrow, the most the job can cost with its fees (the unused part is refunded)", err)
	}
	if !c.Bool("yes") {
		if env.Output == cli.FormatJSON {
			// JSON output is one document on stdout: no prompt may share it.
			return fmt.Errorf("--output json cannot ask before escrowing %s: pass --yes to post the job", pay.Format(quote.Escrow))
		}
		if err := report.WriteHuman(env.Out); err != nil {
			return err
		}
		if !confirm(c.App.Reader, env.Out, fmt.Sprintf("Escrow %s? [y/N] ", pay.Format(quote.Escrow))) {
			return errors.New("not confirmed: nothing was posted (pass --yes to skip the prompt)")
		}
	}
	terms := jobs.Terms{SpecHash: hash, GPUClass: class, GPUCount: c.Uint64("gpus"), PricePerHour: price, MaxDurationSeconds: seconds,
		AuditExempt: c.Bool("audit-exempt") || spec.AuditExempt()} // verify mode none exempts too
	id, res, err := client.CreateJob(c.Context, key, pay.Mint, terms)
	if err != nil {
		return explain(env, err, hints{jobsgen.Error_InvalidJobArgs: fmt.Sprintf("a job needs 1 to 1024 GPUs (--gpus %d)", terms.GPUCount)})
	}
	report.JobID, report.txRef = &id, refOf(res)
	if err := client.PublishSpec(c.Context, key, id, spec); err != nil {
		return fmt.Errorf("job %d is posted but its spec is not published, so no worker can take it: %w (run `ionet job publish-spec %d --spec %s`, or cancel it)", id, err, id, c.String("spec"))
	}
	return env.Print(report)
}

// confirm asks question on out and reads a yes from in.
func confirm(in io.Reader, out io.Writer, question string) bool {
	fmt.Fprint(out, question)
	line, _ := bufio.NewReader(in).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}

// jobReport is one job as `job show` and `job list` print it.
type jobReport struct {
	ID           uint64      `json:"id"`
	State        string      `json:"state"`
	Buyer        string      `json:"buyer"`
	Currency     string      `json:"currency"`
	PricePerHour cli.Amount  `json:"pricePerHour"`
	MaxDuration  string      `json:"maxDuration"`
	Escrowed     cli.Amount  `json:"escrowed"`
	GPUs         string      `json:"gpus"`
	SpecHash     string      `json:"specHash"`
	Device       string      `json:"deviceKey,omitempty"`
	Started      string      `json:"started,omitempty"`
	Elapsed      string      `json:"elapsed,omitempty"`
	WindowEnds   string      `json:"windowEnds,omitempty"`
	Bond         *cli.Amount `json:"bond,omitempty"`
}

func newJobReport(cfg *jobsgen.JobsConfig, class string, j *jobsgen.Job) jobReport {
	cur := jobs.CurrencyOf(cfg, j.Mint)
	r := jobReport{
		ID: j.Id, State: jobs.State(j.State).String(), Buyer: j.Buyer.String(), Currency: cur.Name,
		PricePerHour: amountIn(cur, j.PricePerHour), MaxDuration: (time.Duration(j.MaxDurationSeconds) * time.Second).String(),
		Escrowed: amountIn(cur, j.Escrowed), GPUs: fmt.Sprintf("%d x %s", j.GpuCount, class), SpecHash: hex.EncodeToString(j.SpecHash[:]),
	}
	if jobs.State(j.State) != jobs.StateOpen {
		r.Device = j.DeviceKey.String()
	}
	if jobs.State(j.State) >= jobs.StateAttested {
		r.Started = time.Unix(j.StartedTs, 0).UTC().Format(time.RFC3339)
		r.Elapsed = (time.Duration(j.EndedTs-j.StartedTs) * time.Second).String()
		r.WindowEnds = time.Unix(j.WindowEndTs, 0).UTC().Format(time.RFC3339)
	}
	if j.Bond > 0 {
		bond := amountIn(cur, j.Bond)
		r.Bond = &bond
	}
	return r
}

func (r jobReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	bond := ""
	if r.Bond != nil {
		bond = r.Bond.String() + " " + r.Currency
	}
	rows := [][2]string{
		{"Job", strconv.FormatUint(r.ID, 10)}, {"State", r.State}, {"Buyer", r.Buyer}, {"GPUs", r.GPUs},
		{"Price", r.PricePerHour.String() + " " + r.Currency + " an hour, at most " + r.MaxDuration}, {"Escrowed", r.Escrowed.String() + " " + r.Currency},
		{"Spec hash", r.SpecHash}, {"Device", r.Device}, {"Started", r.Started}, {"Ran", r.Elapsed}, {"Window ends", r.WindowEnds}, {"Bond", bond},
	}
	for _, row := range rows {
		if row[1] != "" {
			fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
		}
	}
	return tw.Flush()
}

// jobClassName names a job's GPU class from the staking class table.
func jobClassName(stk *staking.Client, c *ucli.Context, index uint8) string {
	stakingCfg, err := stk.FetchConfig(c.Context)
	if err != nil || index >= stakingCfg.GpuClassCount {
		return fmt.Sprintf("class %d", index)
	}
	return staking.ClassName(stakingCfg.GpuClasses[index])
}

func runJobShow(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	client, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	j, err := client.FetchJob(c.Context, id)
	if err != nil {
		return err
	}
	return env.Print(newJobReport(cfg, jobClassName(client.Staking, c, j.GpuClass), j))
}

// jobList is what `job list` prints.
type jobList struct {
	Jobs []jobReport `json:"jobs"`
}

func (l jobList) WriteHuman(w io.Writer) error {
	return listTable(w, "no jobs", "ID\tSTATE\tGPUS\tPRICE/H\tMAX\tESCROWED", l.Jobs, func(j jobReport) string {
		return fmt.Sprintf("%d\t%s\t%s\t%s %s\t%s\t%s %s", j.ID, j.State, j.GPUs, j.PricePerHour, j.Currency, j.MaxDuration, j.Escrowed, j.Currency)
	})
}

func runJobList(c *ucli.Context, env *cli.Env) error {
	client, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	var f jobs.Filter
	if text := c.String("state"); text != "" {
		state, err := jobs.ParseState(text)
		if err != nil {
			return fmt.Errorf("--state: %w", err)
		}
		f.State = &state
	}
	if c.Bool("mine") {
		key, err := env.Keypair()
		if err != nil {
			return err
		}
		f.Buyer = key.PublicKey()
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	list, err := client.ListJobs(c.Context, f)
	if err != nil {
		return err
	}
	out := jobList{Jobs: make([]jobReport, 0, len(list))}
	for _, j := range list {
		out.Jobs = append(out.Jobs, newJobReport(cfg, jobClassName(client.Staking, c, j.GpuClass), j))
	}
	return env.Print(out)
}

// jobView is a job as a command about it reads it before sending.
type jobView struct {
	ID  uint64
	job *jobsgen.Job
	cfg *jobsgen.JobsConfig
	cur currency         // the job's, with its mint's decimals
	io  currency         // IO's (penalties are in IO)
	now time.Time        // the chain's clock
	key solana.PublicKey // the --keypair wallet
}

func (j *jobView) state() string { return jobs.State(j.job.State).String() }

type jobOp func(*jobs.Client, context.Context, solana.PrivateKey, uint64) (*solanax.Result, error)

// jobCmd sends op on the job ID argument with the --keypair wallet. The job must exist; prepare
// refuses what cannot work or returns the command's hints; landed (optional) reads what happened.
func jobCmd(c *ucli.Context, env *cli.Env, verb string, prepare func(*jobView) (hints, error), op jobOp,
	landed func(*jobs.Client, *jobView, []string, *txReport)) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	var view *jobView
	t := txCmd[*jobs.Client]{action: fmt.Sprintf("%s job %d", verb, id), client: jobsClient,
		prepare: func(jc *jobs.Client, key solana.PrivateKey) (hints, error) {
			cfg, err := jc.FetchConfig(c.Context)
			if err != nil {
				return nil, err
			}
			j, err := jc.FetchJob(c.Context, id)
			if err != nil {
				return nil, err
			}
			now, err := chainTime(c, env)
			if err != nil {
				return nil, err
			}
			io, usdc, err := jc.FetchCurrencies(c.Context, cfg)
			if err != nil {
				return nil, err
			}
			view = &jobView{ID: id, job: j, cfg: cfg, cur: jobs.Pick(j.Mint)(io, usdc), io: io, now: now, key: key.PublicKey()}
			return prepare(view)
		},
		send: func(jc *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return op(jc, c.Context, key, id)
		},
	}
	if landed != nil {
		t.landed = func(jc *jobs.Client, logs []string, r *txReport) { landed(jc, view, logs, r) }
	}
	return t.run(c, env)
}

// closed reads the JobClosed event: what the worker was paid, the fees, the refund, any slash.
func closed(jc *jobs.Client, j *jobView, logs []string, r *txReport) {
	nonzero := func(units uint64, cur currency) *cli.Amount {
		if units == 0 {
			return nil
		}
		a := amountIn(cur, units)
		return &a
	}
	if e, ok := event[jobsgen.JobClosed](jobs.Events(logs, jc.ProgramID)); ok {
		refunded := amountIn(j.cur, e.Refunded)
		r.Token, r.Refunded = j.cur.Name, &refunded
		r.Paid, r.Fees, r.Slashed = nonzero(e.Paid, j.cur), nonzero(e.Fee, j.cur), nonzero(e.Slashed, j.io)
	}
}

func runJobCancel(c *ucli.Context, env *cli.Env) error {
	return jobCmd(c, env, "cancel", func(j *jobView) (hints, error) {
		if !j.job.Buyer.Equals(j.key) {
			return nil, fmt.Errorf("only the buyer can cancel job %d: its buyer is %s, the --keypair wallet is %s", j.ID, j.job.Buyer, j.key)
		}
		return hints{jobsgen.Error_WrongJobState: fmt.Sprintf("job %d is %s: only an open job, not yet claimed, can be cancelled", j.ID, j.state())}, nil
	}, (*jobs.Client).CancelJob, closed)
}

func runJobSettle(c *ucli.Context, env *cli.Env) error {
	return jobCmd(c, env, "settle", func(j *jobView) (hints, error) {
		return hints{
			jobsgen.Error_WindowOpen: fmt.Sprintf("job %d's challenge window is open until %s: run `ionet job settle %d` after it",
				j.ID, when(unix(j.job.WindowEndTs), j.now), j.ID),
			jobsgen.Error_WrongJobState: fmt.Sprintf("job %d is %s: only an attested job can be settled (the arbiter resolves a challenged one)", j.ID, j.state()),
		}, nil
	}, (*jobs.Client).SettleJob, closed)
}

func runJobExpire(c *ucli.Context, env *cli.Env) error {
	return jobCmd(c, env, "expire", func(j *jobView) (hints, error) {
		after := unix(j.job.ClaimedTs + int64(j.job.MaxDurationSeconds) + j.cfg.ExpiryGraceSeconds)
		return hints{
			jobsgen.Error_NotExpired: fmt.Sprintf("job %d can be expired after %s (its deadline plus the grace): run `ionet job expire %d` then",
				j.ID, when(after, j.now), j.ID),
			jobsgen.Error_WrongJobState: fmt.Sprintf("job %d is %s: only a claimed job that was never attested can be expired", j.ID, j.state()),
		}, nil
	}, (*jobs.Client).ExpireJob, closed)
}

func runJobLapse(c *ucli.Context, env *cli.Env) error {
	return jobCmd(c, env, "lapse", func(j *jobView) (hints, error) {
		return hints{
			jobsgen.Error_ResolutionPending: fmt.Sprintf("the arbiter may resolve job %d until %s: run `ionet job lapse %d` after it",
				j.ID, when(unix(j.job.ResolveByTs), j.now), j.ID),
			jobsgen.Error_WrongJobState: fmt.Sprintf("job %d is %s: only a challenged job can lapse", j.ID, j.state()),
		}, nil
	}, (*jobs.Client).LapseChallenge, closed)
}

func runJobChallenge(c *ucli.Context, env *cli.Env) error {
	var bond uint64
	return jobCmd(c, env, "challenge", func(j *jobView) (hints, error) {
		var err error
		if bond, err = solanax.ParseAmount(c.String("bond"), j.cur.Decimals); err != nil || bond == 0 {
			return nil, fmt.Errorf("--bond %q: give a positive amount of %s", c.String("bond"), j.cur.Name)
		}
		if err := needFunds(c.Context, env, j.key, j.job.Mint, bond, j.cur.Name); err != nil {
			return nil, fmt.Errorf("%w: the bond", err)
		}
		minBond, _ := jobs.MinBond(j.job.Escrowed, j.cfg.MinBondBps)
		h := hints{
			jobsgen.Error_WindowClosed:  fmt.Sprintf("job %d's challenge window closed at %s", j.ID, when(unix(j.job.WindowEndTs), j.now)),
			jobsgen.Error_BondTooSmall:  fmt.Sprintf("the bond must be at least %s (%s%% of the escrow)", j.cur.Format(minBond), solanax.FormatAmount(j.cfg.MinBondBps, 2)),
			jobsgen.Error_WrongJobState: fmt.Sprintf("job %d is %s: only an attested job can be challenged", j.ID, j.state()),
		}
		if !j.job.Buyer.Equals(j.key) {
			h[jobsgen.Error_NotChecker] = checkerHint(c, env, j)
		}
		return h, nil
	}, func(jc *jobs.Client, ctx context.Context, key solana.PrivateKey, id uint64) (*solanax.Result, error) {
		return jc.ChallengeJob(ctx, key, id, bond)
	}, nil)
}

// checkerHint explains NotChecker: the minimum stake of a checker and what the wallet has.
func checkerHint(c *ucli.Context, env *cli.Env, j *jobView) string {
	stk, err := stakingClient(c, env)
	var active uint64
	if err == nil {
		if p, err := stk.FetchPosition(c.Context, j.key); err == nil {
			active = p.Active
		}
	}
	msg := fmt.Sprintf("only the buyer or a staked checker can challenge job %d: a checker needs at least %s IO of active stake, the --keypair wallet has %s IO",
		j.ID, ioText(max(j.cfg.MinCheckerStake, 1)), ioText(active))
	if active < j.cfg.MinCheckerStake {
		msg += fmt.Sprintf(" (`ionet stake %s` makes up the difference)", ioText(j.cfg.MinCheckerStake-active))
	}
	return msg
}

func runJobResolve(c *ucli.Context, env *cli.Env) error {
	if c.Bool("fraud") == c.Bool("no-fraud") {
		return errors.New("give exactly one of --fraud and --no-fraud")
	}
	fraud := c.Bool("fraud")
	return jobCmd(c, env, "resolve", func(j *jobView) (hints, error) {
		return hints{
			jobsgen.Error_NotArbiter:    fmt.Sprintf("only the arbiter, %s, can resolve job %d", j.cfg.Arbiter, j.ID),
			jobsgen.Error_WrongJobState: fmt.Sprintf("job %d is %s: only a challenged job can be resolved", j.ID, j.state()),
		}, nil
	}, func(jc *jobs.Client, ctx context.Context, key solana.PrivateKey, id uint64) (*solanax.Result, error) {
		return jc.ResolveChallenge(ctx, key, id, fraud)
	}, closed)
}

func runJobInit(c *ucli.Context, env *cli.Env) error {
	key, client, err := signerAnd(c, env, jobsClient)
	if err != nil {
		return err
	}
	m, err := localnetcli.LocalnetManifest(c.Context, c, env)
	if err != nil {
		return fmt.Errorf("jobs init needs the localnet manifest for the IO and USDC mints: %w", err)
	}
	authority, err := initAuthority(c, key.PublicKey())
	if err != nil {
		return err
	}
	arbiter, err := keyFlag(c, "arbiter", authority)
	if err != nil {
		return err
	}
	params := jobs.DefaultParams(authority, arbiter)
	params.ChallengeWindowSeconds = int64(c.Duration("window") / time.Second)
	params.ExpiryGraceSeconds = int64(c.Duration("grace") / time.Second)
	res, err := client.Initialize(c.Context, key, m.Mints.IO.Address, m.Mints.USDC.Address, params)
	if err != nil {
		return err
	}
	return env.Print(newTxReport("initialize jobs", res, nil))
}

func jobDeviceKeypairFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "device-keypair", Required: true, Usage: "the device's own keypair file"}
}

func runJobClaim(c *ucli.Context, env *cli.Env) error {
	device, err := deviceKeypair(c)
	if err != nil {
		return err
	}
	return jobCmd(c, env, "claim", func(j *jobView) (hints, error) {
		stk, err := stakingClient(c, env)
		if err != nil {
			return nil, err
		}
		d, err := stk.FetchDevice(c.Context, device.PublicKey())
		if err != nil {
			return nil, err
		}
		cfg, err := stk.FetchConfig(c.Context)
		if err != nil {
			return nil, err
		}
		e := staking.DeviceEligibility(cfg, d)
		return hints{
			jobsgen.Error_WrongJobState:     fmt.Sprintf("job %d is %s: only an open job can be claimed", j.ID, j.state()),
			jobsgen.Error_DeviceNotEligible: fmt.Sprintf("device %s is not eligible: %s (`ionet device stake --device %s AMOUNT` adds stake)", device.PublicKey(), e.Reason, device.PublicKey()),
			jobsgen.Error_DeviceMismatch: fmt.Sprintf("job %d needs %d x %s; device %s has %d x %s", j.ID, j.job.GpuCount, jobClassName(stk, c, j.job.GpuClass),
				device.PublicKey(), d.GpuCount, e.Class),
			jobsgen.Error_InsufficientFreeStake: fmt.Sprintf("a claim reserves %s IO of the device's free stake until the job ends; device %s has %s IO staked, %s IO of it reserved for its unfinished jobs: stake more (`ionet device stake --device %s AMOUNT`) or finish a job",
				solanax.FormatAmount(jobs.WorstCasePenalty(j.cfg), solanax.IODecimals), device.PublicKey(),
				solanax.FormatAmount(d.Stake, solanax.IODecimals), solanax.FormatAmount(d.JobReserve, solanax.IODecimals), device.PublicKey()),
		}, nil
	}, func(jc *jobs.Client, ctx context.Context, key solana.PrivateKey, id uint64) (*solanax.Result, error) {
		return jc.ClaimJob(ctx, key, device, id)
	}, nil)
}

// fileHash is the SHA-256 of the file at path (zero when path is empty).
func fileHash(flag, path string) ([32]byte, error) {
	if path == "" {
		return [32]byte{}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return [32]byte{}, fmt.Errorf("--%s: %w", flag, err)
	}
	return sha256.Sum256(data), nil
}

func runJobAttest(c *ucli.Context, env *cli.Env) error {
	device, err := deviceKeypair(c)
	if err != nil {
		return err
	}
	ran := c.Duration("ran")
	if ran < 0 || ran%time.Second != 0 {
		return fmt.Errorf("--ran %s: give whole seconds, such as 30m", ran)
	}
	var a jobs.Attestation
	if a.ResultHash, err = fileHash("result", c.String("result")); err != nil {
		return err
	}
	if a.MetricsDigest, err = fileHash("metrics", c.String("metrics")); err != nil {
		return err
	}
	return jobCmd(c, env, "attest", func(j *jobView) (hints, error) {
		a.StartedTs = j.job.ClaimedTs
		a.EndedTs = j.job.ClaimedTs + int64(ran/time.Second)
		return hints{
			jobsgen.Error_WrongJobState:           fmt.Sprintf("job %d is %s: only a claimed job can be attested", j.ID, j.state()),
			jobsgen.Error_InvalidAttestationTimes: fmt.Sprintf("a run of %s from the claim ends at %s: attest after it", ran, when(unix(a.EndedTs), j.now)),
		}, nil
	}, func(jc *jobs.Client, ctx context.Context, key solana.PrivateKey, id uint64) (*solanax.Result, error) {
		return jc.SubmitAttestation(ctx, key, device, id, a)
	}, nil)
}
