package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
)

// TestFlagsAfterArgumentsInIonet runs the real command tree against a cluster that does not
// answer: reaching "Nothing answers at" the dead URL proves the flags after the arguments were
// read (the default cluster is localhost:8899).
func TestFlagsAfterArgumentsInIonet(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	const dead = "http://127.0.0.1:1"
	key := filepath.Join(t.TempDir(), "id.json")
	_, err := cli.NewKeypairFile(key, false)
	require.NoError(t, err)
	tests := []struct {
		args string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{"stake 1.5 --url " + dead + " --keypair " + key, 1, "", "Nothing answers at " + dead},
		{"stake 1.5 -u " + dead + " -k " + key, 1, "", "Nothing answers at " + dead},
		{"gov show 3 -o json --url " + dead, 1, "", "Nothing answers at " + dead},
		{"gov vote 3 yes --url " + dead + " --keypair " + key, 1, "", "Nothing answers at " + dead},
		{"job challenge 7 --bond 1 --url " + dead + " --keypair " + key, 1, "", "Nothing answers at " + dead},
		{"job challenge 7 --url " + dead, 1, "", `Required flag "bond" not set`},
		{"job show 7 -o json -u " + dead, 1, "", "Nothing answers at " + dead},
		{"balance 11111111111111111111111111111111 --url " + dead, 1, "", "Nothing answers at " + dead},
		{"device show 11111111111111111111111111111111 -u " + dead, 1, "", "Nothing answers at " + dead},
		{"localnet warp 1h --manifest /nonexistent/manifest.json", 1, "", "/nonexistent/manifest.json"},
		{"stake -- -5 --keypair " + key, 1, "", "give exactly one AMOUNT in IO, such as 1.5 (got 3 arguments)"}, // -- ends the flags
		{"stake --keypair " + key + " -- -5", 1, "", "negative amounts are not allowed"},
		{"stake -5", 1, "", "flag provided but not defined: -5"},
		{"stake 1 --help", 0, "ionet stake - stake IO", ""},
		{"stake 1 -h", 0, "ionet stake - stake IO", ""},
		{"gov show 3 --help", 0, "ionet gov show - ", ""},
		{"job challenge 7 --bond 1 --help", 0, "ionet job challenge - ", ""},
		{"gov frobnicate -o json", 1, "", `unknown command "frobnicate" (see ionet gov --help)`},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			code, out, errOut := ionet(ctx, strings.Fields(tt.args)...)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out, errOut)
			assert.Contains(t, out, tt.out)
			assert.Contains(t, errOut, tt.err)
			if tt.code == 0 {
				assert.Empty(t, errOut)
			}
		})
	}
}

// TestHelpAfterAnArgument: every command that runs something prints its help for
// `ionet COMMAND ARG --help`, not an error or a help topic lookup.
func TestHelpAfterAnArgument(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	var walk func(path []string, cmds []*ucli.Command)
	count := 0
	walk = func(path []string, cmds []*ucli.Command) {
		for _, cmd := range cmds {
			p := append(append([]string{}, path...), cmd.Name)
			walk(p, cmd.Subcommands)
			if len(cmd.Flags) == 0 { // a group: its help needs no argument
				continue
			}
			count++
			code, out, errOut := ionet(ctx, append(p, "7", "--help")...)
			assert.Equal(t, 0, code, "%v: %s", p, errOut)
			assert.Contains(t, out, "ionet "+strings.Join(p, " ")+" - ", "%v", p)
			assert.Empty(t, errOut, "%v", p)
		}
	}
	walk(nil, newApp().Commands)
	assert.Greater(t, count, 30, "every runnable command is walked")
}
