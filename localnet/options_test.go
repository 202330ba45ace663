package localnet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOptionsDefaults(t *testing.T) {
	t.Setenv(EnvBackend, "")
	o, err := Options{}.withDefaults()
	require.NoError(t, err)
	assert.Equal(t, FeaturesAll, o.Features)
	assert.Equal(t, TestSlotDuration, o.SlotDuration, "a test binary's chains default to short slots")
	assert.Equal(t, BackendLiteSVM, o.Backend)
	assert.NotNil(t, o.Logger)

	t.Setenv(EnvBackend, "validator")
	o, err = Options{}.withDefaults()
	require.NoError(t, err)
	assert.Equal(t, BackendValidator, o.Backend, "the environment chooses the backend")
	o, err = Options{Backend: BackendLiteSVM}.withDefaults()
	require.NoError(t, err)
	assert.Equal(t, BackendLiteSVM, o.Backend, "the option wins over the environment")
}

func TestOptionsRejected(t *testing.T) {
	t.Setenv(EnvBackend, "")
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"features", Options{Features: "most"}, `unknown feature set "most"`},
		{"backend", Options{Backend: "geth"}, `unknown backend "geth"`},
		{"port", Options{Port: 65535}, "port 65535 is out of range"},
		{"slot", Options{SlotDuration: time.Millisecond}, "slot duration 1ms is too short"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Start(testContext(t), tc.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestStartNeedsDeps(t *testing.T) {
	repoDir := chainDir(t)
	noModules := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(noModules, "package.json"), []byte("{}"), 0o644))
	for _, tc := range []struct {
		name string
		path string // $PATH
		dir  string
		want string
	}{
		{"no node", t.TempDir(), repoDir, "node not found on PATH: the local chain runs on Node.js; install Node.js 20 or newer"},
		{"no node_modules", os.Getenv("PATH"), noModules, "has no node_modules/litesvm: run `npm ci` there"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", tc.path)
			_, err := Start(testContext(t), Options{Dir: tc.dir, Backend: BackendLiteSVM})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// chainDir is the repository's localnet directory (this package's directory).
func chainDir(t *testing.T) string {
	wd, err := os.Getwd()
	require.NoError(t, err)
	return wd
}

func TestFindDir(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "a", "b", "c")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "localnet"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "localnet", "package.json"), []byte("{}"), 0o644))
	elsewhere := t.TempDir()

	for _, tc := range []struct {
		name     string
		explicit string
		env      string
		starts   []string
		want     string
		err      string
	}{
		{name: "walks up", starts: []string{deep}, want: filepath.Join(repo, "localnet")},
		{name: "from the localnet dir itself", starts: []string{filepath.Join(repo, "localnet")}, want: filepath.Join(repo, "localnet")},
		{name: "second start", starts: []string{elsewhere, deep}, want: filepath.Join(repo, "localnet")},
		{name: "env", env: filepath.Join(repo, "localnet"), starts: []string{elsewhere}, want: filepath.Join(repo, "localnet")},
		{name: "explicit beats env", explicit: filepath.Join(repo, "localnet"), env: elsewhere, want: filepath.Join(repo, "localnet")},
		{name: "env not a localnet dir", env: elsewhere, err: "is not the localnet directory"},
		{name: "nothing found: the embedded copy", starts: []string{elsewhere}, want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvDir, tc.env)
			got, err := findDir(tc.explicit, tc.starts...)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestServerArgs(t *testing.T) {
	keys, err := loadGenesisKeys(filepath.Join(chainDir(t), "keys"))
	require.NoError(t, err)
	progKey, err := loadKey(filepath.Join(chainDir(t), "keys", "bob.json"))
	require.NoError(t, err)
	progs := []program{{Name: "staking", SO: "/p/staking.so", Key: progKey}}
	base := Options{Features: FeaturesDefault, SlotDuration: 250 * time.Millisecond}

	t.Run("litesvm", func(t *testing.T) {
		s := serverSpec{opts: base, script: "/l/server/main.mjs", ledger: "/led", port: 9000, programs: progs, keys: keys}
		s.opts.Reset = true
		got := strings.Join(liteSVMArgs(s), " ")
		assert.Equal(t, "/l/server/main.mjs --port 9000 --ws-port 9001 --bind 127.0.0.1 --features default --slot-ms 250"+
			" --upgrade-authority "+keys.UpgradeAuthority.Path+" --exit-on-stdin-close --ledger /led --reset"+
			" --program /p/staking.so:"+progKey.Path, got)
		s.opts.GenesisCache = "/cache"
		assert.NotContains(t, liteSVMArgs(s), "--genesis-cache", "a kept ledger deploys its own genesis")
		s.ledger = ""
		assert.Equal(t, []string{"--program", "/p/staking.so:" + progKey.Path, "--genesis-cache", "/cache"}, liteSVMArgs(s)[14:],
			"an in-memory chain may start from the cached deploy")
		s.programs = nil
		args := liteSVMArgs(s)
		assert.NotContains(t, args, "--ledger", "an in-memory chain has no ledger")
		assert.NotContains(t, args, "--reset", "nor one to reset")
		assert.NotContains(t, args, "--genesis-cache", "nothing to deploy, nothing to cache")
	})
	t.Run("validator", func(t *testing.T) {
		s := serverSpec{opts: base, ledger: "/led", port: 9000, programs: progs, keys: keys}
		s.opts.Reset = true
		got := strings.Join(validatorArgs(s, 9900), " ")
		assert.Equal(t, "--ledger /led --rpc-port 9000 --faucet-port 9900 --bind-address 127.0.0.1 --quiet --reset"+
			" --upgradeable-program "+progKey.Public().String()+" /p/staking.so "+keys.UpgradeAuthority.Public().String(), got)
	})
}

func TestLineWriter(t *testing.T) {
	var lines []string
	w := &lineWriter{line: func(l string) { lines = append(lines, l) }}
	for _, chunk := range []string{"fir", "st\nsecond\r\n", "", "thi", "rd\npartial"} {
		n, err := w.Write([]byte(chunk))
		require.NoError(t, err)
		assert.Equal(t, len(chunk), n)
	}
	assert.Equal(t, []string{"first", "second", "third"}, lines)

	tail := newLineTail(2)
	assert.Equal(t, "(none)", tail.String())
	for _, l := range []string{"a", "b", "c"} {
		tail.add(l)
	}
	assert.Equal(t, "b\nc", tail.String())
}
