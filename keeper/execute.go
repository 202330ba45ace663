package keeper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	computebudget "github.com/gagliardetto/solana-go/programs/compute-budget"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Transaction limits a batch must respect.
const (
	maxTxBytes    = 1232 // a packet's payload
	maxTxAccounts = 64   // account locks per transaction
	// budgetIxs is how many compute-budget instructions precede a batch's own (limit, price).
	budgetIxs = 2
	// maxFeeAccounts is getRecentPrioritizationFees' limit on accounts.
	maxFeeAccounts = 128
)

// runKind executes one kind's due tasks: read afresh, pack into transactions, send. When a
// step fails, the rest of its batch is read afresh and sent again (at most maxRounds times).
func (k *Keeper) runKind(ctx context.Context, d Duty, tasks []plan.Task, now int64) {
	for round := 0; len(tasks) > 0 && round < maxRounds && ctx.Err() == nil; round++ {
		steps, gone, err := d.Prepare(ctx, k.cfg.Payer.PublicKey(), tasks, now)
		if err != nil {
			k.rpcFailure("prepare", fmt.Errorf("prepare %s: %w", d.Kind(), err))
			k.holdAll(tasks, err)
			return
		}
		for _, g := range gone {
			k.forget(g.Task)
			if g.Done {
				k.raceLost(d.Kind(), raceFreshRead)
			}
			k.cfg.Log.Info("task no longer pending", "kind", g.Task.Kind, "id", g.Task.ID, "done", g.Done, "reason", g.Reason)
		}
		batches := plan.Pack(steps, func(s Step) uint64 { return s.Units }, k.cfg.MaxUnits, k.fits)
		outcomes := make([]outcome, len(batches))
		var wg sync.WaitGroup
		slots := make(chan struct{}, k.cfg.Parallel)
		for i, batch := range batches {
			wg.Add(1)
			slots <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-slots }()
				outcomes[i] = k.send(ctx, batch)
			}()
		}
		wg.Wait()
		var again []plan.Task
		for _, o := range outcomes {
			again = append(again, k.record(d, o)...)
		}
		tasks = again
	}
}

// outcome is one batch's transaction: landed (with its details, for the fee and tips), failed,
// or not sent because the run was being cancelled.
type outcome struct {
	batch      []Step
	mainAt     []int
	res        *solanax.Result
	details    *solanax.TxDetails
	detailsErr error
	err        error
	skipped    bool
}

// send sends one batch as a transaction and waits for it. It only reads the keeper's
// configuration, so batches go out concurrently; record then applies the outcomes in order.
func (k *Keeper) send(ctx context.Context, batch []Step) outcome {
	ixs, mainAt := assemble(batch)
	o := outcome{batch: batch, mainAt: mainAt}
	if ctx.Err() != nil {
		o.skipped = true
		return o
	}
	units := uint64(0)
	for _, s := range batch {
		units += s.Units
	}
	// Confirm what was sent even when the run is being cancelled: a clean shutdown waits for it.
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	o.res, o.err = k.sx.Send(sendCtx, k.cfg.Payer, ixs,
		solanax.WithComputeUnitLimit(uint32(min(units, k.cfg.MaxUnits))), solanax.WithComputeUnitPrice(k.priorityFee(sendCtx, ixs)))
	if o.err == nil {
		o.details, o.detailsErr = o.res.Details(sendCtx)
	}
	return o
}

// priorityFee is the compute-unit price to bid for a transaction of ixs.
func (k *Keeper) priorityFee(ctx context.Context, ixs []solana.Instruction) uint64 {
	c := k.cfg
	if c.FeePercentile == 0 {
		return plan.PriorityFee(nil, 0, c.PriorityFee, c.MaxPriorityFee)
	}
	var writable solana.PublicKeySlice
	for _, ix := range ixs {
		for _, a := range ix.Accounts() {
			if a.IsWritable && !a.PublicKey.Equals(c.Payer.PublicKey()) && !writable.Contains(a.PublicKey) && len(writable) < maxFeeAccounts {
				writable = append(writable, a.PublicKey)
			}
		}
	}
	recent, err := k.sx.RPC.GetRecentPrioritizationFees(ctx, writable)
	if err != nil {
		c.Metrics.RPCErrors.WithLabelValues("fees").Inc()
		c.Log.Warn("recent prioritization fees unavailable; bidding the floor", "floor", c.PriorityFee, "err", err)
	}
	samples := make([]uint64, len(recent))
	for i, r := range recent {
		samples[i] = r.PrioritizationFee
	}
	return plan.PriorityFee(samples, c.FeePercentile, c.PriorityFee, c.MaxPriorityFee)
}

// record applies a batch's outcome and returns the tasks to read afresh and send again (the
// others of a batch in which one step failed).
func (k *Keeper) record(d Duty, o outcome) []plan.Task {
	batch, mainAt := o.batch, o.mainAt
	if o.skipped {
		return nil
	}
	m := k.cfg.Metrics
	if o.err == nil {
		m.Transactions.WithLabelValues("ok").Inc()
		k.stats.Transactions++
		for _, s := range batch {
			k.forget(s.Task)
			m.Steps.WithLabelValues(d.Kind()).Inc()
			k.stats.Steps[d.Kind()]++
			k.cfg.Log.Info("step done", "kind", d.Kind(), "id", s.Task.ID, "detail", s.Detail, "sig", o.res.Signature, "batch", len(batch))
		}
		k.account(o)
		return nil
	}
	m.Transactions.WithLabelValues("failed").Inc()
	k.stats.Failed++
	err := d.DecodeError(o.err)
	var txErr *solanax.TxError
	if !errors.As(err, &txErr) || txErr.Instruction < 0 {
		// Unanswered, refused, expired blockhash, fee payer out of SOL: nothing says which step,
		// and a fresh read after the backoff tells whether the transaction landed after all.
		k.rpcFailure("send", err)
		k.holdAll(tasksOf(batch), err)
		return nil
	}
	name, failed := instructionErrorName(txErr), -1
	var pe *anchor.ProgramError
	if errors.As(err, &pe) {
		name, failed = pe.Name, slices.Index(mainAt, txErr.Instruction)
	}
	if failed < 0 {
		// A setup instruction (a token account creation) failed: the batch as a whole.
		m.ProgramErrs.WithLabelValues(d.Kind(), name).Inc()
		wait := k.holdAll(tasksOf(batch), err)
		k.cfg.Log.Error("batch failed in a setup instruction", "kind", d.Kind(), "error", name, "preflight", txErr.Preflight, "retryIn", wait, "err", err)
		return nil
	}
	s := batch[failed]
	if d.IsRace(pe.Name) {
		k.raceLost(d.Kind(), raceFailed)
		k.forget(s.Task)
		k.cfg.Log.Info("race lost: already done", "kind", d.Kind(), "id", s.Task.ID, "error", pe.Name, "preflight", pe.Tx.Preflight)
	} else {
		m.ProgramErrs.WithLabelValues(d.Kind(), pe.Name).Inc()
		wait := k.holds.Hold(s.Task.Name(), time.Now())
		k.cfg.Log.Error("step failed", "kind", d.Kind(), "id", s.Task.ID, "program", pe.Program, "error", pe.Name, "code", pe.Code,
			"message", pe.Message, "preflight", pe.Tx.Preflight, "retryIn", wait, "err", err)
	}
	return tasksOf(append(batch[:failed:failed], batch[failed+1:]...))
}

func tasksOf(steps []Step) []plan.Task {
	out := make([]plan.Task, len(steps))
	for i, s := range steps {
		out[i] = s.Task
	}
	return out
}

func (k *Keeper) raceLost(kind, how string) {
	k.cfg.Metrics.RacesLost.WithLabelValues(kind, how).Inc()
	k.stats.RacesLost++
}

// forget drops a task that is done or no longer pending.
func (k *Keeper) forget(t plan.Task) {
	delete(k.view, t.Name())
	k.holds.Clear(t.Name())
}

// holdAll backs every task off after a failure that names no single step, and returns the
// longest wait.
func (k *Keeper) holdAll(tasks []plan.Task, err error) time.Duration {
	var longest time.Duration
	for _, t := range tasks {
		longest = max(longest, k.holds.Hold(t.Name(), time.Now()))
	}
	k.cfg.Log.Warn("steps held back after a failure", "count", len(tasks), "retryIn", longest, "err", err)
	return longest
}

// instructionErrorName is a failed instruction's error: "Custom(N)" or the runtime's name
// ("ProgramFailedToComplete").
func instructionErrorName(e *solanax.TxError) string {
	if e.IsCustom {
		return fmt.Sprintf("Custom(%d)", e.Custom)
	}
	var v struct {
		InstructionError []json.RawMessage `json:"InstructionError"`
	}
	var name string
	if json.Unmarshal(e.Err, &v) == nil && len(v.InstructionError) == 2 && json.Unmarshal(v.InstructionError[1], &name) == nil {
		return name
	}
	return string(e.Err)
}

// assemble lists a batch's instructions: each distinct setup instruction once, then every
// main instruction; mainAt is each step's main instruction index in the transaction as sent
// (after the compute-budget instructions).
func assemble(batch []Step) (ixs []solana.Instruction, mainAt []int) {
	seen := map[string]bool{}
	for _, s := range batch {
		for _, ix := range s.Setup {
			if id := instructionID(ix); !seen[id] {
				seen[id] = true
				ixs = append(ixs, ix)
			}
		}
	}
	for _, s := range batch {
		mainAt = append(mainAt, budgetIxs+len(ixs))
		ixs = append(ixs, s.Main)
	}
	return ixs, mainAt
}

// instructionID identifies an instruction by program, accounts and data.
func instructionID(ix solana.Instruction) string {
	data, _ := ix.Data()
	id := ix.ProgramID().String() + string(data)
	for _, a := range ix.Accounts() {
		id += a.PublicKey.String() + strconv.FormatBool(a.IsWritable) + strconv.FormatBool(a.IsSigner)
	}
	return id
}

// fits reports whether batch makes a transaction within the size and account-lock limits.
func (k *Keeper) fits(batch []Step) bool {
	ixs, _ := assemble(batch)
	all := append([]solana.Instruction{
		computebudget.NewSetComputeUnitLimitInstruction(0).Build(),
		computebudget.NewSetComputeUnitPriceInstruction(0).Build(),
	}, ixs...)
	tx, err := solana.NewTransaction(all, solana.Hash{}, solana.TransactionPayer(k.cfg.Payer.PublicKey()))
	if err != nil {
		return false
	}
	msg, err := tx.Message.MarshalBinary()
	if err != nil {
		return false
	}
	sigs := int(tx.Message.Header.NumRequiredSignatures)
	size := 1 + 64*sigs + len(msg) // compact-u16 signature count (< 128), signatures, message
	return size <= maxTxBytes && len(tx.Message.AccountKeys) <= maxTxAccounts
}

// account records the fee and the tips of a landed transaction (from getTransaction).
func (k *Keeper) account(o outcome) {
	if o.detailsErr != nil {
		k.cfg.Metrics.RPCErrors.WithLabelValues("details").Inc()
		k.cfg.Log.Warn("no details for a landed transaction: its fee and tips are not counted", "sig", o.res.Signature, "err", o.detailsErr)
		return
	}
	k.cfg.Metrics.FeesPaid.Add(float64(o.details.Fee))
	k.stats.FeesPaid += o.details.Fee
	if tip := tips(o.details, k.cfg.Payer.PublicKey(), k.cfg.TipMint); tip > 0 {
		k.cfg.Metrics.Tips.Add(float64(tip))
		k.stats.TipsEarned += tip
	}
}

// tips is how much owner's token accounts in mint gained in the transaction.
func tips(d *solanax.TxDetails, owner, mint solana.PublicKey) uint64 {
	if d.Meta == nil || mint.IsZero() {
		return 0
	}
	amounts := func(list []rpc.TokenBalance) map[uint16]uint64 {
		out := map[uint16]uint64{}
		for _, b := range list {
			if b.Owner != nil && b.Owner.Equals(owner) && b.Mint.Equals(mint) && b.UiTokenAmount != nil {
				if v, err := strconv.ParseUint(b.UiTokenAmount.Amount, 10, 64); err == nil {
					out[b.AccountIndex] = v
				}
			}
		}
		return out
	}
	pre, post := amounts(d.Meta.PreTokenBalances), amounts(d.Meta.PostTokenBalances)
	var gained uint64
	for i, after := range post {
		if before := pre[i]; after > before {
			gained += after - before
		}
	}
	return gained
}
