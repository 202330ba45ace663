package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Co-staking commands: `ionet device offer open|update|close|claim` (device owners), `ionet
// offers` (the open offers), `ionet costake DEVICE AMOUNT`, `ionet uncostake DEVICE AMOUNT`,
// `ionet costake withdraw|claim DEVICE` and `ionet costake show [--owner]` (co-stakers).

// deviceOfferCommand is `ionet device offer ...`.
func deviceOfferCommand() *ucli.Command {
	termFlags := func() []ucli.Flag {
		return []ucli.Flag{stakingProgramFlag(), &ucli.StringFlag{Name: "device", Required: true, Usage: "device public key"},
			&ucli.Uint64Flag{Name: "commission-bps", Required: true, Usage: "basis points of the device's supplier rewards you keep (1000 = 10%)"},
			&ucli.StringFlag{Name: "max-costake", Required: true, Usage: "most co-stake you accept, in IO"},
			&ucli.Uint64Flag{Name: "min-owner-bps", Value: staking.DefaultMinOwnerFloorBps, Usage: "your minimum own share of the device's stake, in basis points (at least the protocol floor)"}}
	}
	deviceFlags := func() []ucli.Flag {
		return []ucli.Flag{stakingProgramFlag(), &ucli.StringFlag{Name: "device", Required: true, Usage: "device public key"}}
	}
	return &ucli.Command{
		Name:  "offer",
		Usage: "offer co-staking on your device: others add stake and share its supplier rewards after your commission",
		Subcommands: []*ucli.Command{
			{Name: "open", Usage: "open an offer", Flags: termFlags(), Action: cli.Action(offerTermsAction("open co-staking offer", (*staking.Client).OpenOffer))},
			{Name: "update", Usage: "change an offer's terms (a commission raise applies after the notice period, a cut at once)", Flags: termFlags(),
				Action: cli.Action(offerTermsAction("update co-staking offer", (*staking.Client).UpdateOffer))},
			{Name: "close", Usage: "close the offer: co-stake leaves the device and cools down", Flags: deviceFlags(), Action: cli.Action(runOfferClose)},
			{Name: "claim", Usage: "claim your commission and own-stake share of the device's rewards", Flags: deviceFlags(), Action: cli.Action(runOfferClaim)},
		},
	}
}

// costakeCommands are `ionet offers`, `ionet costake` and `ionet uncostake`.
func costakeCommands() []*ucli.Command {
	deviceArg := func() []ucli.Flag { return []ucli.Flag{stakingProgramFlag()} }
	return []*ucli.Command{
		{
			Name: "offers", Usage: "list open co-staking offers", Category: categoryStaking,
			Flags: []ucli.Flag{stakingProgramFlag(), &ucli.StringFlag{Name: "gpu-class", Usage: "only devices of this GPU class, such as H100"},
				&ucli.StringFlag{Name: "sort", Value: "commission", Usage: "commission (lowest first), free-capacity (most room first) or reliability (fewest frauds, then uptime, then completed jobs)"}},
			Action: cli.Action(runOffers),
		},
		{
			Name: "costake", Usage: "co-stake IO on a device with an open offer", ArgsUsage: "DEVICE AMOUNT", Category: categoryStaking,
			Flags: deviceArg(), Action: cli.Action(runCostake),
			Subcommands: []*ucli.Command{
				{Name: "show", Usage: "your co-stake per device: stake, share, earned, claimable, cooldowns (--owner: your devices' offers)",
					Flags:  []ucli.Flag{stakingProgramFlag(), &ucli.BoolFlag{Name: "owner", Usage: "show the offers on your own devices instead"}},
					Action: cli.Action(runCostakeShow)},
				{Name: "withdraw", Usage: "withdraw your ended co-stake cooldowns on a device", ArgsUsage: "DEVICE", Flags: deviceArg(), Action: cli.Action(runCostakeWithdraw)},
				{Name: "claim", Usage: "claim your co-stake rewards on a device", ArgsUsage: "DEVICE", Flags: deviceArg(), Action: cli.Action(runCostakeClaim)},
				{Name: "params", Usage: "show the protocol's co-staking parameters", Flags: deviceArg(), Action: cli.Action(runCostakeParams)},
				{Name: "set-params", Usage: "set the co-staking parameters (the staking authority; the first call creates them and the reward vault)",
					Flags: []ucli.Flag{stakingProgramFlag(),
						&ucli.Uint64Flag{Name: "floor-bps", Value: staking.DefaultMinOwnerFloorBps, Usage: "lowest owner share an offer may ask, 500 to 10000 bps"},
						&ucli.DurationFlag{Name: "notice", Value: staking.DefaultNoticeSeconds * time.Second, Usage: "how long a commission raise waits, 24h to 720h"},
						&ucli.Uint64Flag{Name: "max-commission-bps", Value: staking.DefaultMaxCommissionBps, Usage: "highest commission an offer may set, at most 5000 bps"}},
					Action: cli.Action(runCostakeSetParams)},
			},
		},
		{
			Name: "uncostake", Usage: "move co-stake on a device into the cooldown", ArgsUsage: "DEVICE AMOUNT", Category: categoryStaking,
			Flags: deviceArg(), Action: cli.Action(runUncostake),
		},
	}
}

func pubkeyArg(text, what string) (solana.PublicKey, error) {
	key, err := solana.PublicKeyFromBase58(text)
	if err != nil {
		return key, fmt.Errorf("%s %q is not a base58 public key: %w", what, text, err)
	}
	return key, nil
}

// deviceAmountArgs are DEVICE AMOUNT (AMOUNT in IO).
func deviceAmountArgs(c *ucli.Context) (solana.PublicKey, uint64, error) {
	if c.NArg() != 2 {
		return solana.PublicKey{}, 0, fmt.Errorf("give DEVICE AMOUNT (the device's public key and IO, such as 1.5); got %d arguments", c.NArg())
	}
	key, err := pubkeyArg(c.Args().Get(0), "DEVICE")
	if err != nil {
		return key, 0, err
	}
	amount, err := solanax.ParseAmount(c.Args().Get(1), solanax.IODecimals)
	if err != nil {
		return key, 0, fmt.Errorf("AMOUNT: %w", err)
	}
	if amount == 0 {
		return key, 0, errors.New("AMOUNT must be more than zero")
	}
	return key, amount, nil
}

func oneDevice(c *ucli.Context) (solana.PublicKey, error) {
	if c.NArg() != 1 {
		return solana.PublicKey{}, fmt.Errorf("give exactly one DEVICE public key (got %d arguments)", c.NArg())
	}
	return pubkeyArg(c.Args().First(), "DEVICE")
}

// offerHints explain the co-staking errors with the offer's facts.
func offerHints(o *gen.DeviceOffer) hints {
	h := hints{
		"OfferClosed":          "the offer is closed: it takes no co-stake (see `ionet offers` for open ones)",
		"OwnerShareTooLow":     "the owner's own stake would fall below the offer's minimum share: co-stake less, or wait for the owner to stake more",
		"StakeReservedForJobs": "the device's jobs hold that stake as collateral: take out at most its free stake (see `ionet device show`), or wait for the jobs to end",
		"CommissionTooHigh":    "the commission is above the protocol's maximum (5000 bps by default)",
		"OfferExists":          "the device already has an offer: change it with `ionet device offer update`",
	}
	if o != nil {
		h["CostakeCapExceeded"] = fmt.Sprintf("the offer accepts at most %s IO of co-stake and holds %s IO", ioText(o.MaxCostake), ioText(o.ActiveAmount))
	}
	return h
}

type offerOp func(*staking.Client, context.Context, solana.PrivateKey, solana.PublicKey, staking.OfferTerms) (*solanax.Result, error)

func offerTermsAction(action string, op offerOp) func(*ucli.Context, *cli.Env) error {
	return func(c *ucli.Context, env *cli.Env) error {
		key, err := pubkeyArg(c.String("device"), "--device")
		if err != nil {
			return err
		}
		maxCostake, err := solanax.ParseAmount(c.String("max-costake"), solanax.IODecimals)
		if err != nil {
			return fmt.Errorf("--max-costake: %w", err)
		}
		terms := staking.OfferTerms{CommissionBps: c.Uint64("commission-bps"), MaxCostake: maxCostake, MinOwnerBps: c.Uint64("min-owner-bps")}
		return stakeTx{action: action, client: stakingClient,
			prepare: func(s *staking.Client, owner solana.PrivateKey) (hints, error) {
				d, err := s.FetchDevice(c.Context, key)
				if err != nil {
					return nil, err
				}
				if !d.Owner.Equals(owner.PublicKey()) {
					return nil, fmt.Errorf("only the owner of device %s, %s, can offer co-staking on it (the --keypair wallet is %s)", key, d.Owner, owner.PublicKey())
				}
				return offerHints(nil), nil
			},
			send: func(s *staking.Client, owner solana.PrivateKey) (*solanax.Result, error) {
				return op(s, c.Context, owner, key, terms)
			},
		}.run(c, env)
	}
}

func runOfferClose(c *ucli.Context, env *cli.Env) error {
	key, err := pubkeyArg(c.String("device"), "--device")
	if err != nil {
		return err
	}
	return stakeTx{action: "close co-staking offer", client: stakingClient,
		prepare: func(s *staking.Client, _ solana.PrivateKey) (hints, error) { return offerHints(nil), nil },
		send: func(s *staking.Client, owner solana.PrivateKey) (*solanax.Result, error) {
			return s.CloseOffer(c.Context, owner, key)
		},
		landed: func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.OfferClosed](staking.Events(logs, s.ProgramID)); ok {
				at := unix(e.UnlockTs)
				r.UnlockAt = &at
			}
		},
	}.run(c, env)
}

// claimedFrom fills the report's claimed amount from a CostakeRewardClaimed event.
func claimedFrom(s *staking.Client, logs []string, r *txReport) {
	if e, ok := event[gen.CostakeRewardClaimed](staking.Events(logs, s.ProgramID)); ok {
		r.Token, r.Claimed = "IO", ioAmount(e.Amount)
	}
}

var nothingToClaim = hints{"NothingToClaim": "nothing to claim yet: the device's rewards are credited once its epochs are minted (see `ionet costake show`)"}

func runOfferClaim(c *ucli.Context, env *cli.Env) error {
	key, err := pubkeyArg(c.String("device"), "--device")
	if err != nil {
		return err
	}
	return stakeTx{action: "claim offer reward", client: stakingClient,
		prepare: func(*staking.Client, solana.PrivateKey) (hints, error) { return nothingToClaim, nil },
		send: func(s *staking.Client, owner solana.PrivateKey) (*solanax.Result, error) {
			return s.ClaimOfferReward(c.Context, owner, key)
		},
		landed: claimedFrom,
	}.run(c, env)
}

func runCostake(c *ucli.Context, env *cli.Env) error {
	key, amount, err := deviceAmountArgs(c)
	if err != nil {
		return err
	}
	return stakeTx{action: "costake", amount: &amount, client: stakingClient,
		prepare: func(s *staking.Client, staker solana.PrivateKey) (hints, error) {
			o, err := s.FetchOffer(c.Context, key)
			if err != nil {
				return nil, err
			}
			return offerHints(o), needIO(c, env, s, staker.PublicKey(), amount)
		},
		send: func(s *staking.Client, staker solana.PrivateKey) (*solanax.Result, error) {
			return s.Costake(c.Context, staker, key, amount)
		},
	}.run(c, env)
}

func runUncostake(c *ucli.Context, env *cli.Env) error {
	key, amount, err := deviceAmountArgs(c)
	if err != nil {
		return err
	}
	return stakeTx{action: "uncostake", amount: &amount, client: stakingClient,
		prepare: func(s *staking.Client, staker solana.PrivateKey) (hints, error) {
			o, err := s.FetchOffer(c.Context, key)
			if err != nil {
				return nil, err
			}
			p, err := s.FetchCostakePosition(c.Context, key, staker.PublicKey())
			if err != nil {
				return nil, err
			}
			h := offerHints(o)
			h["InsufficientStake"] = fmt.Sprintf("you have %s IO of active co-stake on this device: uncostake at most that", ioText(staking.ViewCostake(o, p).Active))
			return h, nil
		},
		send: func(s *staking.Client, staker solana.PrivateKey) (*solanax.Result, error) {
			return s.Uncostake(c.Context, staker, key, amount)
		},
		landed: func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.CostakeMoved](staking.Events(logs, s.ProgramID)); ok && e.UnlockTs != 0 {
				at := unix(e.UnlockTs)
				r.UnlockAt = &at
			}
		},
	}.run(c, env)
}

func runCostakeWithdraw(c *ucli.Context, env *cli.Env) error {
	key, err := oneDevice(c)
	if err != nil {
		return err
	}
	return stakeTx{action: "withdraw co-stake", client: stakingClient,
		prepare: func(*staking.Client, solana.PrivateKey) (hints, error) {
			return hints{"NothingToWithdraw": "nothing is cooling down: `ionet uncostake DEVICE AMOUNT` starts a cooldown",
				"CooldownNotElapsed": "no cooldown has ended yet (see `ionet costake show`)"}, nil
		},
		send: func(s *staking.Client, staker solana.PrivateKey) (*solanax.Result, error) {
			return s.WithdrawCostake(c.Context, staker, key)
		},
		landed: func(s *staking.Client, logs []string, r *txReport) {
			if e, ok := event[gen.CostakeMoved](staking.Events(logs, s.ProgramID)); ok {
				r.Token, r.Withdrawn = "IO", ioAmount(e.Amount)
			}
		},
	}.run(c, env)
}

func runCostakeClaim(c *ucli.Context, env *cli.Env) error {
	key, err := oneDevice(c)
	if err != nil {
		return err
	}
	return stakeTx{action: "claim co-stake rewards", client: stakingClient,
		prepare: func(*staking.Client, solana.PrivateKey) (hints, error) { return nothingToClaim, nil },
		send: func(s *staking.Client, staker solana.PrivateKey) (*solanax.Result, error) {
			return s.ClaimCostake(c.Context, staker, key)
		},
		landed: claimedFrom,
	}.run(c, env)
}

// offerReport is one device's offer (`ionet offers`, `costake show --owner`, `device show`).
type offerReport struct {
	Device         string      `json:"device"`
	Owner          string      `json:"owner"`
	Class          string      `json:"class,omitempty"`
	Open           bool        `json:"open"`
	CommissionBps  uint64      `json:"commissionBps"`
	PendingBps     *uint64     `json:"pendingCommissionBps,omitempty"`
	PendingAt      *time.Time  `json:"pendingAt,omitempty"`
	MinOwnerBps    uint64      `json:"minOwnerBps"`
	OwnerStake     cli.Amount  `json:"ownerStake"`
	Costake        cli.Amount  `json:"costake"`
	MaxCostake     cli.Amount  `json:"maxCostake"`
	FreeCapacity   cli.Amount  `json:"freeCapacity"` // co-stake the offer still takes (cap and owner floor)
	CoolingCostake cli.Amount  `json:"coolingCostake"`
	OwnerClaimable cli.Amount  `json:"ownerClaimable"`
	Credited       cli.Amount  `json:"credited"`
	SlashedOwner   cli.Amount  `json:"slashedOwner"`
	SlashedCostake cli.Amount  `json:"slashedCostake"`
	ClosedUnlockAt *time.Time  `json:"closedUnlockAt,omitempty"`
	Reliability    reliability `json:"reliability"`
}

// reliability is a device's record from chain state: the offer's counters (kept by the
// emission program's credits and the jobs program's releases) and its clock.
type reliability struct {
	OpenedAt time.Time `json:"openedAt"`
	// EpochsLive of EpochsSinceOpened (hourly epochs) had their supplier reward credited.
	EpochsLive        uint64     `json:"epochsLive"`
	EpochsSinceOpened uint64     `json:"epochsSinceOpened"`
	RegisteredAt      time.Time  `json:"registeredAt"`
	JobsCompleted     uint64     `json:"jobsCompleted"`
	JobsFailed        uint64     `json:"jobsFailed"`
	JobsExpired       uint64     `json:"jobsExpired"`
	FraudsProven      uint64     `json:"fraudsProven"`
	StakeSlashed      cli.Amount `json:"stakeSlashed"`
	// UptimeBps is EpochsLive / EpochsSinceOpened; SuccessBps the completed share of the jobs
	// that ended (10000 with none).
	UptimeBps  uint64 `json:"uptimeBps"`
	SuccessBps uint64 `json:"successBps"`
}

func newReliability(d *gen.Device, o *gen.DeviceOffer, now time.Time) reliability {
	r := reliability{OpenedAt: unix(o.OpenedTs), EpochsLive: o.EpochsLive, RegisteredAt: unix(d.RegisteredTs),
		JobsCompleted: o.JobsCompleted, JobsFailed: o.JobsFailed, JobsExpired: o.JobsExpired, FraudsProven: o.FraudsProven,
		StakeSlashed: cli.IO(o.SlashedOwner + o.SlashedCostake), UptimeBps: 10_000, SuccessBps: 10_000}
	if elapsed := now.Unix() - o.OpenedTs; elapsed > 0 {
		r.EpochsSinceOpened = uint64(elapsed) / 3600
	}
	if r.EpochsSinceOpened > 0 {
		r.UptimeBps, _ = staking.MulDiv(min(r.EpochsLive, r.EpochsSinceOpened), 10_000, r.EpochsSinceOpened)
	}
	if ended := o.JobsCompleted + o.JobsFailed + o.JobsExpired + o.FraudsProven; ended > 0 {
		r.SuccessBps, _ = staking.MulDiv(o.JobsCompleted, 10_000, ended)
	}
	return r
}

// moreReliable orders offers for --sort reliability: fewer proven frauds first, then higher
// uptime, then a higher share of completed jobs.
func moreReliable(a, b reliability) int {
	if a.FraudsProven != b.FraudsProven {
		return cmpUnits(a.FraudsProven, b.FraudsProven)
	}
	if a.UptimeBps != b.UptimeBps {
		return cmpUnits(b.UptimeBps, a.UptimeBps)
	}
	return cmpUnits(b.SuccessBps, a.SuccessBps)
}

func newOfferReport(cfg *gen.Config, d *gen.Device, o *gen.DeviceOffer, now time.Time) offerReport {
	own := staking.OwnerStake(d, o)
	r := offerReport{Device: o.DeviceKey.String(), Owner: o.Owner.String(), Open: o.ClosedUnlockTs == 0,
		CommissionBps: staking.CommissionAt(o, now.Unix()), MinOwnerBps: o.MinOwnerBps, OwnerStake: cli.IO(own), MaxCostake: cli.IO(o.MaxCostake),
		CoolingCostake: cli.IO(o.CoolingAmount), OwnerClaimable: cli.IO(o.OwnerUnclaimed), Credited: cli.IO(o.Credited),
		SlashedOwner: cli.IO(o.SlashedOwner), SlashedCostake: cli.IO(o.SlashedCostake), Reliability: newReliability(d, o, now)}
	if cfg != nil {
		r.Class = staking.DeviceEligibility(cfg, d).Class
	}
	if r.Open {
		r.Costake = cli.IO(o.ActiveAmount)
		r.FreeCapacity = cli.IO(freeCapacity(own, o))
	} else {
		r.CoolingCostake = cli.IO(o.CoolingAmount + o.ActiveAmount)
		at := unix(o.ClosedUnlockTs)
		r.ClosedUnlockAt = &at
	}
	if o.PendingTs != 0 && now.Unix() < o.PendingTs {
		bps, at := o.PendingCommissionBps, unix(o.PendingTs)
		r.PendingBps, r.PendingAt = &bps, &at
	}
	return r
}

// freeCapacity is the co-stake an open offer still takes: within its cap, and keeping the
// owner's own stake at its minimum share (own >= min * (own + costake)).
func freeCapacity(own uint64, o *gen.DeviceOffer) uint64 {
	room := uint64(0)
	if o.MaxCostake > o.ActiveAmount {
		room = o.MaxCostake - o.ActiveAmount
	}
	if o.MinOwnerBps > 0 {
		// total <= own * 10000 / min
		limit, ok := staking.MulDiv(own, 10_000, o.MinOwnerBps)
		if ok {
			floorRoom := uint64(0)
			if limit > own+o.ActiveAmount {
				floorRoom = limit - own - o.ActiveAmount
			}
			room = min(room, floorRoom)
		}
	}
	return room
}

func (r offerReport) writeHuman(tw io.Writer) {
	state := "open"
	if !r.Open {
		state = "closed: co-stake cooling down until " + r.ClosedUnlockAt.Format(time.RFC3339)
	}
	fmt.Fprintf(tw, "Offer\t%s\n", state)
	fmt.Fprintf(tw, "  commission\t%d bps", r.CommissionBps)
	if r.PendingBps != nil {
		fmt.Fprintf(tw, " (rising to %d bps at %s)", *r.PendingBps, r.PendingAt.Format(time.RFC3339))
	}
	fmt.Fprintf(tw, "\n  owner's stake\t%s IO (at least %d bps of the device's)\n", r.OwnerStake, r.MinOwnerBps)
	fmt.Fprintf(tw, "  co-stake\t%s IO of at most %s IO; room for %s IO more; %s IO cooling\n", r.Costake, r.MaxCostake, r.FreeCapacity, r.CoolingCostake)
	fmt.Fprintf(tw, "  rewards credited\t%s IO; owner's claimable %s IO\n", r.Credited, r.OwnerClaimable)
	fmt.Fprintf(tw, "  slashed\t%s IO from the owner, %s IO from co-stakers\n", r.SlashedOwner, r.SlashedCostake)
	rel := r.Reliability
	fmt.Fprintf(tw, "Reliability\tlive %d of %d epochs since the offer opened (%s); registered %s\n",
		rel.EpochsLive, rel.EpochsSinceOpened, rel.OpenedAt.Format(time.RFC3339), rel.RegisteredAt.Format(time.RFC3339))
	fmt.Fprintf(tw, "  jobs\t%d completed, %d failed, %d expired, %d frauds proven; %s IO slashed\n",
		rel.JobsCompleted, rel.JobsFailed, rel.JobsExpired, rel.FraudsProven, rel.StakeSlashed)
}

func cmpUnits(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// offersReport is `ionet offers`.
type offersReport struct {
	Offers []offerReport `json:"offers"`
}

func (r offersReport) WriteHuman(w io.Writer) error {
	if len(r.Offers) == 0 {
		_, err := fmt.Fprintln(w, "no open co-staking offers")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "DEVICE\tCLASS\tCOMMISSION\tOWNER STAKE\tCO-STAKE\tROOM\n")
	for _, o := range r.Offers {
		fmt.Fprintf(tw, "%s\t%s\t%d bps\t%s IO\t%s IO\t%s IO\n", o.Device, o.Class, o.CommissionBps, o.OwnerStake, o.Costake, o.FreeCapacity)
	}
	return tw.Flush()
}

// offerSize is a DeviceOffer account's size (discriminator included).
const offerSize = 8 + 2*32 + 25*8 + 8

// listOffers reads every offer (those whose owner is owner when set) with its device.
func listOffers(c *ucli.Context, s *staking.Client, owner solana.PublicKey) ([]*gen.DeviceOffer, map[solana.PublicKey]*gen.Device, error) {
	filters := []rpc.RPCFilter{{DataSize: offerSize}, {Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_DeviceOffer[:]}}}
	if !owner.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: 8 + 32, Bytes: owner[:]}})
	}
	accounts, err := s.Solana().RPC.GetProgramAccountsWithOpts(c.Context, s.ProgramID, &rpc.GetProgramAccountsOpts{Commitment: rpc.CommitmentConfirmed, Filters: filters})
	if err != nil {
		return nil, nil, fmt.Errorf("list co-staking offers: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	var offers []*gen.DeviceOffer
	devices := map[solana.PublicKey]*gen.Device{}
	for _, a := range accounts {
		o, err := gen.ParseAccount_DeviceOffer(a.Account.Data.GetBinary())
		if err != nil {
			return nil, nil, fmt.Errorf("offer %s: %w", a.Pubkey, err)
		}
		d, err := s.FetchDevice(c.Context, o.DeviceKey)
		if err != nil {
			return nil, nil, err
		}
		offers = append(offers, o)
		devices[o.DeviceKey] = d
	}
	return offers, devices, nil
}

func runOffers(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return errors.New("offers takes no arguments")
	}
	sortBy := c.String("sort")
	if !slices.Contains([]string{"commission", "free-capacity", "reliability"}, sortBy) {
		return fmt.Errorf("--sort %q: use reliability, commission or free-capacity", sortBy)
	}
	s, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	cfg, err := s.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	offers, devices, err := listOffers(c, s, solana.PublicKey{})
	if err != nil {
		return err
	}
	report := offersReport{Offers: []offerReport{}}
	for _, o := range offers {
		r := newOfferReport(cfg, devices[o.DeviceKey], o, now)
		if !r.Open || (c.String("gpu-class") != "" && !strings.EqualFold(r.Class, c.String("gpu-class"))) {
			continue
		}
		report.Offers = append(report.Offers, r)
	}
	slices.SortStableFunc(report.Offers, func(a, b offerReport) int {
		switch sortBy {
		case "free-capacity":
			return cmpUnits(b.FreeCapacity.Units(), a.FreeCapacity.Units())
		case "reliability":
			return moreReliable(a.Reliability, b.Reliability)
		}
		return int(a.CommissionBps) - int(b.CommissionBps)
	})
	return env.Print(report)
}

// costakeReport is one co-stake position (`costake show`).
type costakeReport struct {
	Device    string           `json:"device"`
	Stake     cli.Amount       `json:"stake"`    // active co-stake, IO
	ShareBps  uint64           `json:"shareBps"` // of the device's active stake
	Earned    cli.Amount       `json:"earned"`   // claimed + claimable
	Claimable cli.Amount       `json:"claimable"`
	Cooling   cli.Amount       `json:"cooling"`
	Cooldowns []cooldownReport `json:"cooldowns"`
}

// costakeShowReport is `costake show` (Positions) or `costake show --owner` (Offers).
type costakeShowReport struct {
	Wallet    string          `json:"wallet"`
	Positions []costakeReport `json:"positions,omitempty"`
	Offers    []offerReport   `json:"offers,omitempty"`
}

func (r costakeShowReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Wallet\t%s\n", r.Wallet)
	if len(r.Positions) == 0 && len(r.Offers) == 0 {
		fmt.Fprintf(tw, "Co-stake\tnone\n")
	}
	for _, p := range r.Positions {
		fmt.Fprintf(tw, "Device\t%s\n  stake\t%s IO (%d bps of the device)\n  earned\t%s IO, claimable %s IO\n  cooling\t%s IO\n",
			p.Device, p.Stake, p.ShareBps, p.Earned, p.Claimable, p.Cooling)
		for _, cd := range p.Cooldowns {
			fmt.Fprintf(tw, "  cooldown\t%s IO\tunlocks %s\n", cd.Amount, cd.UnlockAt.Format(time.RFC3339))
		}
	}
	for _, o := range r.Offers {
		fmt.Fprintf(tw, "Device\t%s\n", o.Device)
		o.writeHuman(tw)
	}
	return tw.Flush()
}

// costakePositionSize is a CostakePosition account's size (discriminator included).
const costakePositionSize = 8 + 2*32 + 5*8 + 4*16 + 8

func runCostakeShow(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	s, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	report := costakeShowReport{Wallet: key.PublicKey().String()}
	if c.Bool("owner") {
		cfg, err := s.FetchConfig(c.Context)
		if err != nil {
			return err
		}
		offers, devices, err := listOffers(c, s, key.PublicKey())
		if err != nil {
			return err
		}
		report.Offers = []offerReport{}
		for _, o := range offers {
			report.Offers = append(report.Offers, newOfferReport(cfg, devices[o.DeviceKey], o, now))
		}
		return env.Print(report)
	}
	filters := []rpc.RPCFilter{{DataSize: costakePositionSize}, {Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_CostakePosition[:]}},
		{Memcmp: &rpc.RPCFilterMemcmp{Offset: 8 + 32, Bytes: key.PublicKey().Bytes()}}}
	accounts, err := s.Solana().RPC.GetProgramAccountsWithOpts(c.Context, s.ProgramID, &rpc.GetProgramAccountsOpts{Commitment: rpc.CommitmentConfirmed, Filters: filters})
	if err != nil {
		return fmt.Errorf("list co-stake positions: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	report.Positions = []costakeReport{}
	for _, a := range accounts {
		p, err := gen.ParseAccount_CostakePosition(a.Account.Data.GetBinary())
		if err != nil {
			return fmt.Errorf("co-stake position %s: %w", a.Pubkey, err)
		}
		o, err := s.FetchOffer(c.Context, p.DeviceKey)
		if err != nil {
			return err
		}
		d, err := s.FetchDevice(c.Context, p.DeviceKey)
		if err != nil {
			return err
		}
		v := staking.ViewCostake(o, p)
		r := costakeReport{Device: p.DeviceKey.String(), Stake: cli.IO(v.Active), Earned: cli.IO(v.Earned), Claimable: cli.IO(v.Claimable),
			Cooling: cli.IO(v.Cooling), Cooldowns: []cooldownReport{}}
		if d.Stake > 0 {
			r.ShareBps, _ = staking.MulDiv(v.Active, 10_000, d.Stake)
		}
		for _, cd := range v.Cooldowns {
			at := unix(cd.UnlockTs)
			r.Cooldowns = append(r.Cooldowns, cooldownReport{Amount: cli.IO(staking.CooldownValue(o, cd)), UnlockAt: at, Ready: !at.After(now)})
		}
		report.Positions = append(report.Positions, r)
	}
	return env.Print(report)
}

// costakeParamsReport is `costake params`.
type costakeParamsReport struct {
	MinOwnerFloorBps uint64 `json:"minOwnerFloorBps"`
	NoticeSeconds    int64  `json:"noticeSeconds"`
	MaxCommissionBps uint64 `json:"maxCommissionBps"`
	Vault            string `json:"vault"`
}

func (r costakeParamsReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Owner share floor\t%d bps\n", r.MinOwnerFloorBps)
	fmt.Fprintf(tw, "Commission raise notice\t%s\n", time.Duration(r.NoticeSeconds)*time.Second)
	fmt.Fprintf(tw, "Maximum commission\t%d bps\n", r.MaxCommissionBps)
	fmt.Fprintf(tw, "Reward vault\t%s\n", r.Vault)
	return tw.Flush()
}

func runCostakeParams(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return errors.New("costake params takes no arguments")
	}
	s, err := stakingClient(c, env)
	if err != nil {
		return err
	}
	p, err := s.FetchCostakeParams(c.Context)
	if err != nil {
		return err
	}
	return env.Print(costakeParamsReport{MinOwnerFloorBps: p.MinOwnerFloorBps, NoticeSeconds: p.NoticeSeconds, MaxCommissionBps: p.MaxCommissionBps, Vault: p.Vault.String()})
}

func runCostakeSetParams(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return errors.New("costake set-params takes no arguments: give --floor-bps, --notice and --max-commission-bps")
	}
	return stakeTx{action: "set co-staking parameters", client: stakingClient,
		prepare: func(*staking.Client, solana.PrivateKey) (hints, error) {
			return hints{
				"Unauthorized":         "only the staking authority (governance after hand-over) sets the co-staking parameters",
				"InvalidCostakeParams": "floor 500 to 10000 bps, notice 24h to 720h, maximum commission at most 5000 bps",
			}, nil
		},
		send: func(s *staking.Client, key solana.PrivateKey) (*solanax.Result, error) {
			mint, err := s.IOMint(c.Context)
			if err != nil {
				return nil, err
			}
			return s.SetCostakeParams(c.Context, key, mint, c.Uint64("floor-bps"), int64(c.Duration("notice")/time.Second), c.Uint64("max-commission-bps"))
		},
	}.run(c, env)
}
