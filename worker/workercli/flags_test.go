package workercli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/worker/config"
)

// TestFlagsAreTheFileKeys: every file key has its flag, and a value given as the flag sets
// exactly what the same value in the file sets (names, units, parsing).
func TestFlagsAreTheFileKeys(t *testing.T) {
	samples := map[string]string{"gpu_count": "4", "memory_limit": "1048576", "file_limit": "4096", "open_files": "64",
		"pids_limit": "99", "poll_interval": "2s", "claim_interval": "3m", "safety_margin": "90s",
		"price_floor.IO": "1.5", "price_floor.USDC": "0.40"}
	for _, k := range config.Keys {
		t.Run(k.Name, func(t *testing.T) {
			require.Equal(t, strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k.Name, "price_floor."), "_", "-")),
				strings.TrimPrefix(k.Flag, "price-floor-"), "flag named as the key")
			v, ok := samples[k.Name]
			if !ok {
				v = "some-" + k.Flag
			}
			line := k.Name + ": " + v
			if mint, isFloor := strings.CutPrefix(k.Name, "price_floor."); isFloor {
				line = "price_floor: {" + mint + `: "` + v + `"}`
			}
			path := filepath.Join(t.TempDir(), "w.yaml")
			require.NoError(t, os.WriteFile(path, []byte(line+"\n"), 0o644))
			fromFile, err := config.Load(path)
			require.NoError(t, err)
			fromFlag := configFromArgs(t, "--"+k.Flag, v)
			require.Equal(t, fromFile, fromFlag)
			require.NotEqual(t, config.Defaults(), fromFlag, "the value took effect")
		})
	}
}

// TestFlagWinsOverFile: a flag overrides the file's key.
func TestFlagWinsOverFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.yaml")
	require.NoError(t, os.WriteFile(path, []byte("work_dir: from-file\npoll_interval: 7s\n"), 0o644))
	got := configFromArgs(t, "--worker-config", path, "--work-dir", "from-flag")
	require.Equal(t, "from-flag", got.WorkDir)
	require.Equal(t, "7s", got.PollInterval.String())
}

// configFromArgs runs a command with the worker's flags and returns the configuration it
// would run with.
func configFromArgs(t *testing.T, args ...string) config.Config {
	t.Helper()
	var got config.Config
	app := cli.NewApp("ionet-worker", "test", &ucli.Command{Name: "show", Flags: workerFlags(),
		Action: cli.Action(func(c *ucli.Context, env *cli.Env) error {
			var err error
			got, err = loadConfig(c, env)
			return err
		})})
	require.Equal(t, 0, cli.Run(context.Background(), app, append([]string{"ionet-worker", "show"}, args...)))
	return got
}
