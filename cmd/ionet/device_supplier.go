package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// historyLimit is how many of a device's transactions `device show` reads for its stake history.
const historyLimit = 100

// deviceListCommand is `device list`: a supplier's devices at a glance.
func deviceListCommand() *ucli.Command {
	return &ucli.Command{
		Name: "list", Usage: "list the devices an owner registered, with stake and eligibility",
		Flags:  []ucli.Flag{stakingProgramFlag(), &ucli.StringFlag{Name: "owner", Usage: "device owner (default: the --keypair wallet)"}},
		Action: cli.Action(runDeviceList),
	}
}

type deviceListReport struct {
	Owner   string           `json:"owner"`
	Devices []deviceListItem `json:"devices"`
}

type deviceListItem struct {
	Device   string     `json:"device"`
	Class    string     `json:"class"`
	GPUs     uint64     `json:"gpus"`
	Stake    cli.Amount `json:"stake"`    // IO
	Required cli.Amount `json:"required"` // IO
	Eligible bool       `json:"eligible"`
	Reason   string     `json:"reason"`
}

func (r deviceListReport) WriteHuman(w io.Writer) error {
	if len(r.Devices) == 0 {
		_, err := fmt.Fprintf(w, "no devices registered by %s\n", r.Owner)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tGPUS\tSTAKE (IO)\tREQUIRED (IO)\tELIGIBLE")
	for _, d := range r.Devices {
		verdict := "yes"
		if !d.Eligible {
			verdict = "no: " + d.Reason
		}
		fmt.Fprintf(tw, "%s\t%d x %s\t%s\t%s\t%s\n", d.Device, d.GPUs, d.Class, d.Stake, d.Required, verdict)
	}
	return tw.Flush()
}

func runDeviceList(c *ucli.Context, env *cli.Env) error {
	owner, err := ownerFlag(c, env)
	if err != nil {
		return err
	}
	client, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	devices, err := client.ListDevices(c.Context, owner)
	if err != nil {
		return err
	}
	report := deviceListReport{Owner: owner.String(), Devices: []deviceListItem{}}
	for _, d := range devices {
		e := staking.DeviceEligibility(cfg, d)
		report.Devices = append(report.Devices, deviceListItem{Device: d.DeviceKey.String(), Class: e.Class, GPUs: d.GpuCount,
			Stake: cli.IO(d.Stake), Required: cli.IO(e.Required), Eligible: e.Eligible, Reason: e.Reason})
	}
	return env.Print(report)
}

// checkUnstake refuses, unless --yes, an unstake that would leave the device below its
// requirement: it could take no jobs and earn no liveness rewards until staked again.
func checkUnstake(c *ucli.Context, s *staking.Client, d *stakinggen.Device, amount uint64) error {
	if c.Bool("yes") {
		return nil
	}
	cfg, err := s.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	required := staking.DeviceEligibility(cfg, d).Required
	left := d.Stake - min(amount, d.Stake)
	if left >= required {
		return nil
	}
	return fmt.Errorf("unstaking %s IO leaves %s IO, below the %s IO this device's class and count require: it would take no jobs and earn no liveness rewards until staked again; add --yes to unstake anyway",
		ioText(amount), ioText(left), ioText(required))
}

// stakeChange is one line of `device show`'s stake history.
type stakeChange struct {
	Signature string     `json:"signature"`
	Time      time.Time  `json:"time"`
	Kind      string     `json:"kind"` // staked, unstaked, slashed
	Amount    cli.Amount `json:"amount"`
	Job       *uint64    `json:"job,omitempty"`
	Why       string     `json:"why,omitempty"`
}

// stakeHistory is the device's recent stake changes for `device show`; when they cannot be
// read the report still shows the device, and the note says why the history is missing.
func stakeHistory(c *ucli.Context, env *cli.Env, device [32]byte) ([]stakeChange, string) {
	client, err := jobsClient(c, env)
	if err != nil {
		return nil, "stake history unavailable: " + err.Error()
	}
	changes, err := client.DeviceHistory(c.Context, device, historyLimit)
	if err != nil {
		return nil, "stake history unavailable: " + err.Error()
	}
	out := []stakeChange{}
	for _, h := range changes {
		out = append(out, stakeChange{Signature: h.Signature, Time: h.Time, Kind: h.Kind, Amount: cli.IO(h.Amount), Job: h.Job, Why: h.Why})
	}
	return out, ""
}

func writeStakeHistory(tw io.Writer, history []stakeChange) {
	for _, h := range history {
		line := fmt.Sprintf("%s %s IO", h.Kind, h.Amount)
		if h.Why != "" {
			line += ": " + h.Why
		}
		fmt.Fprintf(tw, "History\t%s\t%s\n", h.Time.Format("2006-01-02T15:04:05Z"), line)
	}
}
