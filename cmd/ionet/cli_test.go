package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// commandsCLI runs `ionet ARGS` in-process over fresh instances of commands (urfave flags keep
// state) with stdin, returning the exit code, stdout and stderr.
func commandsCLI(ctx context.Context, commands func() []*ucli.Command, stdin string, args ...string) (int, string, string) {
	var stdout, stderr localnettest.SyncBuffer
	app := cli.NewApp("ionet", "commands under test", commands()...)
	app.Reader, app.Writer, app.ErrWriter = strings.NewReader(stdin), &stdout, &stderr
	code := cli.Run(ctx, app, append([]string{"ionet"}, args...))
	return code, stdout.String(), stderr.String()
}

// commandSets joins command sets: commandSets(stakeCommands, jobCommands).
func commandSets(sets ...func() []*ucli.Command) func() []*ucli.Command {
	return func() []*ucli.Command {
		var all []*ucli.Command
		for _, set := range sets {
			all = append(all, set()...)
		}
		return all
	}
}

// walletCLI runs commands as a keypair file: the command's words first, then the global flags
// (global and --keypair), then args.
type walletCLI struct {
	ctx      context.Context
	commands func() []*ucli.Command
	global   []string
}

func (w walletCLI) args(keypair, command string, args []string) []string {
	return append(strings.Fields(command), append(append(append([]string{}, w.global...), "--keypair", keypair), args...)...)
}

// run expects success and returns stdout.
func (w walletCLI) run(t *testing.T, keypair, command string, args ...string) string {
	t.Helper()
	full := w.args(keypair, command, args)
	code, out, errOut := commandsCLI(w.ctx, w.commands, "", full...)
	require.Equal(t, 0, code, "ionet %s: %s", strings.Join(full, " "), errOut)
	return out
}

// fails expects exit code 1 with stdin and returns stderr.
func (w walletCLI) fails(t *testing.T, keypair, stdin, command string, args ...string) string {
	t.Helper()
	full := w.args(keypair, command, args)
	code, _, errOut := commandsCLI(w.ctx, w.commands, stdin, full...)
	require.Equal(t, 1, code, "ionet %s should fail", strings.Join(full, " "))
	return errOut
}
