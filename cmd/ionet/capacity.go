package main

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// capacityCommands are `ionet capacity request|show|params`: proof-of-capacity challenges.
func capacityCommands() []*ucli.Command {
	flags := withPrograms(cli.ProgramStaking, cli.ProgramCapacity)
	return []*ucli.Command{{
		Name:     "capacity",
		Usage:    "proof of capacity: challenge a device to compute a seeded matrix product, see its record",
		Category: categoryStaking,
		Subcommands: []*ucli.Command{
			{
				Name: "request", Usage: "open a challenge for a device (anyone may; the --keypair wallet pays)", ArgsUsage: "DEVICE",
				Flags: flags(), Action: cli.Action(runCapacityRequest),
			},
			{
				Name: "show", Usage: "a device's last challenge, its results and whether it counts as live", ArgsUsage: "DEVICE",
				Flags: flags(), Action: cli.Action(runCapacityShow),
			},
			{
				Name: "params", Usage: "the challenge per GPU class: matrix size, spot checks, deadline",
				Flags: flags(), Action: cli.Action(runCapacityParams),
			},
		},
	}}
}

// deviceArg is the single DEVICE argument.
func deviceArg(c *ucli.Context) (solana.PublicKey, error) {
	if c.NArg() != 1 {
		return solana.PublicKey{}, fmt.Errorf("give exactly one DEVICE public key (got %d arguments)", c.NArg())
	}
	key, err := solana.PublicKeyFromBase58(c.Args().First())
	if err != nil {
		return key, fmt.Errorf("device %q is not a base58 public key: %w", c.Args().First(), err)
	}
	return key, nil
}

func runCapacityRequest(c *ucli.Context, env *cli.Env) error {
	device, err := deviceArg(c)
	if err != nil {
		return err
	}
	cp, stk, err := capacityClient(c, env)
	if err != nil {
		return err
	}
	if _, err := stk.FetchDevice(c.Context, device); err != nil {
		return err
	}
	if rec, err := cp.FetchRecord(c.Context, device); err == nil {
		if deadline, open := capacity.PhaseDeadline(rec); open {
			return fmt.Errorf("device %s already has a challenge open (%s) until slot %d: wait for its answer, or request again after that slot", device, capacity.StatusName(rec.Status), deadline)
		}
	} else if !errors.Is(err, capacity.ErrNotFound) {
		return err
	}
	payer, err := env.Keypair()
	if err != nil {
		return err
	}
	res, err := cp.Request(c.Context, payer, device)
	if err != nil {
		return err
	}
	rec, err := cp.FetchRecord(c.Context, device)
	if err != nil {
		return err
	}
	return env.Print(capacityRequestReport{txReport: newTxReport("request a capacity challenge for "+device.String(), res, nil),
		RequestSlot: rec.RequestSlot, N: rec.N, K: rec.K, CommitBySlot: rec.RequestSlot + rec.DeadlineSlots})
}

type capacityRequestReport struct {
	txReport
	RequestSlot  uint64 `json:"requestSlot"`
	N            uint64 `json:"n"`
	K            uint64 `json:"k"`
	CommitBySlot uint64 `json:"commitBySlot"`
}

func (r capacityRequestReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s: challenge n=%d (k=%d checks) seeded by slot %d's hash; the device commits by slot %d\nsignature %s (slot %d)\n",
		r.Action, r.N, r.K, r.RequestSlot, r.CommitBySlot, r.Signature, r.Slot)
	return err
}

// capacityReport is `capacity show`.
type capacityReport struct {
	Device       string     `json:"device"`
	Record       string     `json:"record"`
	Status       string     `json:"status"`
	N            uint64     `json:"n"`
	K            uint64     `json:"k"`
	RequestSlot  uint64     `json:"requestSlot"`
	CommitSlot   uint64     `json:"commitSlot,omitempty"`
	DeadlineSlot uint64     `json:"deadlineSlot,omitempty"` // of the open phase
	Root         string     `json:"root,omitempty"`
	Challenges   uint64     `json:"challenges"`
	Passes       uint64     `json:"passes"`
	Misses       uint64     `json:"misses"`
	Faults       uint64     `json:"faults"`
	LastPass     *time.Time `json:"lastPass,omitempty"`
	Live         bool       `json:"live"`
	Reason       string     `json:"reason"`
}

func (r capacityReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Device\t%s\n", r.Device)
	fmt.Fprintf(tw, "Last challenge\t%s, n=%d k=%d, requested at slot %d\n", r.Status, r.N, r.K, r.RequestSlot)
	if r.CommitSlot != 0 {
		fmt.Fprintf(tw, "Committed\tslot %d, root %s\n", r.CommitSlot, r.Root)
	}
	if r.DeadlineSlot != 0 {
		fmt.Fprintf(tw, "Deadline\tslot %d\n", r.DeadlineSlot)
	}
	fmt.Fprintf(tw, "Results\t%d challenges: %d passed, %d missed, %d faults\n", r.Challenges, r.Passes, r.Misses, r.Faults)
	if r.LastPass != nil {
		fmt.Fprintf(tw, "Last pass\t%s\n", r.LastPass.Format(time.RFC3339))
	}
	verdict := "no"
	if r.Live {
		verdict = "yes"
	}
	fmt.Fprintf(tw, "Live\t%s: %s\n", verdict, r.Reason)
	return tw.Flush()
}

func runCapacityShow(c *ucli.Context, env *cli.Env) error {
	device, err := deviceArg(c)
	if err != nil {
		return err
	}
	cp, _, err := capacityClient(c, env)
	if err != nil {
		return err
	}
	cfg, err := cp.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	rec, err := cp.FetchRecord(c.Context, device)
	if err != nil {
		return err
	}
	addr, err := capacity.RecordAddress(cp.ProgramID, device)
	if err != nil {
		return err
	}
	slot, err := env.Client().RPC.GetSlot(c.Context, env.Commitment)
	if err != nil {
		return fmt.Errorf("read the current slot: %w", err)
	}
	now, err := chainTime(c, env)
	if err != nil {
		return err
	}
	r := capacityReport{Device: device.String(), Record: addr.String(), Status: capacity.StatusName(rec.Status), N: rec.N, K: rec.K,
		RequestSlot: rec.RequestSlot, CommitSlot: rec.CommitSlot, Challenges: rec.Challenges, Passes: rec.Passes,
		Misses: rec.Misses, Faults: rec.Faults}
	if rec.Status >= capacity.StatusCommitted {
		r.Root = solana.Hash(rec.Root).String()
	}
	if d, open := capacity.PhaseDeadline(rec); open {
		r.DeadlineSlot = d
	}
	if rec.Passes > 0 {
		at := time.Unix(rec.LastPassTs, 0).UTC()
		r.LastPass = &at
	}
	r.Live, r.Reason = liveness(rec, slot, now.Unix(), cfg.ValidityEpochs)
	return env.Print(r)
}

// liveness is capacity.Live with the reason.
func liveness(rec *gen.DeviceCapacity, slot uint64, now int64, validity uint64) (bool, string) {
	switch {
	case rec.Faults > 0:
		return false, "a proven fault: a committed entry was not the product (ineligible for good)"
	case rec.Passes == 0:
		return false, "never passed a challenge"
	case rec.Status == capacity.StatusMissed:
		return false, "the last challenge was missed: not live until the next one passes"
	case capacity.Overdue(rec, slot):
		return false, "the open challenge passed its deadline unanswered"
	case !capacity.Live(rec, slot, now, validity):
		return false, fmt.Sprintf("the last pass is older than %d epochs (hours)", validity)
	}
	return true, fmt.Sprintf("passed within the last %d epochs (hours)", validity)
}

type capacityParamsReport struct {
	ValidityEpochs uint64              `json:"validityEpochs"`
	IntervalSlots  uint64              `json:"intervalSlots"`
	Classes        []capacityClassInfo `json:"classes"`
}

type capacityClassInfo struct {
	Class         string `json:"class"`
	N             uint64 `json:"n"`
	K             uint64 `json:"k"`
	DeadlineSlots uint64 `json:"deadlineSlots"`
}

func (r capacityParamsReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Validity\t%d epochs (hours) after a pass\n", r.ValidityEpochs)
	fmt.Fprintf(tw, "Interval\t%d slots between challenges\n", r.IntervalSlots)
	fmt.Fprintln(tw, "CLASS\tN\tK\tDEADLINE (slots)")
	for _, c := range r.Classes {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", c.Class, c.N, c.K, c.DeadlineSlots)
	}
	return tw.Flush()
}

func runCapacityParams(c *ucli.Context, env *cli.Env) error {
	cp, stk, err := capacityClient(c, env)
	if err != nil {
		return err
	}
	cfg, err := cp.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	scfg, err := stk.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	r := capacityParamsReport{ValidityEpochs: cfg.ValidityEpochs, IntervalSlots: cfg.IntervalSlots, Classes: []capacityClassInfo{}}
	for i, cl := range scfg.GpuClasses[:scfg.GpuClassCount] {
		p := cfg.Classes[i]
		r.Classes = append(r.Classes, capacityClassInfo{Class: staking.ClassName(cl), N: p.N, K: p.K, DeadlineSlots: p.DeadlineSlots})
	}
	return env.Print(r)
}
