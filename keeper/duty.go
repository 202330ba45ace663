package keeper

import (
	"context"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/keeper/plan"
)

// Duty is one kind of due work (emission crank, job settlement, job expiry, ...).
type Duty interface {
	// Kind names the work in logs and metrics ("settle_job").
	Kind() string
	// Program is the program whose accounts the duty watches and whose errors it decodes.
	Program() solana.PublicKey
	// Scan lists every pending task of this kind from chain state, due or not.
	Scan(ctx context.Context) ([]plan.Task, error)
	// Observe reads an account of Program() that changed (a websocket notification).
	Observe(key solana.PublicKey, data []byte) (plan.Task, Observation)
	// Prepare reads tasks afresh at chain time now and builds the steps for those still due.
	// Tasks no longer pending come back in gone with the reason.
	Prepare(ctx context.Context, payer solana.PublicKey, tasks []plan.Task, now int64) (steps []Step, gone []Gone, err error)
	// DecodeError turns a failed transaction of this duty's steps into the program's named
	// error (an *anchor.ProgramError) where it is one.
	DecodeError(err error) error
	// IsRace reports whether a program error name means the step was already done by someone
	// else (or can never be done again): the task is dropped, not retried.
	IsRace(errorName string) bool
}

// Observation is what an account notification means to a duty.
type Observation int

const (
	// Unrelated: the account is not one this duty acts on.
	Unrelated Observation = iota
	// Pending: the account has work of this kind (the task says from when).
	Pending
	// Settled: the account has no work of this kind any more.
	Settled
)

// Step is a task ready to send: Setup instructions are idempotent preparations (token accounts
// created when missing) that several steps of a batch may share; Main does the work.
type Step struct {
	Task  plan.Task
	Setup []solana.Instruction
	Main  solana.Instruction
	// Units is the compute-unit budget of Main and Setup together (Setup counted as if alone).
	Units uint64
	// Detail says what the step does, for logs ("epochs 5..104").
	Detail string
}

// Gone is a task found no longer pending by a fresh read.
type Gone struct {
	Task plan.Task
	// Done is true when the step was done (by another keeper, or by an earlier transaction of
	// this one that did not report back); false when the account changed so that this kind of
	// work no longer applies (a job challenged instead of settled).
	Done   bool
	Reason string
}
