package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/client/staking/gen"
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
				Action: cli.Action(runDeviceStake),
			},
			{
				Name: "unstake", Usage: "move device stake into the cooldown (refused below the requirement unless --yes)", ArgsUsage: "AMOUNT",
				Flags: []ucli.Flag{stakingProgramFlag(), deviceKeyFlag(), keypairFlag(),
					&ucli.BoolFlag{Name: "yes", Usage: "unstake even below the device's requirement"}},
				Action: cli.Action(runDeviceUnstake),
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

// deviceTx is a device staking command: its device must be registered, and only its owner
// may act on it.
func deviceTx(c *ucli.Context, env *cli.Env, action string, amount *uint64, prepare func(*staking.Client, *gen.Device, time.Time) (hints, error),
	send func(*staking.Client, solana.PrivateKey, solana.PublicKey) (*solanax.Result, error), landed func(*staking.Client, []string, *txReport)) error {
	device, err := deviceKey(c)
	if err != nil {
		return err
	}
	return stakeTx{action: action, amount: amount, client: stakingClient,
		prepare: func(s *staking.Client, key solana.PrivateKey) (hints, error) {
			d, err := s.FetchDevice(c.Context, device)
			if err != nil {
				return nil, err
			}
			if !d.Owner.Equals(key.PublicKey()) {
				return nil, fmt.Errorf("only the owner of device %s, %s, can %s it (the --keypair wallet is %s)", device, d.Owner, action, key.PublicKey())
			}
			now, err := chainTime(c, env)
			if err != nil {
				return nil, err
			}
			return prepare(s, d, now)
		},
		send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return send(s, key, device)
		},
		landed: landed,
	}.run(c, env)
}

func runDeviceStake(c *ucli.Context, env *cli.Env) error {
	amount, err := oneAmount(c)
	if err != nil {
		return err
	}
	return deviceTx(c, env, "stake device", &amount,
		func(s *staking.Client, d *gen.Device, _ time.Time) (hints, error) {
			return nil, needIO(c, env, s, d.Owner, amount)
		},
		func(s *staking.Client, key solana.PrivateKey, device solana.PublicKey) (*solanax.Result, error) {
			return s.StakeDevice(c.Context, key, device, amount)
		}, nil)
}

func runDeviceUnstake(c *ucli.Context, env *cli.Env) error {
	amount, err := oneAmount(c)
	if err != nil {
		return err
	}
	return deviceTx(c, env, "unstake device", &amount,
		func(s *staking.Client, d *gen.Device, now time.Time) (hints, error) {
			if err := checkUnstake(c, s, d, amount); err != nil {
				return nil, err
			}
			h := cooldownHints(d.Cooldowns[:], now, "ionet device withdraw", "ionet device unstake AMOUNT")
			h[gen.Error_InsufficientStake] = fmt.Sprintf("the device has %s IO staked: unstake at most that", ioText(d.Stake))
			return h, nil
		},
		func(s *staking.Client, key solana.PrivateKey, device solana.PublicKey) (*solanax.Result, error) {
			return s.UnstakeDevice(c.Context, key, device, amount)
		},
		func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.DeviceUnstaked](staking.Events(logs, s.ProgramID)); ok {
				at := unix(e.UnlockTs)
				r.UnlockAt = &at
			}
		})
}

func runDeviceWithdraw(c *ucli.Context, env *cli.Env) error {
	return deviceTx(c, env, "withdraw device stake", nil,
		func(s *staking.Client, d *gen.Device, now time.Time) (hints, error) {
			return cooldownHints(d.Cooldowns[:], now, "ionet device withdraw", "ionet device unstake AMOUNT"), nil
		},
		func(s *staking.Client, key solana.PrivateKey, device solana.PublicKey) (*solanax.Result, error) {
			return s.WithdrawDevice(c.Context, key, device)
		},
		func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.DeviceWithdrawn](staking.Events(logs, s.ProgramID)); ok {
				r.Token, r.Withdrawn = "IO", ioAmount(e.Amount)
			}
		})
}

// deviceReport is `device show`.
type deviceReport struct {
	Device       string           `json:"device"`
	Account      string           `json:"account"`
	Owner        string           `json:"owner"`
	GPUs         uint64           `json:"gpus"`
	Class        string           `json:"class"`
	Stake        cli.Amount       `json:"stake"`      // IO
	JobReserve   cli.Amount       `json:"jobReserve"` // IO of Stake reserved for its unfinished jobs
	Required     cli.Amount       `json:"required"`   // IO
	Eligible     bool             `json:"eligible"`
	Reason       string           `json:"reason"`
	RegisteredAt time.Time        `json:"registeredAt"`
	Cooldowns    []cooldownReport `json:"cooldowns"`
	// History is the recent stake changes, newest first, each slash with its job.
	History     []stakeChange `json:"history"`
	HistoryNote string        `json:"historyNote,omitempty"`
}

func (r deviceReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Device\t%s\n", r.Device)
	fmt.Fprintf(tw, "Owner\t%s\n", r.Owner)
	fmt.Fprintf(tw, "GPUs\t%d x %s\n", r.GPUs, r.Class)
	fmt.Fprintf(tw, "Stake\t%s IO (%s IO reserved for its unfinished jobs)\n", r.Stake, r.JobReserve)
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
		Stake: cli.IO(d.Stake), JobReserve: cli.IO(d.JobReserve), Required: cli.IO(e.Required), Eligible: e.Eligible, Reason: e.Reason,
		RegisteredAt: time.Unix(d.RegisteredTs, 0).UTC(), Cooldowns: cooldownReports(d.Cooldowns[:], now),
		History: history, HistoryNote: note,
	})
}
