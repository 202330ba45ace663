// Package capacity answers the device's proof-of-capacity challenges (programs/capacity) on its
// own schedule: a goroutine of its own polls the device's record and, when a challenge is open,
// computes C = A x B with the solver, commits its root and proves the spot check. Jobs never
// block it, and it never blocks jobs (it only needs CPU time and the device key).
package capacity

import (
	"context"
	"errors"
	"log/slog"
	"os/exec"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/capacity/pow"
)

// Prover answers one device's challenges.
type Prover struct {
	Client *capacity.Client
	Device solana.PrivateKey
	// Payer pays the commit and prove fees (the device's owner); nil: the device key pays.
	Payer solana.PrivateKey
	// Solver computes C; nil uses the CPU solver on every core.
	Solver pow.Solver
	// Poll is how often the record is read; 0 means every 2 seconds (5 slots).
	Poll time.Duration
	Log  *slog.Logger

	answered uint64             // request slot of the last challenge answered
	pending  *capacity.Prepared // computed, not yet fully sent
}

// Run polls and answers until ctx ends.
func (p *Prover) Run(ctx context.Context) {
	if p.Solver == nil {
		p.Solver = pow.CPU{}
	}
	if p.Poll <= 0 {
		p.Poll = 2 * time.Second
	}
	if p.Log == nil {
		p.Log = slog.Default()
	}
	if p.Payer == nil {
		p.Payer = p.Device
	}
	p.Log.Info("capacity prover started", "device", p.Device.PublicKey(), "solver", p.Solver.Name(), "program", p.Client.ProgramID)
	if _, err := exec.LookPath("nvidia-smi"); err == nil {
		p.Log.Info("capacity: a GPU is present (nvidia-smi found), but the capacity challenges use the CPU path: the GPU solver is a later step", "solver", p.Solver.Name())
	}
	tick := time.NewTicker(p.Poll)
	defer tick.Stop()
	for {
		p.Step(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Step reads the record once and answers an open challenge not answered yet. A computed answer
// is kept until its challenge closes, so a failed send is retried at the next poll (while the
// deadline allows) without computing C again.
func (p *Prover) Step(ctx context.Context) {
	key := p.Device.PublicKey()
	rec, err := p.Client.FetchRecord(ctx, key)
	if errors.Is(err, capacity.ErrNotFound) {
		return // never challenged
	}
	if err != nil {
		p.Log.Warn("capacity: read the device's record", "err", err)
		return
	}
	open := rec.Status == capacity.StatusRequested || rec.Status == capacity.StatusCommitted
	if !open || rec.RequestSlot == p.answered {
		return
	}
	if p.pending == nil || p.pending.RequestSlot != rec.RequestSlot {
		if rec.Status != capacity.StatusRequested {
			return // committed by another process of this device: not ours to prove
		}
		p.Log.Info("capacity challenge open", "requestSlot", rec.RequestSlot, "n", rec.N, "k", rec.K, "deadlineSlots", rec.DeadlineSlots)
		prepared, err := p.Client.Prepare(ctx, key, rec, p.Solver, nil)
		if err != nil {
			if ctx.Err() == nil {
				p.Log.Warn("capacity: compute the answer", "requestSlot", rec.RequestSlot, "err", err)
			}
			return
		}
		p.pending = prepared
	}
	out, err := p.Client.Submit(ctx, p.Payer, p.Device, p.pending)
	if err != nil {
		if ctx.Err() == nil {
			p.Log.Warn("capacity: send the answer (retried at the next poll while the deadline allows)", "requestSlot", rec.RequestSlot, "err", err)
		}
		return
	}
	p.answered, p.pending = rec.RequestSlot, nil
	flops := 2 * float64(out.N) * float64(out.N) * float64(out.N)
	p.Log.Info("capacity challenge answered", "requestSlot", rec.RequestSlot, "n", out.N,
		"status", capacity.StatusName(out.Status), "compute", out.Compute.String(),
		"gflopEquivalent", flops/out.Compute.Seconds()/1e9)
}
