package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// categoryStaking groups the staking and device commands in help.
const categoryStaking = "Staking"

// stakeCommands are `ionet stake`, `unstake`, `withdraw` and `claim`.
func stakeCommands() []*ucli.Command {
	return []*ucli.Command{
		{
			Name:      "stake",
			Usage:     "stake IO (earns the staker reward pool; unstaking takes a cooldown)",
			ArgsUsage: "AMOUNT",
			Category:  categoryStaking,
			Flags:     []ucli.Flag{stakingProgramFlag()},
			Action:    cli.Action(amountAction("stake", (*staking.Client).Stake)),
			Subcommands: []*ucli.Command{
				{
					Name:   "show",
					Usage:  "show a stake position: active stake, each cooldown with its unlock time, claimable rewards",
					Flags:  []ucli.Flag{stakingProgramFlag(), &ucli.StringFlag{Name: "owner", Usage: "position owner (default: the --keypair wallet)"}},
					Action: cli.Action(runStakeShow),
				},
				{
					Name:  "init",
					Usage: "initialise the staking program (localnet set-up; the signer becomes the authority)",
					Flags: []ucli.Flag{stakingProgramFlag(), cli.ManifestFlag(),
						&ucli.StringFlag{Name: "io-mint", Usage: "IO mint (default: the localnet manifest's)"},
						&ucli.DurationFlag{Name: "cooldown", Value: staking.DefaultCooldown, Usage: "unstaking cooldown"},
						&ucli.StringFlag{Name: "slasher", Usage: "who may slash device stake (default: the localnet jobs program's config PDA)"}},
					Action: cli.Action(runStakeInit),
				},
				{
					Name:      "fund",
					Usage:     "donate IO to the stakers, shared at once pro rata by active stake (refused while nothing is staked)",
					ArgsUsage: "AMOUNT",
					Flags:     []ucli.Flag{stakingProgramFlag()},
					Action:    cli.Action(amountAction("fund rewards", (*staking.Client).FundRewards)),
				},
				{
					Name:  "activate",
					Usage: "let your warming stake start earning emission rewards (possible once the epochs cranked reach the time you staked; stake, unstake and claim do it too)",
					Flags: []ucli.Flag{stakingProgramFlag()},
					Action: cli.Action(plainAction("activate stake", func(c *staking.Client, ctx context.Context, key solana.PrivateKey) (*solanax.Result, error) {
						return c.ActivateStake(ctx, key, key.PublicKey())
					})),
				},
			},
		},
		{
			Name: "unstake", Usage: "move staked IO into the cooldown (withdrawable when it ends)", ArgsUsage: "AMOUNT",
			Category: categoryStaking, Flags: []ucli.Flag{stakingProgramFlag()},
			Action: cli.Action(amountAction("unstake", (*staking.Client).Unstake)),
		},
		{
			Name: "withdraw", Usage: "withdraw every cooldown that has ended", Category: categoryStaking,
			Flags: []ucli.Flag{stakingProgramFlag()}, Action: cli.Action(plainAction("withdraw", (*staking.Client).Withdraw)),
		},
		{
			Name: "claim", Usage: "claim staking rewards", Category: categoryStaking,
			Flags: []ucli.Flag{stakingProgramFlag()}, Action: cli.Action(plainAction("claim", (*staking.Client).Claim)),
		},
	}
}

const flagStakingProgram = "staking-program"

func stakingProgramFlag() ucli.Flag {
	return &ucli.StringFlag{Name: flagStakingProgram, Usage: "staking program id (default: " + gen.ProgramID.String() + ", the localnet's)"}
}

// stakingClient is the staking client for the chosen cluster and program.
func stakingClient(c *ucli.Context, env *cli.Env) (*staking.Client, error) {
	var program solana.PublicKey
	if text := c.String(flagStakingProgram); text != "" {
		var err error
		if program, err = solana.PublicKeyFromBase58(text); err != nil {
			return nil, fmt.Errorf("--%s %q is not a base58 public key: %w", flagStakingProgram, text, err)
		}
	}
	return staking.New(env.Client(), program)
}

// oneAmount is the single AMOUNT argument, in IO ("1.5").
func oneAmount(c *ucli.Context) (uint64, error) {
	if c.NArg() > 1 && strings.HasPrefix(c.Args().Get(1), "-") {
		return 0, fmt.Errorf("flags go before AMOUNT: %s [flags] AMOUNT", c.Command.HelpName)
	}
	if c.NArg() != 1 {
		return 0, fmt.Errorf("give exactly one AMOUNT in IO, such as 1.5 (got %d arguments)", c.NArg())
	}
	amount, err := solanax.ParseAmount(c.Args().First(), solanax.IODecimals)
	if err != nil {
		return 0, fmt.Errorf("AMOUNT: %w", err)
	}
	if amount == 0 {
		return 0, errors.New("AMOUNT must be more than zero")
	}
	return amount, nil
}

// txReport is what a transaction command prints.
type txReport struct {
	Action    string  `json:"action"`
	Amount    *string `json:"amount,omitempty"` // IO
	Signature string  `json:"signature"`
	Slot      uint64  `json:"slot"`
}

func (r txReport) WriteHuman(w io.Writer) error {
	if r.Amount != nil {
		_, err := fmt.Fprintf(w, "%s %s IO: done in slot %d\nSignature %s\n", r.Action, *r.Amount, r.Slot, r.Signature)
		return err
	}
	_, err := fmt.Fprintf(w, "%s: done in slot %d\nSignature %s\n", r.Action, r.Slot, r.Signature)
	return err
}

func newTxReport(action string, res *solanax.Result, amount *uint64) txReport {
	r := txReport{Action: action, Signature: res.Signature.String(), Slot: res.Slot}
	if amount != nil {
		text := solanax.FormatAmount(*amount, solanax.IODecimals)
		r.Amount = &text
	}
	return r
}

type amountOp func(*staking.Client, context.Context, solana.PrivateKey, uint64) (*solanax.Result, error)
type plainOp func(*staking.Client, context.Context, solana.PrivateKey) (*solanax.Result, error)

// amountAction runs op with the --keypair wallet and the AMOUNT argument.
func amountAction(action string, op amountOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		amount, err := oneAmount(c)
		if err != nil {
			return err
		}
		return runSigned(c, env, action, &amount, func(client *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return op(client, c.Context, key, amount)
		})
	}
}

// plainAction runs op with the --keypair wallet.
func plainAction(action string, op plainOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		if c.NArg() != 0 {
			return fmt.Errorf("%s takes no arguments", action)
		}
		return runSigned(c, env, action, nil, func(client *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return op(client, c.Context, key)
		})
	}
}

func runSigned(c *ucli.Context, env *cli.Env, action string, amount *uint64, op func(*staking.Client, solana.PrivateKey) (*solanax.Result, error)) error {
	return runTx(c, env, action, amount, stakingClient, op)
}

func runStakeInit(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	client, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	mint, err := initMint(c, env)
	if err != nil {
		return err
	}
	slasher, err := jobs.ConfigAddress(jobsgen.ProgramID)
	if err != nil {
		return err
	}
	if text := c.String("slasher"); text != "" {
		if slasher, err = solana.PublicKeyFromBase58(text); err != nil {
			return fmt.Errorf("--slasher %q is not a base58 public key: %w", text, err)
		}
	}
	params, err := staking.DefaultParams(slasher)
	if err != nil {
		return err
	}
	params.CooldownSeconds = int64(c.Duration("cooldown") / time.Second)
	res, err := client.Initialize(c.Context, key, mint, params)
	if err != nil {
		return err
	}
	return env.Print(newTxReport("initialize staking", res, nil))
}

// initMint is --io-mint, else the localnet manifest's IO mint.
func initMint(c *ucli.Context, env *cli.Env) (solana.PublicKey, error) {
	if text := c.String("io-mint"); text != "" {
		mint, err := solana.PublicKeyFromBase58(text)
		if err != nil {
			return mint, fmt.Errorf("--io-mint %q is not a base58 public key: %w", text, err)
		}
		return mint, nil
	}
	m, err := cli.LocalnetManifest(c.Context, c, env)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("no --io-mint given and no localnet manifest: %w", err)
	}
	return m.Mints.IO.Address, nil
}

// positionReport is `stake show`.
type positionReport struct {
	Owner     string           `json:"owner"`
	Position  string           `json:"position"`
	Exists    bool             `json:"exists"`
	Active    string           `json:"active"`    // IO
	Warming   string           `json:"warming"`   // IO of Active not yet earning emission rewards
	Claimable string           `json:"claimable"` // IO
	Claimed   string           `json:"claimed"`   // IO
	Cooldowns []cooldownReport `json:"cooldowns"`
}

type cooldownReport struct {
	Amount   string    `json:"amount"` // IO
	UnlockAt time.Time `json:"unlockAt"`
	Ready    bool      `json:"ready"`
}

func cooldownReports(slots []gen.Cooldown, now time.Time) []cooldownReport {
	out := []cooldownReport{}
	for _, s := range slots {
		if s.Amount == 0 {
			continue
		}
		at := time.Unix(s.UnlockTs, 0).UTC()
		out = append(out, cooldownReport{Amount: ioText(s.Amount), UnlockAt: at, Ready: !at.After(now)})
	}
	return out
}

// ioText formats base units as IO.
func ioText(units uint64) string { return solanax.FormatAmount(units, solanax.IODecimals) }

func (r positionReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Owner\t%s\n", r.Owner)
	if !r.Exists {
		fmt.Fprintf(tw, "Position\tnone yet (stake with `ionet stake AMOUNT`)\n")
		return tw.Flush()
	}
	fmt.Fprintf(tw, "Position\t%s\n", r.Position)
	fmt.Fprintf(tw, "Active stake\t%s IO\n", r.Active)
	if r.Warming != "" && r.Warming != "0" {
		fmt.Fprintf(tw, "  warming up\t%s IO  (earns emission rewards once activated after the next crank)\n", r.Warming)
	}
	fmt.Fprintf(tw, "Claimable rewards\t%s IO\n", r.Claimable)
	fmt.Fprintf(tw, "Claimed so far\t%s IO\n", r.Claimed)
	if len(r.Cooldowns) == 0 {
		fmt.Fprintf(tw, "Cooldowns\tnone\n")
	}
	for _, cd := range r.Cooldowns {
		state := "cooling down"
		if cd.Ready {
			state = "ready: ionet withdraw"
		}
		fmt.Fprintf(tw, "Cooldown\t%s IO\tunlocks %s\t%s\n", cd.Amount, cd.UnlockAt.Format(time.RFC3339), state)
	}
	return tw.Flush()
}

func runStakeShow(c *ucli.Context, env *cli.Env) error {
	owner, err := ownerFlag(c, env)
	if err != nil {
		return err
	}
	client, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	addr, err := staking.PositionAddress(client.ProgramID, owner)
	if err != nil {
		return err
	}
	report := positionReport{Owner: owner.String(), Position: addr.String(), Cooldowns: []cooldownReport{}}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	p, err := client.FetchPosition(c.Context, owner)
	if errors.Is(err, staking.ErrNotFound) {
		return env.Print(report)
	}
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	report.Exists = true
	report.Active, report.Claimable, report.Claimed = ioText(p.Active), ioText(staking.Claimable(cfg, p)), ioText(p.Claimed)
	report.Warming = ioText(p.Warming)
	report.Cooldowns = cooldownReports(p.Cooldowns[:], now)
	return env.Print(report)
}

// ownerFlag is --owner, else the --keypair wallet.
func ownerFlag(c *ucli.Context, env *cli.Env) (solana.PublicKey, error) {
	if text := c.String("owner"); text != "" {
		owner, err := solana.PublicKeyFromBase58(text)
		if err != nil {
			return owner, fmt.Errorf("--owner %q is not a base58 public key: %w", text, err)
		}
		return owner, nil
	}
	key, err := env.Keypair()
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("no --owner given, so the --keypair wallet is used: %w", err)
	}
	return key.PublicKey(), nil
}

// chainTime is the cluster's clock (cooldowns unlock by it, not by this machine's clock): the
// Clock sysvar's unix_timestamp, its fifth field.
func chainTime(c *ucli.Context, env *cli.Env) (time.Time, error) {
	res, err := env.Client().RPC.GetAccountInfoWithOpts(c.Context, solana.SysVarClockPubkey, &rpc.GetAccountInfoOpts{
		Commitment: env.Commitment, Encoding: solana.EncodingBase64,
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("read the cluster clock: %w", solanax.WrapRPCError("getAccountInfo", err))
	}
	data := res.Value.Data.GetBinary()
	if len(data) < 40 {
		return time.Time{}, fmt.Errorf("read the cluster clock: the Clock sysvar holds %d bytes, want 40", len(data))
	}
	return time.Unix(int64(binary.LittleEndian.Uint64(data[32:40])), 0).UTC(), nil
}
