package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
			Action:    cli.Action(fundedAction("stake", (*staking.Client).Stake)),
			Subcommands: []*ucli.Command{
				{
					Name:   "show",
					Usage:  "show a stake position: active stake, each cooldown with its unlock time, claimable rewards",
					Flags:  []ucli.Flag{stakingProgramFlag(), &ucli.StringFlag{Name: "owner", Usage: "position owner (default: the --keypair wallet)"}},
					Action: cli.Action(runStakeShow),
				},
				{
					Name:  "init",
					Usage: "initialise the staking program (localnet set-up; the signer must be its upgrade authority)",
					Flags: []ucli.Flag{stakingProgramFlag(), localnetcli.ManifestFlag(),
						&ucli.StringFlag{Name: "io-mint", Usage: "IO mint (default: the localnet manifest's)"},
						&ucli.DurationFlag{Name: "cooldown", Value: staking.DefaultCooldown, Usage: "unstaking cooldown"},
						&ucli.StringFlag{Name: "slasher", Usage: "who may slash device stake (default: the localnet jobs program's config PDA)"},
						initAuthorityFlag()},
					Action: cli.Action(runStakeInit),
				},
				{
					Name:      "fund",
					Usage:     "donate IO to the stakers, shared at once pro rata by active stake (refused while nothing is staked)",
					ArgsUsage: "AMOUNT",
					Flags:     []ucli.Flag{stakingProgramFlag()},
					Action:    cli.Action(fundedAction("fund rewards", (*staking.Client).FundRewards)),
				},
				{
					Name:   "activate",
					Usage:  "let your warming stake start earning emission rewards (possible once the epochs cranked reach the time you staked; stake, unstake and claim do it too)",
					Flags:  []ucli.Flag{stakingProgramFlag()},
					Action: cli.Action(runActivate),
				},
			},
		},
		{
			Name: "unstake", Usage: "move staked IO into the cooldown (withdrawable when it ends)", ArgsUsage: "AMOUNT",
			Category: categoryStaking, Flags: []ucli.Flag{stakingProgramFlag()},
			Action: cli.Action(runUnstake),
		},
		{
			Name: "withdraw", Usage: "withdraw every cooldown that has ended", Category: categoryStaking,
			Flags: []ucli.Flag{stakingProgramFlag()}, Action: cli.Action(runWithdraw),
		},
		{
			Name: "claim", Usage: "claim staking rewards", Category: categoryStaking,
			Flags: []ucli.Flag{stakingProgramFlag()}, Action: cli.Action(runClaim),
		},
	}
}

type amountOp func(*staking.Client, context.Context, solana.PrivateKey, uint64) (*solanax.Result, error)

// fundedAction runs op with the --keypair wallet and the AMOUNT argument, once its IO account
// is seen to hold AMOUNT.
func fundedAction(action string, op amountOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		amount, err := oneAmount(c)
		if err != nil {
			return err
		}
		return stakeTx{action: action, amount: &amount, client: stakingClient,
			prepare: func(s *staking.Client, key solana.PrivateKey) (hints, error) {
				return nil, needIO(c, env, s, key.PublicKey(), amount)
			},
			send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
				return op(s, c.Context, key, amount)
			},
		}.run(c, env)
	}
}

func runUnstake(c *ucli.Context, env *cli.Env) error {
	amount, err := oneAmount(c)
	if err != nil {
		return err
	}
	return stakeTx{action: "unstake", amount: &amount, client: stakingClient,
		prepare: func(s *staking.Client, key solana.PrivateKey) (hints, error) {
			p, now, err := positionNow(c, env, s, key.PublicKey())
			if err != nil {
				return nil, err
			}
			h := cooldownHints(p.Cooldowns[:], now, "ionet withdraw", "ionet unstake AMOUNT")
			h[gen.Error_PositionLocked] = lockHint(p, now)
			h[gen.Error_InsufficientStake] = fmt.Sprintf("you have %s IO of active stake: unstake at most that", ioText(p.Active))
			return h, nil
		},
		send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return s.Unstake(c.Context, key, amount)
		},
		landed: func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.Unstaked](staking.Events(logs, s.ProgramID)); ok {
				at := unix(e.UnlockTs)
				r.UnlockAt = &at
			}
		},
	}.run(c, env)
}

func runWithdraw(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return errors.New("withdraw takes no arguments")
	}
	return stakeTx{action: "withdraw", client: stakingClient,
		prepare: func(s *staking.Client, key solana.PrivateKey) (hints, error) {
			p, now, err := positionNow(c, env, s, key.PublicKey())
			if err != nil {
				return nil, err
			}
			h := cooldownHints(p.Cooldowns[:], now, "ionet withdraw", "ionet unstake AMOUNT")
			h[gen.Error_PositionLocked] = lockHint(p, now)
			return h, nil
		},
		send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return s.Withdraw(c.Context, key)
		},
		landed: func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.Withdrawn](staking.Events(logs, s.ProgramID)); ok {
				r.Token, r.Withdrawn = "IO", ioAmount(e.Amount)
			}
		},
	}.run(c, env)
}

func runClaim(c *ucli.Context, env *cli.Env) error {
	return positionTx(c, env, "claim", stakeTx{action: "claim",
		send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return s.Claim(c.Context, key)
		},
		landed: func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.RewardsClaimed](staking.Events(logs, s.ProgramID)); ok {
				r.Token, r.Claimed = "IO", ioAmount(e.Amount)
			}
		},
	}, hints{gen.Error_NothingToClaim: "no rewards to claim yet (see `ionet stake show`)"})
}

func runActivate(c *ucli.Context, env *cli.Env) error {
	return positionTx(c, env, "stake activate", stakeTx{action: "activate stake",
		send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			return s.ActivateStake(c.Context, key, key.PublicKey())
		},
	}, hints{gen.Error_NothingToActivate: "no warming stake can start earning yet: wait for the next emission crank (see `ionet stake show`)"})
}

// positionTx runs tx, a command without arguments on the --keypair wallet's position: a wallet
// without one is refused before sending; h explains the program's errors.
func positionTx(c *ucli.Context, env *cli.Env, command string, tx stakeTx, h hints) error {
	if c.NArg() != 0 {
		return fmt.Errorf("%s takes no arguments", command)
	}
	tx.client = stakingClient
	tx.prepare = func(s *staking.Client, key solana.PrivateKey) (hints, error) {
		if _, err := s.FetchPosition(c.Context, key.PublicKey()); err != nil {
			return nil, err
		}
		return h, nil
	}
	return tx.run(c, env)
}

// positionNow is owner's stake position and the chain's clock.
func positionNow(c *ucli.Context, env *cli.Env, s *staking.Client, owner solana.PublicKey) (*gen.StakePosition, time.Time, error) {
	p, err := s.FetchPosition(c.Context, owner)
	if err != nil {
		return nil, time.Time{}, err
	}
	now, err := chainTime(c, env)
	return p, now, err
}

// lockHint explains PositionLocked: until when a vote keeps the stake in place.
func lockHint(p *gen.StakePosition, now time.Time) string {
	return fmt.Sprintf("your stake is locked by your governance vote until %s, when that proposal's voting ends: unstake or withdraw after it",
		when(unix(staking.LockedUntil(p)), now))
}

func runStakeInit(c *ucli.Context, env *cli.Env) error {
	key, client, err := signerAnd(c, env, stakingClient)
	if err != nil {
		return err
	}
	mint, err := initMint(c, env)
	if err != nil {
		return err
	}
	jobsConfig, err := jobs.ConfigAddress(jobsgen.ProgramID)
	if err != nil {
		return err
	}
	slasher, err := keyFlag(c, "slasher", jobsConfig)
	if err != nil {
		return err
	}
	params, err := staking.DefaultParams(slasher)
	if err != nil {
		return err
	}
	params.CooldownSeconds = int64(c.Duration("cooldown") / time.Second)
	authority, err := initAuthority(c, key.PublicKey())
	if err != nil {
		return err
	}
	res, err := client.Initialize(c.Context, key, authority, mint, params)
	if err != nil {
		return err
	}
	return env.Print(newTxReport("initialize staking", res, nil))
}

// initMint is --io-mint, else the localnet manifest's IO mint.
func initMint(c *ucli.Context, env *cli.Env) (solana.PublicKey, error) {
	if c.String("io-mint") != "" {
		return keyFlag(c, "io-mint", solana.PublicKey{})
	}
	m, err := localnetcli.LocalnetManifest(c.Context, c, env)
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
	Active    *cli.Amount      `json:"active,omitempty"`    // IO
	Warming   *cli.Amount      `json:"warming,omitempty"`   // IO of Active not yet earning emission rewards
	Claimable *cli.Amount      `json:"claimable,omitempty"` // IO
	Claimed   *cli.Amount      `json:"claimed,omitempty"`   // IO
	Cooldowns []cooldownReport `json:"cooldowns"`
	// LockedUntil is set while a governance vote keeps the stake in place.
	LockedUntil *time.Time `json:"lockedUntil,omitempty"`
}

func (r positionReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Owner\t%s\n", r.Owner)
	if !r.Exists {
		fmt.Fprintf(tw, "Position\tnone yet (stake with `ionet stake AMOUNT`)\n")
		return tw.Flush()
	}
	fmt.Fprintf(tw, "Position\t%s\n", r.Position)
	fmt.Fprintf(tw, "Active stake\t%s IO\n", r.Active)
	if r.Warming != nil && r.Warming.Units() > 0 {
		fmt.Fprintf(tw, "  warming up\t%s IO  (earns emission rewards once activated after the next crank)\n", r.Warming)
	}
	fmt.Fprintf(tw, "Claimable rewards\t%s IO\n", r.Claimable)
	fmt.Fprintf(tw, "Claimed so far\t%s IO\n", r.Claimed)
	if r.LockedUntil != nil {
		fmt.Fprintf(tw, "Locked\tby a governance vote until %s: no unstake or withdraw before\n", r.LockedUntil.Format(time.RFC3339))
	}
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
	active, claimable, claimed := cli.IO(p.Active), cli.IO(staking.Claimable(cfg, p)), cli.IO(p.Claimed)
	report.Active, report.Claimable, report.Claimed = &active, &claimable, &claimed
	warming := cli.IO(p.Warming)
	report.Warming = &warming
	report.Cooldowns = cooldownReports(p.Cooldowns[:], now)
	if staking.IsLocked(p, now) {
		until := unix(staking.LockedUntil(p))
		report.LockedUntil = &until
	}
	return env.Print(report)
}
