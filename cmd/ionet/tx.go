package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// txCmd is the shape of every command that sends one transaction signed by the --keypair
// wallet: load the key, make the program client, prepare, send, and print what happened.
type txCmd[C any] struct {
	action string
	amount *uint64 // IO the command moves, when it names one
	client func(*ucli.Context, *cli.Env) (C, error)
	// prepare reads the chain before sending: it refuses what cannot work (an id that does not
	// exist, another's job, funds short of the amount) and returns the hints that explain the
	// program's errors with the facts it read. Optional.
	prepare func(C, solana.PrivateKey) (hints, error)
	send    func(C, solana.PrivateKey) (*solanax.Result, error)
	// landed fills in what the transaction did from the events in its logs. Optional.
	landed func(C, []string, *txReport)
}

func (t txCmd[C]) run(c *ucli.Context, env *cli.Env) error {
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	client, err := t.client(c, env)
	if err != nil {
		return err
	}
	var h hints
	if t.prepare != nil {
		if h, err = t.prepare(client, key); err != nil {
			return err
		}
	}
	res, err := t.send(client, key)
	if err != nil {
		return explain(env, err, h)
	}
	report := newTxReport(t.action, res, t.amount)
	if t.landed != nil {
		// The transaction landed: a failure to read its logs loses the details, not the result.
		if d, err := res.Details(c.Context); err != nil {
			env.Log.Warn("read the transaction's events", "signature", res.Signature, "err", err)
		} else {
			t.landed(client, d.Logs, &report)
		}
	}
	return env.Print(report)
}

// txReport is what a transaction command prints: what was asked, what happened (each only where
// it applies, from the transaction's events), and where it landed.
type txReport struct {
	Action    string      `json:"action"`
	Amount    *cli.Amount `json:"amount,omitempty"` // IO
	Token     string      `json:"token,omitempty"`  // the currency of the amounts below
	Withdrawn *cli.Amount `json:"withdrawn,omitempty"`
	Claimed   *cli.Amount `json:"claimed,omitempty"`
	Paid      *cli.Amount `json:"paid,omitempty"` // to the worker
	Fees      *cli.Amount `json:"fees,omitempty"`
	Refunded  *cli.Amount `json:"refunded,omitempty"`
	Slashed   *cli.Amount `json:"slashed,omitempty"` // IO, from the device
	UnlockAt  *time.Time  `json:"unlockAt,omitempty"`
	txRef
}

// txRef is where a transaction landed: every report of a transaction the command sent carries
// it, as "signature" and "slot".
type txRef struct {
	Signature string `json:"signature"`
	Slot      uint64 `json:"slot"`
}

func refOf(res *solanax.Result) txRef {
	return txRef{Signature: res.Signature.String(), Slot: res.Slot}
}

func newTxReport(action string, res *solanax.Result, amount *uint64) txReport {
	r := txReport{Action: action, txRef: refOf(res)}
	if amount != nil {
		a := cli.IO(*amount)
		r.Amount = &a
	}
	return r
}

// outcome is what happened, in words ("" when the events said nothing).
func (r txReport) outcome() string {
	var parts []string
	add := func(verb string, a *cli.Amount, token string) {
		if a != nil {
			parts = append(parts, fmt.Sprintf("%s %s %s", verb, a, token))
		}
	}
	add("withdrew", r.Withdrawn, r.Token)
	add("claimed", r.Claimed, r.Token)
	add("worker paid", r.Paid, r.Token)
	add("fees", r.Fees, r.Token)
	add("refunded", r.Refunded, r.Token)
	add("device slashed", r.Slashed, "IO")
	if r.UnlockAt != nil {
		parts = append(parts, "withdrawable from "+r.UnlockAt.Format("2006-01-02 15:04:05 UTC")+" (then run `ionet withdraw`)")
	}
	return strings.Join(parts, ", ")
}

func (r txReport) WriteHuman(w io.Writer) error {
	head := r.Action
	if r.Amount != nil {
		head += " " + r.Amount.String() + " IO"
	}
	if o := r.outcome(); o != "" {
		head += ": " + o + ";"
	} else {
		head += ":"
	}
	_, err := fmt.Fprintf(w, "%s done in slot %d\nSignature %s\n", head, r.Slot, r.Signature)
	return err
}

// event is the last event of type T among events (a client's Events over a transaction's logs).
func event[T any](events []any) (*T, bool) {
	var found *T
	for _, ev := range events {
		if e, ok := ev.(*T); ok {
			found = e
		}
	}
	return found, found != nil
}

// ioAmount is units of IO as a report field.
func ioAmount(units uint64) *cli.Amount {
	a := cli.IO(units)
	return &a
}
