package main

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
)

// hints explain a command's program errors by name, each with the one fact the user needs
// (read from the chain before sending: a date, a minimum, who may act) and the command to run.
// The program decides; a hint only says why, in the user's terms.
type hints map[string]string

// explained is an error whose message is all the user needs; the program error it explains
// stays its cause (errors.Is/As, and the --verbose log).
type explained struct {
	msg   string
	cause error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.cause }

// explain is the one place a failed transaction's program error becomes what the user reads:
// the command's hint for that error when it has one, else the error as its client decoded it
// (the program's message, once).
func explain(env *cli.Env, err error, h hints) error {
	name := anchor.ErrorName(err)
	msg, ok := h[name]
	if name == "" || !ok {
		return err
	}
	env.Log.Debug("program error", "err", err)
	return &explained{msg: msg, cause: err}
}

// needFunds refuses, before anything is sent, a transaction that would move need base units of
// mint out of owner's associated account when it holds less.
func needFunds(ctx context.Context, env *cli.Env, owner, mint solana.PublicKey, need uint64, name string) error {
	got, err := env.Client().WalletBalances(ctx, owner, mint)
	if err != nil {
		return fmt.Errorf("read your %s balance: %w", name, err)
	}
	tok := got.Tokens[0]
	if tok.Amount >= need {
		return nil
	}
	return fmt.Errorf("you have %s %s, this needs %s %s (see `ionet balance`)",
		solanax.FormatAmount(tok.Amount, tok.Decimals), name, solanax.FormatAmount(need, tok.Decimals), name)
}

// when is a chain time for people: the UTC date and how far it is from now.
func when(t, now time.Time) string {
	at := t.UTC().Format("2006-01-02 15:04:05 UTC")
	d := t.Sub(now).Round(time.Second)
	switch {
	case d > 0:
		return at + " (in " + span(d) + ")"
	case d < 0:
		return at + " (" + span(-d) + " ago)"
	}
	return at + " (now)"
}

// span is a duration in days, hours, minutes and seconds, the larger units only: "13d 23h 59m".
func span(d time.Duration) string {
	days, rest := d/(24*time.Hour), d%(24*time.Hour)
	h, m, s := rest/time.Hour, rest%time.Hour/time.Minute, rest%time.Minute/time.Second
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh %dm", days, h, m)
	case h > 0:
		return fmt.Sprintf("%dh %dm", h, m)
	case m > 0:
		return fmt.Sprintf("%dm %ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}

// unix is a program's unix-seconds timestamp as a time.
func unix(ts int64) time.Time { return time.Unix(ts, 0).UTC() }
