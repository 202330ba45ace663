package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gagliardetto/solana-go/rpc/jsonrpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Command categories of the ionet command tree, shared so every binary groups alike.
const (
	CategoryWallet = "Wallet"
	CategoryChain  = "Local chain"
	CategoryInfo   = "Info"
)

// NewApp builds an app with the global flags on the root and on every command that runs
// something, usage errors reported once (no help dump), and no os.Exit inside urfave.
func NewApp(name, usage string, commands ...*ucli.Command) *ucli.App {
	app := &ucli.App{
		Name:           name,
		Usage:          usage,
		Version:        Version(), // --version and -V; the version command says the same
		Commands:       commands,
		Flags:          globalFlags(),
		OnUsageError:   usageError,
		ExitErrHandler: func(*ucli.Context, error) {}, // Run reports errors
		Metadata:       map[string]any{},
		Action:         helpOrUnknown,
	}
	for _, cmd := range commands {
		prepare(cmd)
	}
	return app
}

// prepare gives runnable commands the global flags and every command the usage error handler.
func prepare(cmd *ucli.Command) {
	cmd.OnUsageError = usageError
	if cmd.Action != nil {
		cmd.Flags = append(cmd.Flags, globalFlags()...)
	} else {
		cmd.Action = helpOrUnknown
	}
	for _, sub := range cmd.Subcommands {
		prepare(sub)
	}
}

// helpOrUnknown is the action of the root and of command groups: help, or an error naming an
// unknown command.
func helpOrUnknown(c *ucli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("unknown command %q (see %s --help)", c.Args().First(), helpName(c))
	}
	return ucli.ShowSubcommandHelp(c)
}

func helpName(c *ucli.Context) string {
	if c.Command != nil && c.Command.HelpName != "" {
		return c.Command.HelpName
	}
	return c.App.Name
}

func usageError(c *ucli.Context, err error, _ bool) error {
	return fmt.Errorf("%w (see %s --help)", err, helpName(c))
}

// Run runs app with args (args[0] is the program name) and prints an error, once, to
// app.ErrWriter. It returns the process exit code: 0, or 1 on any error.
func Run(ctx context.Context, app *ucli.App, args []string) int {
	err := app.RunContext(ctx, flagsFirst(app, args))
	env, _ := app.Metadata[envKey].(*Env)
	if env != nil {
		env.close()
	}
	if err == nil {
		return 0
	}
	fmt.Fprintf(app.ErrWriter, "Error: %s\n", describe(err, env))
	return 1
}

// Main runs app on os.Args, cancelling its context on Ctrl-C or SIGTERM, and exits.
func Main(app *ucli.App) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, app, os.Args)
	stop()
	os.Exit(code)
}

// describe adds what to do about errors whose cause is not obvious from the message alone, and
// folds solana-go's multi-line RPC error dumps into one line.
func describe(err error, env *Env) string {
	msg := err.Error()
	var rpcErr *jsonrpc.RPCError
	if errors.As(err, &rpcErr) {
		msg = strings.Replace(msg, rpcErr.Error(), rpcErrorLine(rpcErr), 1)
	}
	if errors.Is(err, syscall.ECONNREFUSED) && env != nil {
		msg += fmt.Sprintf("\nNothing answers at %s: start a local chain with `ionet localnet up`, or choose a cluster with --url.", env.RPCURL)
	}
	return msg
}

// rpcErrorLine is a JSON-RPC error on one line, with the program's error log when a
// simulation failed.
func rpcErrorLine(e *jsonrpc.RPCError) string {
	line := fmt.Sprintf("rpc error %d: %s", e.Code, e.Message)
	data, _ := e.Data.(map[string]any)
	rawLogs, _ := data["logs"].([]any)
	logs := make([]string, 0, len(rawLogs))
	for _, l := range rawLogs {
		if s, ok := l.(string); ok {
			logs = append(logs, s)
		}
	}
	if log := solanax.ErrorLogLine(logs); log != "" {
		line += " (" + log + ")"
	}
	return line
}
