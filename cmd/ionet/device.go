package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// deviceCommands are `ionet device register|stake|unstake|withdraw|show`, and the liveness
// rewards' heartbeat|rewards|claim (device_rewards.go).
func deviceCommands() []*ucli.Command {
	deviceKeyFlag := func() ucli.Flag {
		return &ucli.StringFlag{Name: "device", Usage: "device public key (default: the --device-keypair's)"}
	}
	keypairFlag := func() ucli.Flag {
		return &ucli.StringFlag{Name: "device-keypair", Usage: "the device's own keypair file"}
	}
	return []*ucli.Command{{
		Name:     "device",
		Usage:    "register GPU devices and stake for them (a device takes jobs only while staked enough)",
		Category: categoryStaking,
		Subcommands: append([]*ucli.Command{
			{
				Name:  "register",
				Usage: "register a device under the --keypair wallet; the device key signs too",
				Flags: []ucli.Flag{stakingProgramFlag(), keypairFlag(),
					&ucli.StringFlag{Name: "gpu-class", Required: true, Usage: "GPU class name from the class table, such as H100"},
					&ucli.Uint64Flag{Name: "gpus", Required: true, Usage: "number of GPUs"}},
				Action: cli.Action(runDeviceRegister),
			},
			{
				Name: "stake", Usage: "add IO to a device's stake", ArgsUsage: "AMOUNT",
				Flags:  []ucli.Flag{stakingProgramFlag(), deviceKeyFlag(), keypairFlag()},
				Action: cli.Action(deviceAmountAction("stake device", (*staking.Client).StakeDevice)),
			},
			{
				Name: "unstake", Usage: "move device stake into the cooldown (refused below the requirement unless --yes)", ArgsUsage: "AMOUNT",
				Flags: []ucli.Flag{stakingProgramFlag(), deviceKeyFlag(), keypairFlag(),
					&ucli.BoolFlag{Name: "yes", Usage: "unstake even below the device's requirement"}},
				Action: cli.Action(deviceAmountAction("unstake device", (*staking.Client).UnstakeDevice)),
			},
			deviceListCommand(),
			{
				Name: "withdraw", Usage: "withdraw the device's ended cooldowns",
				Flags:  []ucli.Flag{stakingProgramFlag(), deviceKeyFlag(), keypairFlag()},
				Action: cli.Action(runDeviceWithdraw),
			},
			{
				Name: "show", Usage: "show a device: stake, requirement, eligible or not and why, and what changed its stake", ArgsUsage: "[DEVICE]",
				Flags:  []ucli.Flag{stakingProgramFlag(), jobsProgramFlag(), keypairFlag()},
				Action: cli.Action(runDeviceShow),
			},
		}, deviceRewardsCommands()...),
	}}
}

// deviceKeypair loads --device-keypair (required for register).
func deviceKeypair(c *ucli.Context) (solana.PrivateKey, error) {
	path := c.String("device-keypair")
	if path == "" {
		return nil, fmt.Errorf("give --device-keypair FILE: the device's own key signs its registration (%s)", cli.KeygenHint("FILE"))
	}
	key, err := cli.LoadKeypair(path)
	if err != nil {
		return nil, fmt.Errorf("load --device-keypair: %w (%s)", err, cli.KeygenHint(path))
	}
	return key, nil
}

// deviceKey is the DEVICE argument or --device, else the --device-keypair's public key.
func deviceKey(c *ucli.Context) (solana.PublicKey, error) {
	text := c.String("device")
	if c.Command.Name == "show" && c.NArg() > 0 {
		text = c.Args().First()
	}
	if text != "" {
		key, err := solana.PublicKeyFromBase58(text)
		if err != nil {
			return key, fmt.Errorf("device %q is not a base58 public key: %w", text, err)
		}
		return key, nil
	}
	key, err := deviceKeypair(c)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("name the device with --device PUBKEY (or DEVICE for show), or %w", err)
	}
	return key.PublicKey(), nil
}

func runDeviceRegister(c *ucli.Context, env *cli.Env) error {
	device, err := deviceKeypair(c)
	if err != nil {
		return err
	}
	owner, err := env.Keypair()
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
	class, err := staking.ClassIndex(cfg, c.String("gpu-class"))
	if err != nil {
		return err
	}
	res, err := client.RegisterDevice(c.Context, owner, device, class, c.Uint64("gpus"))
	if err != nil {
		return err
	}
	return env.Print(newTxReport("register device "+device.PublicKey().String(), res, nil))
}

type deviceAmountOp func(*staking.Client, context.Context, solana.PrivateKey, solana.PublicKey, uint64) (*solanax.Result, error)

func deviceAmountAction(action string, op deviceAmountOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		amount, err := oneAmount(c)
		if err != nil {
			return err
		}
		device, err := deviceKey(c)
		if err != nil {
			return err
		}
		if c.Command.Name == "unstake" {
			if err := checkUnstake(c, env, device, amount); err != nil {
				return err
			}
		}
		return runSigned(c, env, action, &amount, func(client *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return op(client, c.Context, key, device, amount)
		})
	}
}

func runDeviceWithdraw(c *ucli.Context, env *cli.Env) error {
	device, err := deviceKey(c)
	if err != nil {
		return err
	}
	return runSigned(c, env, "withdraw device stake", nil, func(client *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
		return client.WithdrawDevice(c.Context, key, device)
	})
}

// deviceReport is `device show`.
type deviceReport struct {
	Device       string           `json:"device"`
	Account      string           `json:"account"`
	Owner        string           `json:"owner"`
	GPUs         uint64           `json:"gpus"`
	Class        string           `json:"class"`
	Stake        string           `json:"stake"`    // IO
	Required     string           `json:"required"` // IO
	Eligible     bool             `json:"eligible"`
	Reason       string           `json:"reason"`
	RegisteredAt time.Time        `json:"registeredAt"`
	Cooldowns    []cooldownReport `json:"cooldowns"`
	// History is the recent stake changes, newest first, each slash with its job.
	History     []jobs.StakeChange `json:"history"`
	HistoryNote string             `json:"historyNote,omitempty"`
}

func (r deviceReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Device\t%s\n", r.Device)
	fmt.Fprintf(tw, "Owner\t%s\n", r.Owner)
	fmt.Fprintf(tw, "GPUs\t%d x %s\n", r.GPUs, r.Class)
	fmt.Fprintf(tw, "Stake\t%s IO\n", r.Stake)
	fmt.Fprintf(tw, "Required\t%s IO\n", r.Required)
	verdict := "no"
	if r.Eligible {
		verdict = "yes"
	}
	fmt.Fprintf(tw, "Eligible\t%s: %s\n", verdict, r.Reason)
	fmt.Fprintf(tw, "Registered\t%s\n", r.RegisteredAt.Format(time.RFC3339))
	for _, cd := range r.Cooldowns {
		fmt.Fprintf(tw, "Cooldown\t%s IO\tunlocks %s\n", cd.Amount, cd.UnlockAt.Format(time.RFC3339))
	}
	writeStakeHistory(tw, r.History)
	if r.HistoryNote != "" {
		fmt.Fprintf(tw, "History\t%s\n", r.HistoryNote)
	}
	return tw.Flush()
}

func runDeviceShow(c *ucli.Context, env *cli.Env) error {
	if c.NArg() > 1 {
		return fmt.Errorf("device show takes at most one DEVICE, got %d arguments", c.NArg())
	}
	key, err := deviceKey(c)
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
	d, err := client.FetchDevice(c.Context, key)
	if err != nil {
		return err
	}
	addr, err := staking.DeviceAddress(client.ProgramID, key)
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	e := staking.DeviceEligibility(cfg, d)
	history, note := stakeHistory(c, env, key)
	return env.Print(deviceReport{
		Device: key.String(), Account: addr.String(), Owner: d.Owner.String(), GPUs: d.GpuCount, Class: e.Class,
		Stake: ioText(d.Stake), Required: ioText(e.Required), Eligible: e.Eligible, Reason: e.Reason,
		RegisteredAt: time.Unix(d.RegisteredTs, 0).UTC(), Cooldowns: cooldownReports(d.Cooldowns[:], now),
		History: history, HistoryNote: note,
	})
}
