package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Env is what a command runs with: resolved settings, output, logger, and lazily the keypair
// and an RPC client.
type Env struct {
	Settings
	Out io.Writer
	Log *slog.Logger

	given  FlagValues // the global flags as typed
	client *solanax.Client
}

const envKey = "ionet.env"

// Action adapts a command body that needs an Env to urfave's ActionFunc.
func Action(run func(c *ucli.Context, env *Env) error) ucli.ActionFunc {
	return func(c *ucli.Context) error {
		env, err := newEnv(c)
		if err != nil {
			return err
		}
		return run(c, env)
	}
}

func newEnv(c *ucli.Context) (*Env, error) {
	flags, verbose := flagValues(c)
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("find home directory (for the Solana CLI config and keypair): %w", err)
	}
	settings, err := Resolve(flags, home)
	if err != nil {
		return nil, err
	}
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	env := &Env{
		Settings: settings,
		given:    flags,
		Out:      c.App.Writer,
		Log:      slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level})),
	}
	c.App.Metadata[envKey] = env
	return env, nil
}

// Keypair loads the keypair file from --keypair or the Solana CLI config.
func (e *Env) Keypair() (solana.PrivateKey, error) {
	key, err := LoadKeypair(e.KeypairPath)
	if err != nil {
		return nil, fmt.Errorf("load keypair: %w (%s, or pass --keypair FILE)", err, KeygenHint(e.KeypairPath))
	}
	return key, nil
}

// Client is an RPC client for the resolved cluster, made on first use.
func (e *Env) Client() *solanax.Client {
	if e.client == nil {
		e.client = solanax.New(e.RPCURL, e.WSURL,
			solanax.WithCommitment(e.Commitment), solanax.WithLogger(e.Log))
	}
	return e.client
}

// URLGiven reports whether --url was on the command line (not from the config or default).
func (e *Env) URLGiven() bool { return e.given.URL != "" }

// UseCluster points the command at another node, replacing any client made so far.
func (e *Env) UseCluster(rpcURL, wsURL string) {
	e.close()
	e.client = nil
	e.RPCURL, e.WSURL = rpcURL, wsURL
}

func (e *Env) close() {
	if e.client != nil {
		_ = e.client.Close()
	}
}

// Report is a command result: encoded as JSON with --output json, else written for people.
type Report interface {
	WriteHuman(w io.Writer) error
}

// Print writes r in the chosen output format.
func (e *Env) Print(r Report) error {
	if e.Output == FormatJSON {
		enc := json.NewEncoder(e.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("write JSON output: %w", err)
		}
		return nil
	}
	if err := r.WriteHuman(e.Out); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
