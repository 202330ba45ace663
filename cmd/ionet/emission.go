package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
)

// categoryEmission groups the emission and burn commands in help.
const categoryEmission = "Emission"

// emissionCommands are `ionet emission schedule|status|crank|sweep|init` and `ionet burn`.
func emissionCommands() []*ucli.Command {
	programFlags := withPrograms(cli.ProgramEmission, cli.ProgramStaking)
	return []*ucli.Command{
		{
			Name:     "emission",
			Usage:    "IO's hourly emission: the schedule, the on-chain state, the crank",
			Category: categoryEmission,
			Subcommands: []*ucli.Command{
				{
					Name:  "schedule",
					Usage: "the emission schedule (offline): a year-by-year summary, one epoch, or a range",
					Description: "Without flags: each year's emission, cumulative emission and supply. " +
						"--epoch N or --from N --to M list epochs (1-based hours; 175,319 in all). " +
						"--plot FILE.svg also draws hourly emission and total supply over the 20 years.",
					Flags: []ucli.Flag{
						&ucli.Uint64Flag{Name: "epoch", Usage: "one epoch"},
						&ucli.Uint64Flag{Name: "from", Usage: "first epoch of a range"},
						&ucli.Uint64Flag{Name: "to", Usage: "last epoch of a range (at most 10,000 epochs)"},
						&ucli.StringFlag{Name: "plot", Usage: "write an SVG plot to this file"},
					},
					Action: cli.Action(runEmissionSchedule),
				},
				{
					Name:   "status",
					Usage:  "current epoch, last minted epoch, emitted, burned, supply, and whether the supply equation holds",
					Flags:  programFlags(),
					Action: cli.Action(runEmissionStatus),
				},
				{
					Name:  "crank",
					Usage: "mint every ended, unminted epoch (anyone may; the --keypair wallet gets the tip)",
					Flags: programFlags(
						&ucli.Uint64Flag{Name: "max-epochs", Usage: "at most this many epochs per transaction (0: the program's maximum)"},
						&ucli.BoolFlag{Name: "once", Usage: "send one transaction only, even when more epochs are due"},
					),
					Action: cli.Action(runEmissionCrank),
				},
				{
					Name:   "sweep",
					Usage:  "move the supplier rewards no device can claim any more to the treasury (anyone may)",
					Flags:  programFlags(),
					Action: cli.Action(runEmissionSweep),
				},
				{
					Name: "init",
					Usage: "initialise the emission program on a localnet: the manifest's IO mint authority hands " +
						"minting to the program (the --keypair wallet, the program's upgrade authority, pays; --authority becomes the authority)",
					Flags: programFlags(localnetcli.ManifestFlag(),
						&ucli.StringFlag{Name: "start", Value: "now", Usage: "unix time epoch 1 starts, or now (the chain's clock)"},
						&ucli.Uint64Flag{Name: "staker-split-bps", Value: 2_000, Usage: "staker share of each epoch in basis points"},
						&ucli.StringFlag{Name: "crank-tip", Value: "0.01", Usage: "IO paid to the crank's caller, out of the emission"},
						&ucli.StringFlag{Name: "treasury", Usage: "treasury authority (default: the authority)"},
						initAuthorityFlag(),
					),
					Action: cli.Action(runEmissionInit),
				},
			},
		},
		{
			Name:      "burn",
			Usage:     "burn IO from the treasury (treasury authority only) and record it in the burn ledger",
			ArgsUsage: "AMOUNT",
			Category:  categoryEmission,
			Flags:     programFlags(&ucli.StringFlag{Name: "reason", Required: true, Usage: "why (recorded on chain, at most 64 bytes)"}),
			Action:    cli.Action(runBurn),
		},
	}
}

// maxScheduleRange bounds --from/--to listings.
const maxScheduleRange = 10_000

func runEmissionSchedule(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return errors.New("emission schedule takes no arguments: use --epoch N or --from N --to M")
	}
	if path := c.String("plot"); path != "" {
		if err := writePlot(path); err != nil {
			return err
		}
	}
	from, to, err := scheduleRange(c)
	if err != nil {
		return err
	}
	if from == 0 {
		return env.Print(yearlySchedule())
	}
	entries, err := schedule.Entries(from, to)
	if err != nil {
		return err
	}
	var r epochsReport
	for e := range entries {
		r.Epochs = append(r.Epochs, newEpochRow(e.Epoch, e.Amount, e.Cumulative))
	}
	return env.Print(r)
}

// scheduleRange is --epoch or --from/--to (0, 0: neither).
func scheduleRange(c *ucli.Context) (from, to uint64, err error) {
	switch {
	case c.IsSet("epoch") && (c.IsSet("from") || c.IsSet("to")):
		return 0, 0, errors.New("give either --epoch N or --from N --to M, not both")
	case c.IsSet("epoch"):
		from, to = c.Uint64("epoch"), c.Uint64("epoch")
	case c.IsSet("from") || c.IsSet("to"):
		if !c.IsSet("from") || !c.IsSet("to") {
			return 0, 0, errors.New("a range needs both --from N and --to M")
		}
		from, to = c.Uint64("from"), c.Uint64("to")
	default:
		return 0, 0, nil
	}
	if from == 0 {
		return 0, 0, errors.New("epochs are numbered from 1 (epoch 1 is the first hour)")
	}
	if to >= from && to-from >= maxScheduleRange {
		return 0, 0, fmt.Errorf("--from %d --to %d lists %d epochs: at most %d at a time", from, to, to-from+1, maxScheduleRange)
	}
	return from, to, nil
}

func writePlot(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--plot: %w", err)
	}
	if err := writePlotSVG(f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--plot: %w", err)
	}
	return nil
}

// epochRow is one epoch of the schedule; amounts in IO.
type epochRow struct {
	Epoch           uint64     `json:"epoch"`
	Amount          cli.Amount `json:"amount"`
	Cumulative      cli.Amount `json:"cumulative"`
	PercentOfLaunch float64    `json:"percentOfLaunch"` // cumulative emission / 500,000,000 IO
}

func newEpochRow(epoch, amount, cumulative uint64) epochRow {
	return epochRow{Epoch: epoch, Amount: cli.IO(amount), Cumulative: cli.IO(cumulative), PercentOfLaunch: schedule.PercentOfLaunch(cumulative)}
}

type epochsReport struct {
	Epochs []epochRow `json:"epochs"`
}

func (r epochsReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "epoch\tIO this hour\tcumulative IO\t% of launch\t")
	for _, e := range r.Epochs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.6f\t\n", e.Epoch, e.Amount, e.Cumulative, e.PercentOfLaunch)
	}
	return tw.Flush()
}

// yearRow is one year of the schedule (8,760 epochs; the last year ends at the final epoch).
type yearRow struct {
	Year       int        `json:"year"`
	FirstEpoch uint64     `json:"firstEpoch"`
	LastEpoch  uint64     `json:"lastEpoch"`
	Emitted    cli.Amount `json:"emitted"`    // IO in this year
	Cumulative cli.Amount `json:"cumulative"` // IO
	Supply     cli.Amount `json:"supply"`     // IO, before burns
	Percent    float64    `json:"percentOfLaunch"`
}

type yearsReport struct {
	Years         []yearRow  `json:"years"`
	TotalEmission cli.Amount `json:"totalEmission"`
	MaxSupply     cli.Amount `json:"maxSupply"`
}

func yearlySchedule() yearsReport {
	r := yearsReport{TotalEmission: cli.IO(schedule.TotalEmission), MaxSupply: cli.IO(schedule.MaxSupply)}
	const hoursPerYear = 8_760
	for year, first := 1, uint64(1); first <= schedule.LastEpoch; year, first = year+1, first+hoursPerYear {
		last := min(first+hoursPerYear-1, schedule.LastEpoch)
		cumulative := schedule.Cumulative(last)
		r.Years = append(r.Years, yearRow{
			Year: year, FirstEpoch: first, LastEpoch: last,
			Emitted:    cli.IO(cumulative - schedule.Cumulative(first-1)),
			Cumulative: cli.IO(cumulative),
			Supply:     cli.IO(schedule.Supply(last)),
			Percent:    schedule.PercentOfLaunch(cumulative),
		})
	}
	return r
}

func (r yearsReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "year\tepochs\tIO emitted\tcumulative IO\tsupply IO\t% of launch\t")
	for _, y := range r.Years {
		fmt.Fprintf(tw, "%d\t%d-%d\t%s\t%s\t%s\t%.4f\t\n", y.Year, y.FirstEpoch, y.LastEpoch, y.Emitted, y.Cumulative, y.Supply, y.Percent)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Total emission %s IO; supply never exceeds %s IO.\n", r.TotalEmission, r.MaxSupply)
	return err
}

// statusReport is `emission status`: emission.Status with its amounts in the one JSON shape.
type statusReport struct {
	*emission.Status `json:"-"`
	ProgramID        string     `json:"programId"`
	IOMint           string     `json:"ioMint"`
	StartTs          int64      `json:"startTs"`
	ChainTimeUTC     time.Time  `json:"chainTimeUtc"`
	CurrentEpoch     uint64     `json:"currentEpoch"`
	LastEndedEpoch   uint64     `json:"lastEndedEpoch"`
	LastMintedEpoch  uint64     `json:"lastMintedEpoch"`
	EmittedIO        cli.Amount `json:"emitted"`
	ScheduledIO      cli.Amount `json:"scheduledEmission"`
	StakerIO         cli.Amount `json:"stakerEmitted"`
	SupplierIO       cli.Amount `json:"supplierEmitted"`
	TipsIO           cli.Amount `json:"tipsPaid"`
	BurnedIO         cli.Amount `json:"burned"`
	Burns            uint64     `json:"burnCount"`
	SupplyIO         cli.Amount `json:"supply"`
	ExpectedIO       cli.Amount `json:"expectedSupply"`
	Holds            bool       `json:"supplyHolds"`
	OutsideLedgerIO  cli.Amount `json:"burnedOutsideLedger"`
	SplitBps         uint64     `json:"stakerSplitBps"`
	TipIO            cli.Amount `json:"crankTip"`
}

func newStatusReport(s *emission.Status) statusReport {
	return statusReport{Status: s, ProgramID: s.ProgramID.String(), IOMint: s.IOMint.String(), StartTs: s.StartTs,
		ChainTimeUTC: time.Unix(s.ChainTime, 0).UTC(), CurrentEpoch: s.CurrentEpoch, LastEndedEpoch: s.LastEndedEpoch, LastMintedEpoch: s.LastMintedEpoch,
		EmittedIO: cli.IO(s.Emitted), ScheduledIO: cli.IO(s.ScheduledEmission), StakerIO: cli.IO(s.StakerEmitted), SupplierIO: cli.IO(s.SupplierEmitted),
		TipsIO: cli.IO(s.TipsPaid), BurnedIO: cli.IO(s.Burned), Burns: s.BurnCount, SupplyIO: cli.IO(s.Supply),
		ExpectedIO: cli.IO(s.ExpectedSupply), Holds: s.SupplyHolds, OutsideLedgerIO: cli.IO(s.BurnedOutsideLedger), SplitBps: s.StakerSplitBps, TipIO: cli.IO(s.CrankTip)}
}

func (r statusReport) WriteHuman(w io.Writer) error {
	ioText := func(units uint64) string { return solanax.FormatAmount(units, schedule.Decimals) + " IO" }
	holds := "HOLDS"
	switch {
	case !r.SupplyHolds:
		holds = "DOES NOT HOLD"
	case r.BurnedOutsideLedger > 0:
		holds = fmt.Sprintf("HOLDS (%s burned by holders with plain SPL Token burns, outside the ledger)", ioText(r.BurnedOutsideLedger))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range [][2]string{
		{"program", r.ProgramID},
		{"chain time", r.ChainTimeUTC.Format(time.RFC3339)},
		{"current epoch", fmt.Sprintf("%d of %d", r.CurrentEpoch, schedule.LastEpoch)},
		{"last ended epoch", strconv.FormatUint(r.LastEndedEpoch, 10)},
		{"last minted epoch", strconv.FormatUint(r.LastMintedEpoch, 10)},
		{"emitted", fmt.Sprintf("%s (stakers %s, suppliers %s, tips %s)", ioText(r.Emitted), ioText(r.StakerEmitted), ioText(r.SupplierEmitted), ioText(r.TipsPaid))},
		{"burned (ledger)", fmt.Sprintf("%s (%d treasury burns, and slashes)", ioText(r.Burned), r.BurnCount)},
		{"supply", ioText(r.Supply)},
		{"supply equation", fmt.Sprintf("500,000,000 IO + emitted - burned = %s: %s", ioText(r.ExpectedSupply), holds)},
	} {
		fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
	}
	return tw.Flush()
}

func runEmissionStatus(c *ucli.Context, env *cli.Env) error {
	client, err := emissionClient(c, env)
	if err != nil {
		return err
	}
	s, err := client.Status(c.Context)
	if err != nil {
		return err
	}
	return env.Print(newStatusReport(s))
}

// crankReport is `emission crank`.
type crankReport struct {
	Transactions []crankTx `json:"transactions"`
	UpToDate     bool      `json:"upToDate"` // nothing was left to mint when it stopped
}

type crankTx struct {
	txRef
	FirstEpoch uint64     `json:"firstEpoch"`
	LastEpoch  uint64     `json:"lastEpoch"`
	Minted     cli.Amount `json:"minted"` // IO
	Tip        cli.Amount `json:"tip"`    // IO
}

func (r crankReport) WriteHuman(w io.Writer) error {
	if len(r.Transactions) == 0 {
		_, err := fmt.Fprintln(w, "nothing to mint: every ended epoch is minted")
		return err
	}
	for _, tx := range r.Transactions {
		if _, err := fmt.Fprintf(w, "minted epochs %d-%d: %s IO (tip %s IO)\nSignature %s\n", tx.FirstEpoch, tx.LastEpoch, tx.Minted, tx.Tip, tx.Signature); err != nil {
			return err
		}
	}
	return nil
}

func runEmissionCrank(c *ucli.Context, env *cli.Env) error {
	key, client, err := signerAnd(c, env, emissionClient)
	if err != nil {
		return err
	}
	var done []*emission.CrankResult
	var stopped error // CatchUp's failure after some transactions landed
	if c.Bool("once") {
		res, err := client.Crank(c.Context, key, c.Uint64("max-epochs"))
		if err != nil && !emission.IsCaughtUp(err) {
			return err
		}
		if res != nil {
			done = append(done, res)
		}
	} else if done, stopped = client.CatchUp(c.Context, key, c.Uint64("max-epochs")); stopped != nil && len(done) == 0 {
		return stopped
	}
	r := crankReport{Transactions: []crankTx{}, UpToDate: !c.Bool("once") || len(done) == 0}
	for _, d := range done {
		m := d.Minted
		r.Transactions = append(r.Transactions, crankTx{
			txRef: refOf(d.Result), FirstEpoch: m.FirstEpoch, LastEpoch: m.LastEpoch,
			Minted: cli.IO(m.StakerAmount + m.SupplierAmount + m.Tip),
			Tip:    cli.IO(m.Tip),
		})
	}
	if stopped != nil {
		r.UpToDate = false
		if err := env.Print(r); err != nil {
			return err
		}
		return fmt.Errorf("minted only part: %d transaction(s) landed (listed above), then: %w; rerun `ionet emission crank` for the epochs still unminted", len(done), stopped)
	}
	return env.Print(r)
}

// sweepReport is `emission sweep`.
type sweepReport struct {
	txRef
	Treasury   string     `json:"treasury"`
	Swept      cli.Amount `json:"swept"`      // IO moved to the treasury
	Claimable  cli.Amount `json:"claimable"`  // IO left in the supplier vault for claims
	TotalSwept cli.Amount `json:"totalSwept"` // IO, every sweep so far
}

func (r sweepReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "swept %s IO of unclaimable supplier rewards to the treasury %s (%s IO stays claimable; %s IO swept in all)\nSignature %s\n",
		r.Swept, r.Treasury, r.Claimable, r.TotalSwept, r.Signature)
	return err
}

func runEmissionSweep(c *ucli.Context, env *cli.Env) error {
	key, client, err := signerAnd(c, env, emissionClient)
	if err != nil {
		return err
	}
	res, err := client.SweepSupplierPool(c.Context, key)
	if err != nil {
		return err
	}
	s := res.Swept
	return env.Print(sweepReport{txRef: refOf(res.Result), Treasury: s.Treasury.String(), Swept: cli.IO(s.Amount),
		Claimable: cli.IO(s.Claimable), TotalSwept: cli.IO(s.TotalSwept)})
}

func runEmissionInit(c *ucli.Context, env *cli.Env) error {
	key, client, err := signerAnd(c, env, emissionClient)
	if err != nil {
		return err
	}
	m, err := localnetcli.LocalnetManifest(c.Context, c, env)
	if err != nil {
		return fmt.Errorf("emission init needs the localnet manifest (for the IO mint authority): %w", err)
	}
	mintAuthority, err := cli.LoadKeypair(m.MintAuthority.Keypair)
	if err != nil {
		return fmt.Errorf("load the IO mint authority: %w", err)
	}
	start, err := startTime(c, client)
	if err != nil {
		return err
	}
	tip, err := solanax.ParseAmount(c.String("crank-tip"), schedule.Decimals)
	if err != nil {
		return fmt.Errorf("--crank-tip: %w", err)
	}
	authority, err := initAuthority(c, key.PublicKey())
	if err != nil {
		return err
	}
	treasury, err := keyFlag(c, "treasury", authority)
	if err != nil {
		return err
	}
	settings := emission.DefaultSettings(authority, treasury)
	settings.StakerSplitBps = c.Uint64("staker-split-bps")
	settings.CrankTip = tip
	res, err := client.Initialize(c.Context, key, mintAuthority, m.Mints.IO.Address, start, settings)
	if err != nil {
		return err
	}
	return env.Print(newTxReport(fmt.Sprintf("initialize emission (epoch 1 starts at %s)", time.Unix(start, 0).UTC().Format(time.RFC3339)), res, nil))
}

// startTime is --start: a unix time, or now on the chain's clock.
func startTime(c *ucli.Context, client *emission.Client) (int64, error) {
	text := c.String("start")
	if text == "now" {
		return solanax.ChainTime(c.Context, client.Solana().RPC)
	}
	start, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("--start %q: give a unix time in seconds or now", text)
	}
	return start, nil
}

// burnReport is `ionet burn`.
type burnReport struct {
	txReport
	Index  uint64 `json:"index"`
	Reason string `json:"reason"`
}

func (r burnReport) WriteHuman(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "burn record %d (%q)\n", r.Index, r.Reason); err != nil {
		return err
	}
	return r.txReport.WriteHuman(w)
}

func runBurn(c *ucli.Context, env *cli.Env) error {
	amount, err := oneAmount(c)
	if err != nil {
		return err
	}
	key, client, err := signerAnd(c, env, emissionClient)
	if err != nil {
		return err
	}
	st, err := client.FetchState(c.Context)
	if err != nil {
		return err
	}
	if err := needFunds(c.Context, env, key.PublicKey(), st.IoMint, amount, "IO"); err != nil {
		return err
	}
	reason := c.String("reason")
	index, res, err := client.Burn(c.Context, key, amount, reason)
	if err != nil {
		return explain(env, err, hints{emissiongen.Error_NotTreasuryAuthority: fmt.Sprintf(
			"only the treasury authority, %s, can burn through the ledger (the --keypair wallet is %s)", st.TreasuryAuthority, key.PublicKey())})
	}
	return env.Print(burnReport{txReport: newTxReport("burn", res, &amount), Index: index, Reason: reason})
}
