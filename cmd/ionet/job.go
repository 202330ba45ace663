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
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

const (
	categoryJobs    = "Jobs"
	flagJobsProgram = "jobs-program"
	usdcDecimals    = 6
)

// jobCommands is `ionet job` and its subcommands.
func jobCommands() []*ucli.Command {
	programs := func(extra ...ucli.Flag) []ucli.Flag {
		return append([]ucli.Flag{jobsProgramFlag(), stakingProgramFlag()}, extra...)
	}
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
					&ucli.BoolFlag{Name: "yes", Usage: "skip the confirmation prompt"},
				),
				Action: cli.Action(runJobCreate),
			},
			{Name: "show", Usage: "show a job", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(runJobShow)},
			jobFetchCommand(programs),
			{
				Name: "list", Usage: "list live jobs (closed jobs no longer exist on-chain)",
				Flags: programs(
					&ucli.StringFlag{Name: "state", Usage: "only jobs in this state: open, claimed, attested, challenged"},
					&ucli.BoolFlag{Name: "mine", Usage: "only jobs the --keypair wallet posted"},
				),
				Action: cli.Action(runJobList),
			},
			{Name: "cancel", Usage: "cancel your unclaimed job: full refund", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(jobTx("cancel job", (*jobs.Client).CancelJob))},
			{Name: "settle", Usage: "settle an attested job after its challenge window (anyone)", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(jobTx("settle job", (*jobs.Client).SettleJob))},
			{Name: "expire", Usage: "expire a claimed job past its deadline and grace (anyone): refund, device slashed", ArgsUsage: "ID", Flags: programs(), Action: cli.Action(jobTx("expire job", (*jobs.Client).ExpireJob))},
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
				Usage: "initialise the jobs program (localnet set-up; the signer becomes update authority and arbiter)",
				Flags: programs(cli.ManifestFlag(),
					&ucli.DurationFlag{Name: "window", Value: time.Hour, Usage: "challenge window"},
					&ucli.DurationFlag{Name: "grace", Value: time.Hour, Usage: "expiry grace after a claimed job's deadline"},
					&ucli.StringFlag{Name: "arbiter", Usage: "arbiter (default: the signer)"}),
				Action: cli.Action(runJobInit),
			},
		},
	}}
}

func jobsProgramFlag() ucli.Flag {
	return &ucli.StringFlag{Name: flagJobsProgram, Usage: "jobs program id (default: " + jobsgen.ProgramID.String() + ", the localnet's)"}
}

// jobsClient is the jobs client for the chosen cluster and programs.
func jobsClient(c *ucli.Context, env *cli.Env) (*jobs.Client, error) {
	stk, err := stakingClient(c, env)
	if err != nil {
		return nil, err
	}
	var program solana.PublicKey
	if text := c.String(flagJobsProgram); text != "" {
		if program, err = solana.PublicKeyFromBase58(text); err != nil {
			return nil, fmt.Errorf("--%s %q is not a base58 public key: %w", flagJobsProgram, text, err)
		}
	}
	return jobs.New(env.Client(), program, stk)
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

// currency is a payment mint with its name and decimals.
type currency struct {
	Name     string
	Mint     solana.PublicKey
	Decimals uint8
	FeeBps   uint64
}

func currencies(cfg *jobsgen.JobsConfig) (io, usdc currency) {
	return currency{"IO", cfg.IoMint, solanax.IODecimals, cfg.ReservationFeeBps},
		currency{"USDC", cfg.UsdcMint, usdcDecimals, cfg.ReservationFeeBps + cfg.UsdcFeeBps}
}

func (cur currency) format(units uint64) string {
	return solanax.FormatAmount(units, cur.Decimals) + " " + cur.Name
}

// currencyOf is the job mint's currency.
func currencyOf(cfg *jobsgen.JobsConfig, mint solana.PublicKey) currency {
	io, usdc := currencies(cfg)
	if mint.Equals(usdc.Mint) {
		return usdc
	}
	return io
}

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
	Currency     string  `json:"currency"`
	PricePerHour string  `json:"pricePerHour"`
	Seconds      uint64  `json:"maxDurationSeconds"`
	MaxPay       string  `json:"maxPay"`
	MaxFees      string  `json:"maxFees"`
	FeeBps       uint64  `json:"feeBps"`
	Escrow       string  `json:"escrow"`
	OtherEscrow  string  `json:"otherCurrencyEscrow"`
	OtherFees    string  `json:"otherCurrencyMaxFees"`
	SpecHash     string  `json:"specHash"`
	JobID        *uint64 `json:"jobId,omitempty"`
	Signature    string  `json:"signature,omitempty"`
}

func (r costReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Price\t%s an hour, at most %s\n", r.PricePerHour, time.Duration(r.Seconds)*time.Second)
	fmt.Fprintf(tw, "Worker pay\tup to %s\n", r.MaxPay)
	fmt.Fprintf(tw, "Fees\tup to %s (%s%%, charged only on what the worker is paid)\n", r.MaxFees, solanax.FormatAmount(r.FeeBps, 2))
	fmt.Fprintf(tw, "Escrow\t%s (the unused part is refunded)\n", r.Escrow)
	fmt.Fprintf(tw, "Other currency\tthe same price would escrow %s, fees up to %s\n", r.OtherEscrow, r.OtherFees)
	fmt.Fprintf(tw, "Spec hash\t%s\n", r.SpecHash)
	if r.JobID != nil {
		fmt.Fprintf(tw, "Job\t%d posted (signature %s)\n", *r.JobID, r.Signature)
	}
	return tw.Flush()
}

func runJobCreate(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	client, err := jobsClient(c, env)
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
	seconds, err := parseHours(c.String("hours"))
	if err != nil {
		return err
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	io, usdc := currencies(cfg)
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
		Currency: pay.Name, PricePerHour: pay.format(price), Seconds: seconds,
		MaxPay: pay.format(quote.MaxPay), MaxFees: pay.format(quote.MaxFee), FeeBps: pay.FeeBps, Escrow: pay.format(quote.Escrow),
		OtherEscrow: other.format(otherQuote.Escrow), OtherFees: other.format(otherQuote.MaxFee), SpecHash: hex.EncodeToString(hash[:]),
	}
	if !c.Bool("yes") {
		if err := report.WriteHuman(env.Out); err != nil {
			return err
		}
		if !confirm(c.App.Reader, env.Out, fmt.Sprintf("Escrow %s? [y/N] ", report.Escrow)) {
			return errors.New("not confirmed: nothing was posted (pass --yes to skip the prompt)")
		}
	}
	terms := jobs.Terms{SpecHash: hash, GPUClass: class, GPUCount: c.Uint64("gpus"), PricePerHour: price, MaxDurationSeconds: seconds}
	id, res, err := client.CreateJob(c.Context, key, pay.Mint, terms)
	if err != nil {
		return err
	}
	report.JobID, report.Signature = &id, res.Signature.String()
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
	ID           uint64 `json:"id"`
	State        string `json:"state"`
	Buyer        string `json:"buyer"`
	Currency     string `json:"currency"`
	PricePerHour string `json:"pricePerHour"`
	MaxDuration  string `json:"maxDuration"`
	Escrowed     string `json:"escrowed"`
	GPUs         string `json:"gpus"`
	SpecHash     string `json:"specHash"`
	Device       string `json:"deviceKey,omitempty"`
	Started      string `json:"started,omitempty"`
	Elapsed      string `json:"elapsed,omitempty"`
	WindowEnds   string `json:"windowEnds,omitempty"`
	Bond         string `json:"bond,omitempty"`
}

func newJobReport(cfg *jobsgen.JobsConfig, class string, j *jobsgen.Job) jobReport {
	cur := currencyOf(cfg, j.Mint)
	r := jobReport{
		ID: j.Id, State: jobs.State(j.State).String(), Buyer: j.Buyer.String(), Currency: cur.Name,
		PricePerHour: cur.format(j.PricePerHour), MaxDuration: (time.Duration(j.MaxDurationSeconds) * time.Second).String(),
		Escrowed: cur.format(j.Escrowed), GPUs: fmt.Sprintf("%d x %s", j.GpuCount, class), SpecHash: hex.EncodeToString(j.SpecHash[:]),
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
		r.Bond = cur.format(j.Bond)
	}
	return r
}

func (r jobReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	rows := [][2]string{
		{"Job", strconv.FormatUint(r.ID, 10)}, {"State", r.State}, {"Buyer", r.Buyer}, {"GPUs", r.GPUs},
		{"Price", r.PricePerHour + " an hour, at most " + r.MaxDuration}, {"Escrowed", r.Escrowed}, {"Spec hash", r.SpecHash},
		{"Device", r.Device}, {"Started", r.Started}, {"Ran", r.Elapsed}, {"Window ends", r.WindowEnds}, {"Bond", r.Bond},
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
	if errors.Is(err, jobs.ErrNotFound) {
		return fmt.Errorf("job %d does not exist: it was never posted, or it closed (settled, cancelled, expired or resolved)", id)
	}
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
	if len(l.Jobs) == 0 {
		_, err := fmt.Fprintln(w, "no jobs")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tGPUS\tPRICE/H\tMAX\tESCROWED")
	for _, j := range l.Jobs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", j.ID, j.State, j.GPUs, j.PricePerHour, j.MaxDuration, j.Escrowed)
	}
	return tw.Flush()
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

type jobOp func(*jobs.Client, context.Context, solana.PrivateKey, uint64) (*solanax.Result, error)

// jobTx runs op on the ID argument with the --keypair wallet.
func jobTx(action string, op jobOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		id, err := jobID(c)
		if err != nil {
			return err
		}
		return runJobTx(c, env, fmt.Sprintf("%s %d", action, id), func(client *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return op(client, c.Context, key, id)
		})
	}
}

func runJobTx(c *ucli.Context, env *cli.Env, action string, op func(*jobs.Client, solana.PrivateKey) (*solanax.Result, error)) error {
	return runTx(c, env, action, nil, jobsClient, op)
}

func runJobChallenge(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	return runJobTx(c, env, fmt.Sprintf("challenge job %d", id), func(client *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
		cfg, err := client.FetchConfig(c.Context)
		if err != nil {
			return nil, err
		}
		j, err := client.FetchJob(c.Context, id)
		if err != nil {
			return nil, err
		}
		cur := currencyOf(cfg, j.Mint)
		bond, err := solanax.ParseAmount(c.String("bond"), cur.Decimals)
		if err != nil || bond == 0 {
			return nil, fmt.Errorf("--bond %q: give a positive amount of %s", c.String("bond"), cur.Name)
		}
		return client.ChallengeJob(c.Context, key, id, bond)
	})
}

func runJobResolve(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	if c.Bool("fraud") == c.Bool("no-fraud") {
		return errors.New("give exactly one of --fraud and --no-fraud")
	}
	fraud := c.Bool("fraud")
	return runJobTx(c, env, fmt.Sprintf("resolve job %d", id), func(client *jobs.Client, key solana.PrivateKey) (*solanax.Result, error) {
		return client.ResolveChallenge(c.Context, key, id, fraud)
	})
}

func runJobInit(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	client, err := jobsClient(c, env)
	if err != nil {
		return err
	}
	m, err := cli.LocalnetManifest(c.Context, c, env)
	if err != nil {
		return fmt.Errorf("jobs init needs the localnet manifest for the IO and USDC mints: %w", err)
	}
	arbiter := key.PublicKey()
	if text := c.String("arbiter"); text != "" {
		if arbiter, err = solana.PublicKeyFromBase58(text); err != nil {
			return fmt.Errorf("--arbiter %q is not a base58 public key: %w", text, err)
		}
	}
	params := jobs.DefaultParams(key.PublicKey(), arbiter)
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
	id, err := jobID(c)
	if err != nil {
		return err
	}
	device, err := deviceKeypair(c)
	if err != nil {
		return err
	}
	return runJobTx(c, env, fmt.Sprintf("claim job %d", id), func(client *jobs.Client, owner solana.PrivateKey) (*solanax.Result, error) {
		return client.ClaimJob(c.Context, owner, device, id)
	})
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
	id, err := jobID(c)
	if err != nil {
		return err
	}
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
	return runJobTx(c, env, fmt.Sprintf("attest job %d", id), func(client *jobs.Client, payer solana.PrivateKey) (*solanax.Result, error) {
		j, err := client.FetchJob(c.Context, id)
		if err != nil {
			return nil, err
		}
		a.StartedTs = j.ClaimedTs
		a.EndedTs = j.ClaimedTs + int64(ran/time.Second)
		return client.SubmitAttestation(c.Context, payer, device, id, a)
	})
}
