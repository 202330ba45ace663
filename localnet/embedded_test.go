package localnet

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeNPM puts an `npm` on a PATH of its own that logs its arguments to calls and then runs
// body (a shell script run in the package directory). PATH holds nothing else, so the script
// uses absolute paths.
func fakeNPM(t *testing.T, body string) (calls string) {
	t.Helper()
	bin := t.TempDir()
	calls = filepath.Join(t.TempDir(), "calls")
	script := "#!/bin/sh\necho \"$@\" >> " + calls + "\n" + body + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "npm"), []byte(script), 0o755))
	t.Setenv("PATH", bin)
	return calls
}

// installs is what a working `npm ci` leaves behind, as far as the chain checks.
const installs = "/bin/mkdir -p node_modules/litesvm && echo '{}' > node_modules/litesvm/package.json"

func npmCalls(t *testing.T, calls string) []string {
	t.Helper()
	data, err := os.ReadFile(calls)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

var sampleFiles = fstest.MapFS{
	"package.json":      {Data: []byte(`{"name":"ionet-localnet"}`)},
	"package-lock.json": {Data: []byte(`{"lockfileVersion":3}`)},
	"server/main.mjs":   {Data: []byte("console.log('ready')\n")},
	"keys/alice.json":   {Data: []byte("[1,2,3]")},
}

func TestMaterialise(t *testing.T) {
	calls := fakeNPM(t, installs)
	root := t.TempDir()
	hash, err := contentHash(sampleFiles)
	require.NoError(t, err)
	ctx := testContext(t)

	var notice bytes.Buffer
	dir, err := materialise(ctx, sampleFiles, hash, root, &notice)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, hash), dir, "the directory is named by the content hash")
	assert.Equal(t, "installing the local chain's npm packages into "+dir+" (once)\n", notice.String())
	for name, f := range sampleFiles {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, f.Data, got, name)
	}
	assert.FileExists(t, filepath.Join(dir, completeMarker))
	assert.Equal(t, []string{"ci --omit=dev --no-audit --no-fund --prefer-offline"}, npmCalls(t, calls))
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no partial copy is left beside it")

	// Idempotent: the finished copy is used as it is, without npm and without a notice.
	notice.Reset()
	again, err := materialise(ctx, sampleFiles, hash, root, &notice)
	require.NoError(t, err)
	assert.Equal(t, dir, again)
	assert.Empty(t, notice.String())
	assert.Len(t, npmCalls(t, calls), 1, "npm ran once")

	// Other content is another directory, beside the first.
	changed := fstest.MapFS{}
	for name, f := range sampleFiles {
		changed[name] = f
	}
	changed["server/main.mjs"] = &fstest.MapFile{Data: []byte("console.log('ready, v2')\n")}
	otherHash, err := contentHash(changed)
	require.NoError(t, err)
	require.NotEqual(t, hash, otherHash)
	other, err := materialise(ctx, changed, otherHash, root, nil)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, otherHash), other)
	assert.DirExists(t, dir, "the first copy stays")
	assert.Len(t, npmCalls(t, calls), 2)
}

func TestMaterialiseConcurrentStarts(t *testing.T) {
	calls := fakeNPM(t, "/bin/sleep 0.2\n"+installs)
	root := t.TempDir()
	hash, err := contentHash(sampleFiles)
	require.NoError(t, err)
	ctx := testContext(t)
	var wg sync.WaitGroup
	dirs, errs := make([]string, 3), make([]error, 3)
	for i := range dirs {
		wg.Go(func() { dirs[i], errs[i] = materialise(ctx, sampleFiles, hash, root, nil) })
	}
	wg.Wait()
	for i := range dirs {
		require.NoError(t, errs[i])
		assert.Equal(t, filepath.Join(root, hash), dirs[i])
	}
	assert.FileExists(t, filepath.Join(root, hash, completeMarker))
	assert.NotEmpty(t, npmCalls(t, calls))
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "the losers' copies are removed")
}

func TestMaterialiseRefuses(t *testing.T) {
	hash, err := contentHash(sampleFiles)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		npm  string // fake npm body; "" means no npm on PATH at all
		want []string
	}{
		{"no npm", "", []string{"npm not found on PATH", "apt-get install nodejs npm", "$" + EnvDir}},
		{"offline", "echo 'npm warn EBADENGINE Unsupported engine {' >&2\necho 'npm error code ENOTFOUND' >&2\n" +
			"echo 'npm error FetchError: request to https://registry.npmjs.org/litesvm failed' >&2\necho 'npm error     at ClientRequest.emit (node:events:524:28)' >&2\nexit 1",
			[]string{"npm ci failed", "if this machine is offline", "npm said:\nnpm error code ENOTFOUND\nnpm error FetchError: request to https://registry.npmjs.org/litesvm failed"}},
		{"installs nothing", "exit 0", []string{"npm ci finished but " + completeMarker + " is missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.npm == "" {
				t.Setenv("PATH", t.TempDir())
			} else {
				fakeNPM(t, tc.npm)
			}
			root := filepath.Join(t.TempDir(), "cache")
			_, err := materialise(testContext(t), sampleFiles, hash, root, nil)
			require.Error(t, err)
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
			assert.Contains(t, err.Error(), filepath.Join(root, hash), "the error names the directory")
			assert.NotContains(t, err.Error(), "ClientRequest", "npm's stack frames are left out")
			assert.NotContains(t, err.Error(), "EBADENGINE", "and its warnings")
			assert.NoDirExists(t, filepath.Join(root, hash), "nothing half-installed is left to be used")
			if entries, err := os.ReadDir(root); err == nil {
				assert.Empty(t, entries, "the partial copy is removed")
			}
		})
	}
}

func TestMaterialiseCleansUp(t *testing.T) {
	fakeNPM(t, installs)
	root := t.TempDir()
	hash, err := contentHash(sampleFiles)
	require.NoError(t, err)
	// A copy without its packages (tampered with) is replaced; an old partial copy is removed,
	// a fresh one (another start at work) is not.
	require.NoError(t, os.MkdirAll(filepath.Join(root, hash, "server"), 0o755))
	stale, fresh := filepath.Join(root, hash+".partial-1"), filepath.Join(root, hash+".partial-2")
	require.NoError(t, os.MkdirAll(stale, 0o755))
	require.NoError(t, os.MkdirAll(fresh, 0o755))
	old := time.Now().Add(-2 * partialMaxAge)
	require.NoError(t, os.Chtimes(stale, old, old))

	dir, err := materialise(testContext(t), sampleFiles, hash, root, nil)
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(dir, completeMarker))
	assert.FileExists(t, filepath.Join(dir, "server", "main.mjs"))
	assert.NoDirExists(t, stale)
	assert.DirExists(t, fresh)
}

// The binary carries everything the chain needs from a checkout, and nothing of node_modules.
func TestEmbeddedFiles(t *testing.T) {
	for _, name := range []string{"package.json", "package-lock.json", "server/main.mjs", "server/rpc/dispatch.mjs",
		"programs/staking.so", "programs/jobs.so", "programs/emission.so", "programs/governance.so", "programs/TOOLCHAIN",
		"keys/io-mint.json", "keys/alice.json", "keys/staking-program.json"} {
		want, err := os.ReadFile(filepath.Join(chainDir(t), filepath.FromSlash(name)))
		require.NoError(t, err)
		got, err := fs.ReadFile(embedded, name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, "%s is the checkout's", name)
	}
	_, err := fs.Stat(embedded, "node_modules")
	assert.ErrorIs(t, err, fs.ErrNotExist)
	hash, err := contentHash(embedded)
	require.NoError(t, err)
	assert.Len(t, hash, 16)
}

// Without a checkout or $IONET_LOCALNET_DIR, the chain runs from the embedded copy in the
// user's cache directory.
func TestResolveDirUsesCache(t *testing.T) {
	fakeNPM(t, installs)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv(EnvDir, "")
	repo := chainDir(t)
	t.Chdir(t.TempDir())
	var notice bytes.Buffer
	dir, err := resolveDir(context.Background(), Options{Notice: &notice})
	require.NoError(t, err)
	hash, err := contentHash(embedded)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(cache, "ionet", "localnet", hash), dir)
	assert.Contains(t, notice.String(), "(once)")
	assert.FileExists(t, filepath.Join(dir, "server", "main.mjs"))
	assert.FileExists(t, filepath.Join(dir, "keys", "alice.json"))

	// $IONET_LOCALNET_DIR is used as it is.
	t.Setenv(EnvDir, repo)
	dir, err = resolveDir(context.Background(), Options{})
	require.NoError(t, err)
	assert.Equal(t, repo, dir)
}
