package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/staking"
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
	Device   string `json:"device"`
	Class    string `json:"class"`
	GPUs     uint64 `json:"gpus"`
	Stake    string `json:"stake"`    // IO
	Required string `json:"required"` // IO
	Eligible bool   `json:"eligible"`
	Reason   string `json:"reason"`
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
			Stake: ioText(d.Stake), Required: ioText(e.Required), Eligible: e.Eligible, Reason: e.Reason})
	}
	return env.Print(report)
}

// checkUnstake refuses, unless --yes, an unstake that would leave the device below its
// requirement: it could take no jobs and earn no liveness rewards until staked again.
func checkUnstake(c *ucli.Context, env *cli.Env, device [32]byte, amount uint64) error {
	if c.Bool("yes") {
		return nil
	}
	client, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	d, err := client.FetchDevice(c.Context, device)
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

// stakeHistory is the device's recent stake changes for `device show`; when they cannot be
// read the report still shows the device, and the note says why the history is missing.
func stakeHistory(c *ucli.Context, env *cli.Env, device [32]byte) ([]jobs.StakeChange, string) {
	client, err := jobsClient(c, env)
	if err != nil {
		return nil, "stake history unavailable: " + err.Error()
	}
	h, err := client.DeviceHistory(c.Context, device, historyLimit)
	if err != nil {
		return nil, "stake history unavailable: " + err.Error()
	}
	return h, ""
}

func writeStakeHistory(tw io.Writer, history []jobs.StakeChange) {
	for _, h := range history {
		line := fmt.Sprintf("%s %s IO", h.Kind, ioText(h.Amount))
		if h.Why != "" {
			line += ": " + h.Why
		}
		fmt.Fprintf(tw, "History\t%s\t%s\n", h.Time.Format("2006-01-02T15:04:05Z"), line)
	}
}
