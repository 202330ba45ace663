package gpu

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Recorded from `nvidia-smi --query-gpu=index,name,uuid,memory.total,driver_version,
// utilization.gpu,temperature.gpu --format=csv,noheader,nounits` on a two-H100 host.
const smiTwoH100 = `0, NVIDIA H100 80GB HBM3, GPU-5ab1c2d3-0e4f-4a5b-8c6d-7e8f9a0b1c2d, 81559, 550.54.15, 37, 41
1, NVIDIA H100 80GB HBM3, GPU-6bc2d3e4-1f5a-4b6c-9d7e-8f9a0b1c2d3e, 81559, 550.54.15, [N/A], 39
`

const smiQuery = `==============NVSMI LOG==============
Driver Version                            : 550.54.15
CUDA Version                              : 12.4
`

// fakeSMI writes an nvidia-smi script that prints csv for --query-gpu and query for -q.
func fakeSMI(t *testing.T, csv, query string, exit int) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "query.csv"), []byte(csv), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "q.txt"), []byte(query), 0o644))
	script := "#!/bin/sh\ncase \"$1\" in\n  --query-gpu=*) cat " + dir + "/query.csv ;;\n  -q) cat " + dir + "/q.txt ;;\nesac\nexit " + string(rune('0'+exit)) + "\n"
	path := filepath.Join(dir, "nvidia-smi")
	require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
	return path
}

func TestSMIProbe(t *testing.T) {
	// The fake is found on PATH, as the real one would be.
	t.Setenv("PATH", filepath.Dir(fakeSMI(t, smiTwoH100, smiQuery, 0))+":"+os.Getenv("PATH"))
	f, err := SMI{}.Probe(context.Background())
	require.NoError(t, err)
	assert.Equal(t, Facts{Source: SourceSMI, DriverVersion: "550.54.15", CUDAVersion: "12.4", GPUs: []GPU{
		{Index: 0, Model: "NVIDIA H100 80GB HBM3", UUID: "GPU-5ab1c2d3-0e4f-4a5b-8c6d-7e8f9a0b1c2d", MemoryMiB: 81559, UtilisationPct: 37, TemperatureC: 41},
		{Index: 1, Model: "NVIDIA H100 80GB HBM3", UUID: "GPU-6bc2d3e4-1f5a-4b6c-9d7e-8f9a0b1c2d3e", MemoryMiB: 81559, TemperatureC: 39},
	}}, f)
}

func TestSMIProbeFailures(t *testing.T) {
	for name, tc := range map[string]struct {
		path, want string
	}{
		"no driver": {fakeSMI(t, "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n", "", 9), "nvidia-smi: exit status 9"},
		"bad row":   {fakeSMI(t, "0, NVIDIA H100, GPU-1\n", "", 0), "has 3 fields, want 7"},
		"not found": {filepath.Join(t.TempDir(), "nvidia-smi"), "no such file"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := SMI{Path: tc.path}.Probe(context.Background())
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestCheck(t *testing.T) {
	twoH100, err := parseSMI(smiTwoH100)
	require.NoError(t, err)
	none := Facts{Source: SourceNone, Why: "no driver"}
	for _, tc := range []struct {
		name  string
		facts Facts
		class string
		count uint64
		want  string
	}{
		{"GPU host serves its class", twoH100, "H100", 2, ""},
		{"fewer GPUs than registered", twoH100, "H100", 4, "needs 4 matching GPUs, this host has 2"},
		{"other class", twoH100, "A100", 1, "needs 1 matching GPUs, this host has 0"},
		{"CPU host serves the test class", none, "CPU-TEST", 1, ""},
		{"CPU host never claims a GPU class", none, "RTX4090", 1, "no GPU on this host (no driver): it cannot serve class RTX4090"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.facts.Check(tc.class, tc.count)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestModelIsClass(t *testing.T) {
	for _, tc := range []struct {
		model, class string
		want         bool
	}{
		{"NVIDIA H100 80GB HBM3", "H100", true},
		{"NVIDIA GeForce RTX 4090", "RTX4090", true},
		{"NVIDIA GeForce RTX 4070 Ti", "RTX4070", true},
		{"NVIDIA L40S", "L40S", true},
		{"NVIDIA A100-SXM4-80GB", "H100", false},
		{"NVIDIA H100", "", false},
	} {
		assert.Equal(t, tc.want, ModelIsClass(tc.model, tc.class), "%s / %s", tc.model, tc.class)
	}
}
