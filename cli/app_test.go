package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"
)

// settingsReport prints the settings a command ran with.
type settingsReport struct{ Settings }

func (r settingsReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s %s %s %s\n", r.RPCURL, r.WSURL, r.KeypairPath, r.Commitment)
	return err
}

// testApp has a nested command that prints its settings and one that fails.
func testApp(stdout, stderr io.Writer) *ucli.App {
	show := &ucli.Command{Name: "show", Action: Action(func(_ *ucli.Context, env *Env) error {
		return env.Print(settingsReport{env.Settings})
	})}
	fail := &ucli.Command{Name: "fail", Action: Action(func(*ucli.Context, *Env) error {
		return fmt.Errorf("step two: %w", errors.New("the thing broke"))
	})}
	app := NewApp("tool", "test tool", &ucli.Command{Name: "group", Subcommands: []*ucli.Command{show}}, fail, VersionCommand())
	app.Writer, app.ErrWriter = stdout, stderr
	return app
}

func TestRunApp(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".config/solana/cli"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".config/solana/cli/config.yml"),
		[]byte("json_rpc_url: https://api.testnet.solana.com\nkeypair_path: /cfg.json\n"), 0o600))

	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // exact, or prefix when it ends in "…"
		stderrHas  string
		stderrNone bool
	}{
		{"config file", []string{"group", "show"}, 0,
			"https://api.testnet.solana.com wss://api.testnet.solana.com /cfg.json confirmed\n", "", true},
		{"globals before the command", []string{"-u", "localhost", "--commitment", "finalized", "group", "show"}, 0,
			"http://127.0.0.1:8899 ws://127.0.0.1:8900 /cfg.json finalized\n", "", true},
		{"globals after the command", []string{"group", "show", "--url", "http://h:1000", "-k", "/k.json"}, 0,
			"http://h:1000 ws://h:1001 /k.json confirmed\n", "", true},
		{"the command's value wins", []string{"-u", "devnet", "group", "show", "-u", "localhost"}, 0,
			"http://127.0.0.1:8899 ws://127.0.0.1:8900 /cfg.json confirmed\n", "", true},
		{"json output", []string{"group", "show", "-o", "json"}, 0, "{\n  \"RPCURL\": \"https://api.testnet.solana.com\",…", "", true},
		{"command error printed once", []string{"fail"}, 1, "", "Error: step two: the thing broke\n", false},
		{"bad global flag value", []string{"group", "show", "-u", "nowhere"}, 1, "", `Error: --url "nowhere": give localhost`, false},
		{"unknown flag", []string{"group", "show", "--nope"}, 1, "", "Error: flag provided but not defined: -nope (see tool group show --help)\n", false},
		{"unknown command", []string{"frobnicate"}, 1, "", "Error: unknown command \"frobnicate\" (see tool --help)\n", false},
		{"unknown subcommand", []string{"group", "frobnicate"}, 1, "", "Error: unknown command \"frobnicate\" (see tool group --help)\n", false},
		{"version", []string{"version"}, 0, "tool dev (…", "", true},
		{"--version", []string{"--version"}, 0, "tool dev (…", "", true},
		{"-V", []string{"-V"}, 0, "tool dev (…", "", true},
		{"-v is still --verbose", []string{"-v", "group", "show"}, 0, "https://api.testnet.solana.com …", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), testApp(&stdout, &stderr), append([]string{"tool"}, tt.args...))
			assert.Equal(t, tt.code, code, "stderr: %s", stderr.String())
			if prefix, ok := strings.CutSuffix(tt.stdout, "…"); ok {
				assert.True(t, strings.HasPrefix(stdout.String(), prefix), "stdout: %s", stdout.String())
			} else {
				assert.Equal(t, tt.stdout, stdout.String())
			}
			if tt.stderrNone {
				assert.Empty(t, stderr.String())
			}
			assert.Contains(t, stderr.String(), tt.stderrHas)
			assert.LessOrEqual(t, strings.Count(stderr.String(), "Error:"), 1, "an error is printed once")
			assert.NotContains(t, stderr.String(), "goroutine", "no stack traces")
		})
	}
}
