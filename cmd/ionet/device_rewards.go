package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// deviceRewardsCommands are `ionet device heartbeat|rewards|claim`: liveness rewards, paid by the
// emission program out of each epoch's supplier pool.
func deviceRewardsCommands() []*ucli.Command {
	flags := withPrograms(cli.ProgramEmission, cli.ProgramStaking)
	deviceKeypairFlag := &ucli.StringFlag{Name: "device-keypair", Usage: "the device's own keypair file"}
	return []*ucli.Command{
		{
			Name: "heartbeat",
			Usage: "record the device as live in the current epoch (the device key signs and pays; " +
				"one per epoch; the worker does this every hour)",
			Flags:  flags(deviceKeypairFlag),
			Action: cli.Action(runDeviceHeartbeat),
		},
		{
			Name: "rewards", ArgsUsage: "[DEVICE]",
			Usage: "a device's liveness rewards over the last 72 epochs: live or not and why, weight, share, claimed",
			Flags: flags(deviceKeypairFlag,
				&ucli.StringFlag{Name: "device", Usage: "device public key (default: DEVICE, else the --device-keypair's)"}),
			Action: cli.Action(runDeviceRewards),
		},
		{
			Name:   "claim",
			Usage:  "claim every minted, unclaimed liveness reward of the --keypair wallet's devices into its IO account",
			Flags:  flags(),
			Action: cli.Action(runDeviceClaim),
		},
	}
}

func runDeviceHeartbeat(c *ucli.Context, env *cli.Env) error {
	device, err := deviceKeypair(c)
	if err != nil {
		return err
	}
	client, err := emissionClient(c, env)
	if err != nil {
		return err
	}
	h, err := heartbeatHints(c, env, client, device.PublicKey())
	if err != nil {
		return err
	}
	res, err := client.Heartbeat(c.Context, device, nil)
	if err != nil {
		return explain(env, err, h)
	}
	ev := res.Recorded
	return env.Print(heartbeatReport{Device: ev.DeviceKey.String(), Epoch: ev.Epoch, Weight: ev.Weight, TotalWeight: ev.TotalWeight,
		txRef: refOf(res.Result)})
}

// heartbeatHints refuse an unregistered device before sending and explain the heartbeat's
// program errors: when the next epoch starts, what stake the device lacks.
func heartbeatHints(c *ucli.Context, env *cli.Env, client *emission.Client, device solana.PublicKey) (hints, error) {
	stk, err := stakingClient(c, env)
	if err != nil {
		return nil, err
	}
	d, err := stk.FetchDevice(c.Context, device)
	if err != nil {
		return nil, err
	}
	cfg, err := stk.FetchConfig(c.Context)
	if err != nil {
		return nil, err
	}
	st, err := client.FetchState(c.Context)
	if err != nil {
		return nil, err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return nil, err
	}
	e := staking.DeviceEligibility(cfg, d)
	h := hints{
		emissiongen.Error_DeviceNotEligible: fmt.Sprintf("device %s is not eligible: %s (`ionet device stake --device %s AMOUNT` adds stake)", device, e.Reason, device),
		emissiongen.Error_WrongEpoch:        fmt.Sprintf("no epoch is running: emission starts at %s and runs %d hourly epochs", when(unix(st.StartTs), now), schedule.LastEpoch),
	}
	if epoch, _ := schedule.EpochAt(st.StartTs, now.Unix()); epoch > 0 {
		if _, end, err := schedule.EpochWindow(st.StartTs, epoch); err == nil {
			h[emissiongen.Error_AlreadyLive] = fmt.Sprintf("device %s is already live in epoch %d: its next heartbeat is due when epoch %d starts at %s",
				device, epoch, epoch+1, when(unix(end), now))
		}
	}
	return h, nil
}

type heartbeatReport struct {
	Device      string `json:"device"`
	Epoch       uint64 `json:"epoch"`
	Weight      uint64 `json:"weight"`
	TotalWeight uint64 `json:"totalWeight"` // the epoch's so far
	txRef
}

func (r heartbeatReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "heartbeat of %s in epoch %d: weight %d of %d so far; done in slot %d\nSignature %s\n",
		r.Device, r.Epoch, r.Weight, r.TotalWeight, r.Slot, r.Signature)
	return err
}

func runDeviceRewards(c *ucli.Context, env *cli.Env) error {
	var key solana.PublicKey
	switch c.NArg() {
	case 0:
		var err error
		if key, err = deviceKey(c); err != nil {
			return err
		}
	case 1:
		var err error
		if key, err = solana.PublicKeyFromBase58(c.Args().First()); err != nil {
			return fmt.Errorf("DEVICE %q is not a base58 public key: %w", c.Args().First(), err)
		}
	default:
		return fmt.Errorf("device rewards takes at most one DEVICE, got %d arguments", c.NArg())
	}
	client, err := emissionClient(c, env)
	if err != nil {
		return err
	}
	report, err := client.Rewards(c.Context, key)
	if err != nil {
		return err
	}
	return env.Print(newRewardsReport(report))
}

// rewardsReport is `device rewards`: emission.DeviceRewards with its amounts in the one JSON shape.
type rewardsReport struct {
	*emission.DeviceRewards `json:"-"`
	Device                  string          `json:"device"`
	Owner                   string          `json:"owner"`
	Class                   string          `json:"class"`
	Required                cli.Amount      `json:"required"`
	Stake                   cli.Amount      `json:"stake"`
	Eligible                bool            `json:"eligible"`
	Reason                  string          `json:"reason"`
	CurrentEpoch            uint64          `json:"currentEpoch"`
	LastMintedEpoch         uint64          `json:"lastMintedEpoch"`
	ClaimableIO             cli.Amount      `json:"claimable"`
	ClaimedIO               cli.Amount      `json:"claimed"` // what the listed epochs paid
	RegisteredEpoch         uint64          `json:"registeredEpoch"`
	EpochRewards            []epochRewardJS `json:"epochs"`
}

type epochRewardJS struct {
	Epoch          uint64     `json:"epoch"`
	Live           bool       `json:"live"`
	Status         string     `json:"status"`
	Weight         uint64     `json:"weight"`
	TotalWeight    uint64     `json:"totalWeight"`
	SupplierAmount cli.Amount `json:"supplierAmount"`
	Share          cli.Amount `json:"share"`
	Claimable      bool       `json:"claimable"`
	Claimed        bool       `json:"claimed"`
}

func newRewardsReport(d *emission.DeviceRewards) rewardsReport {
	e := d.Eligibility
	r := rewardsReport{DeviceRewards: d, Device: d.DeviceKey.String(), Owner: d.Owner.String(), Class: e.Class, Required: cli.IO(e.Required),
		Stake: cli.IO(e.Stake), Eligible: e.Eligible, Reason: e.Reason, CurrentEpoch: d.CurrentEpoch, LastMintedEpoch: d.LastMintedEpoch,
		ClaimableIO: cli.IO(d.Claimable), ClaimedIO: cli.IO(d.Claimed), RegisteredEpoch: d.RegisteredEpoch, EpochRewards: []epochRewardJS{}}
	for _, ep := range d.Epochs {
		r.EpochRewards = append(r.EpochRewards, epochRewardJS{Epoch: ep.Epoch, Live: ep.Live, Status: ep.Status, Weight: ep.Weight,
			TotalWeight: ep.TotalWeight, SupplierAmount: cli.IO(ep.SupplierAmount), Share: cli.IO(ep.Share), Claimable: ep.Claimable, Claimed: ep.Claimed})
	}
	return r
}

func (r rewardsReport) WriteHuman(w io.Writer) error {
	inIO := func(v uint64) string { return solanax.FormatAmount(v, solanax.IODecimals) }
	eligible := "eligible"
	if !r.Eligibility.Eligible {
		eligible = "not eligible: " + r.Eligibility.Reason
	}
	fmt.Fprintf(w, "Device %s (owner %s), %s\n", r.DeviceKey, r.Owner, eligible)
	fmt.Fprintf(w, "Current epoch %d, last minted %d; registered in epoch %d\n", r.CurrentEpoch, r.LastMintedEpoch, r.RegisteredEpoch)
	fmt.Fprintf(w, "Total: claimed %s IO, claimable now %s IO\n", inIO(r.Claimed), inIO(r.Claimable))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EPOCH\tLIVE\tWEIGHT\tTOTAL WEIGHT\tSHARE (IO)\tSTATUS")
	for _, e := range r.Epochs {
		live, share := "no", "-"
		if e.Live {
			live = "yes"
		}
		if e.Claimable || e.Claimed {
			share = inIO(e.Share)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\t%s\n", e.Epoch, live, e.Weight, e.TotalWeight, share, e.Status)
	}
	return tw.Flush()
}

func runDeviceClaim(c *ucli.Context, env *cli.Env) error {
	owner, err := env.Keypair()
	if err != nil {
		return err
	}
	client, err := emissionClient(c, env)
	if err != nil {
		return err
	}
	claims, err := client.ClaimAll(c.Context, owner)
	report := claimReport{Owner: owner.PublicKey().String(), Claims: []claimJSON{}}
	var total uint64
	for _, cl := range claims {
		total += cl.Amount
		report.Claims = append(report.Claims, claimJSON{Device: cl.DeviceKey.String(), Epoch: cl.Epoch, Amount: cli.IO(cl.Amount), Signature: cl.Signature.String()})
	}
	report.Total = cli.IO(total)
	if err != nil {
		if len(claims) == 0 {
			return err
		}
		if perr := env.Print(report); perr != nil { // what was paid before the failure
			return perr
		}
		return fmt.Errorf("claimed only part: %d heartbeat(s) paid (listed above), then: %w; rerun `ionet device claim` for the rest", len(claims), err)
	}
	return env.Print(report)
}

type claimReport struct {
	Owner  string      `json:"owner"`
	Claims []claimJSON `json:"claims"`
	Total  cli.Amount  `json:"total"` // IO
}

// claimJSON is one paid epoch of one device.
type claimJSON struct {
	Device    string     `json:"device"`
	Epoch     uint64     `json:"epoch"`
	Amount    cli.Amount `json:"amount"` // IO
	Signature string     `json:"signature"`
}

func (r claimReport) WriteHuman(w io.Writer) error {
	if len(r.Claims) == 0 {
		_, err := fmt.Fprintf(w, "nothing to claim for %s: no minted, unclaimed heartbeat of its devices\n", r.Owner)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tEPOCH\tPAID (IO)\tSIGNATURE")
	for _, cl := range r.Claims {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", cl.Device, cl.Epoch, cl.Amount, cl.Signature)
	}
	fmt.Fprintf(tw, "total\t\t%s\t\n", r.Total)
	return tw.Flush()
}
