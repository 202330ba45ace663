package runtime

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
)

func rounded(digits int) jobs.Verify { return jobs.Verify{Mode: jobs.VerifyRounded, Digits: digits} }

func TestRoundNumbers(t *testing.T) {
	for _, tc := range []struct {
		in     string
		digits int
		want   string
	}{
		{"loss=1.0000001", 6, "loss=1.00000e+00"},
		{"1.0000001 1.0000002", 9, "1.00000010e+00 1.00000020e+00"},
		{"-0.0 +12 .5 5. 3e2 -1.5E-3", 3, "0.00e+00 1.20e+01 5.00e-01 5.00e+00 3.00e+02 -1.50e-03"},
		{"v1.2 0x1F 3d x86 a_1 1em", 2, "v1.2 0x1F 3d x86 a_1 1em"},
		{"3-2, [1,2]; {\"a\":0.125}", 2, "3.0e+00-2.0e+00, [1.0e+00,2.0e+00]; {\"a\":1.2e-01}"},
		{"naïve 7", 1, "naïve 7e+00"},
		{"1e999", 3, "1e999"}, // out of float64 range: kept as written
	} {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, string(RoundNumbers(nil, []byte(tc.in), ' ', tc.digits)))
		})
	}
}

func digestOf(t *testing.T, text string, rule jobs.Verify) string {
	t.Helper()
	_, _, d, err := Digest(strings.NewReader(text), rule)
	require.NoError(t, err)
	return d
}

func TestDigestRules(t *testing.T) {
	a, b := "accuracy 1.0000001\n", "accuracy 1.0000002\n"
	assert.Equal(t, digestOf(t, a, rounded(6)), digestOf(t, b, rounded(6)), "equal at 6 significant digits")
	assert.NotEqual(t, digestOf(t, a, rounded(9)), digestOf(t, b, rounded(9)), "different at 9")
	assert.NotEqual(t, digestOf(t, a, jobs.Verify{Mode: jobs.VerifyExact}), digestOf(t, b, jobs.Verify{Mode: jobs.VerifyExact}))
	assert.NotEqual(t, digestOf(t, "accuracy 1.0000001 cat\n", rounded(6)), digestOf(t, "accuracy 1.0000001 dog\n", rounded(6)),
		"words still count")

	n, sum, d, err := Digest(strings.NewReader(a), jobs.Verify{Mode: jobs.VerifyExact})
	require.NoError(t, err)
	assert.Equal(t, int64(len(a)), n)
	assert.Equal(t, sum, d, "exact: the digest is the SHA-256")

	// A binary file (a NUL byte early on) is compared exactly even under a rounded rule.
	bin1, bin2 := "\x00weights 1.0000001", "\x00weights 1.0000002"
	assert.NotEqual(t, digestOf(t, bin1, rounded(6)), digestOf(t, bin2, rounded(6)))
	_, sum, d, err = Digest(strings.NewReader(bin1), rounded(6))
	require.NoError(t, err)
	assert.Equal(t, sum, d)
}

// TestRoundStreamPieces: a text far longer than a read, with numbers everywhere (and one long
// run without whitespace), rounds as it would whole.
func TestRoundStreamPieces(t *testing.T) {
	var text bytes.Buffer
	for i := range 40_000 {
		fmt.Fprintf(&text, "step %d loss %.9f\n", i, 1/float64(i+1))
	}
	text.WriteString(strings.Repeat("1.5,", 50_000))
	var got bytes.Buffer
	require.NoError(t, roundStream(&got, bytes.NewReader(text.Bytes()), 4))
	assert.Equal(t, string(RoundNumbers(nil, text.Bytes(), ' ', 4)), got.String())
}

func TestParseRule(t *testing.T) {
	for _, v := range []jobs.Verify{{Mode: jobs.VerifyExact}, {Mode: jobs.VerifyNone}, rounded(6)} {
		got, err := ParseRule(v.String())
		require.NoError(t, err)
		assert.Equal(t, v, got)
	}
	for _, bad := range []string{"", "fuzzy", "rounded", "rounded x", "rounded 99", "exact 3"} {
		_, err := ParseRule(bad)
		assert.Error(t, err, bad)
	}
}

// TestDigestReproducible: two runs of a deterministic job, in different directories and taking
// different times, give the same result digest; a run that prints something else does not.
func TestDigestReproducible(t *testing.T) {
	script := `sleep "$PAUSE"; echo "epoch 1 loss 0.25"; printf '3.14159265\n' > "$IONET_OUTPUT_DIR/pi.txt"; mkdir -p "$IONET_OUTPUT_DIR/m"; printf 'w\000\001' > "$IONET_OUTPUT_DIR/m/w.bin"`
	run := func(pause string, extra string) (Manifest, [32]byte) {
		task := shTask(t, script+extra, map[string]string{"PAUSE": pause}, 10*time.Second)
		out, err := Process{}.Run(context.Background(), task)
		require.NoError(t, err)
		m, result, _, err := BuildManifest(task, out)
		require.NoError(t, err)
		return m, result
	}
	m1, r1 := run("0", "")
	m2, r2 := run("0.3", "; echo 'a warning' >&2")
	assert.NotEqual(t, m1.Outcome.Wall, m2.Outcome.Wall)
	assert.NotEqual(t, m1.Stderr.SHA256, m2.Stderr.SHA256)
	assert.Equal(t, r1, r2, "timings and stderr are not part of the result digest")
	_, r3 := run("0", "; echo extra")
	assert.NotEqual(t, r1, r3, "another stdout is another result")
	_, r4 := run("0", "; exit 3")
	assert.NotEqual(t, r1, r4, "another exit code is another result")
}

func TestResultDigestCanonical(t *testing.T) {
	m := Manifest{Verify: "exact", Outcome: Outcome{ExitCode: 0}, Stdout: File{Digest: "aa"},
		Outputs: []File{{Path: "a b", Digest: "bb"}, {Path: "c", Digest: "cc"}}}
	other := m
	other.Outputs = []File{{Path: "a", Digest: "b bb"}, {Path: "c", Digest: "cc"}}
	assert.NotEqual(t, ResultDigest(m), ResultDigest(other), "path lengths keep names and digests apart")
	m.JobID, m.Outcome.Wall, m.Stderr = 99, time.Hour, File{Digest: "ff"}
	assert.Equal(t, ResultDigest(m), ResultDigest(Manifest{Verify: "exact", Stdout: File{Digest: "aa"},
		Outputs: []File{{Path: "a b", Digest: "bb"}, {Path: "c", Digest: "cc"}}}))
}

func TestManifestRecordsRule(t *testing.T) {
	task := shTask(t, `echo 1.00000012`, nil, 10*time.Second)
	task.Spec.Verify = &jobs.Verify{Mode: jobs.VerifyRounded, Digits: 6}
	out, err := Process{}.Run(context.Background(), task)
	require.NoError(t, err)
	m, _, _, err := BuildManifest(task, out)
	require.NoError(t, err)
	assert.Equal(t, "rounded 6", m.Verify)
	raw, err := os.ReadFile(filepath.Join(task.Dir, "stdout.log"))
	require.NoError(t, err)
	_, _, want, err := Digest(strings.NewReader("1.00000e+00\n"), jobs.Verify{Mode: jobs.VerifyExact})
	require.NoError(t, err)
	assert.Equal(t, want, m.Stdout.Digest, "stdout's digest is the hash of its rounded text (%q)", raw)
}

// TestDishonestChangesTheDigest: the test-only dishonest runtime attests another result than
// an honest run of the same job.
func TestDishonestChangesTheDigest(t *testing.T) {
	script := `echo "loss 0.25"; echo 42 > "$IONET_OUTPUT_DIR/answer.txt"`
	honestTask, cheatTask := shTask(t, script, nil, 10*time.Second), shTask(t, script, nil, 10*time.Second)
	out, err := Process{}.Run(context.Background(), honestTask)
	require.NoError(t, err)
	_, honest, _, err := BuildManifest(honestTask, out)
	require.NoError(t, err)
	cheat := Dishonest{Inner: Process{}}
	assert.Equal(t, "dishonest", cheat.Name())
	out, err = cheat.Run(context.Background(), cheatTask)
	require.NoError(t, err)
	assert.True(t, out.Succeeded())
	_, dishonest, _, err := BuildManifest(cheatTask, out)
	require.NoError(t, err)
	assert.NotEqual(t, honest, dishonest)
	answer, err := os.ReadFile(filepath.Join(cheatTask.OutDir(), "answer.txt"))
	require.NoError(t, err)
	assert.Equal(t, "42\n"+TamperLine, string(answer))
}
