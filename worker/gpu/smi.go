package gpu

import (
	"context"
	"encoding/csv"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// smiFields is the --query-gpu field list, in the order parseSMI reads.
const smiFields = "index,name,uuid,memory.total,driver_version,utilization.gpu,temperature.gpu"

// SMI reads facts by running nvidia-smi (Path, default "nvidia-smi" on PATH).
type SMI struct{ Path string }

// Probe runs `nvidia-smi --query-gpu` for the devices and `nvidia-smi -q` for the CUDA version.
func (s SMI) Probe(ctx context.Context) (Facts, error) {
	bin := s.Path
	if bin == "" {
		bin = "nvidia-smi"
	}
	out, err := exec.CommandContext(ctx, bin, "--query-gpu="+smiFields, "--format=csv,noheader,nounits").Output()
	if err != nil {
		return Facts{}, fmt.Errorf("nvidia-smi: %w", err)
	}
	f, err := parseSMI(string(out))
	if err != nil {
		return Facts{}, err
	}
	if q, err := exec.CommandContext(ctx, bin, "-q").Output(); err == nil {
		f.CUDAVersion = parseCUDAVersion(string(q))
	}
	return f, nil
}

// parseSMI reads the CSV that --query-gpu=smiFields --format=csv,noheader,nounits prints.
func parseSMI(out string) (Facts, error) {
	r := csv.NewReader(strings.NewReader(out))
	r.TrimLeadingSpace = true
	rows, err := r.ReadAll()
	if err != nil {
		return Facts{}, fmt.Errorf("nvidia-smi output: %w", err)
	}
	f := Facts{Source: SourceSMI}
	for _, row := range rows {
		if len(row) != 7 {
			return Facts{}, fmt.Errorf("nvidia-smi output: row %q has %d fields, want 7 (%s)", strings.Join(row, ","), len(row), smiFields)
		}
		var g GPU
		var err error
		if g.Index, err = strconv.Atoi(row[0]); err != nil {
			return Facts{}, fmt.Errorf("nvidia-smi output: index %q: %w", row[0], err)
		}
		g.Model, g.UUID = row[1], row[2]
		if g.MemoryMiB, err = strconv.ParseUint(row[3], 10, 64); err != nil {
			return Facts{}, fmt.Errorf("nvidia-smi output: memory.total %q: %w", row[3], err)
		}
		f.DriverVersion = row[4]
		g.UtilisationPct = readingOrZero(row[5])
		g.TemperatureC = readingOrZero(row[6])
		f.GPUs = append(f.GPUs, g)
	}
	return f, nil
}

// readingOrZero reads a sensor value; "[N/A]" and "[Not Supported]" read as 0.
func readingOrZero(s string) uint32 {
	v, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0
	}
	return uint32(v)
}

// parseCUDAVersion finds "CUDA Version : 12.4" in `nvidia-smi -q` output.
func parseCUDAVersion(q string) string {
	for _, line := range strings.Split(q, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == "CUDA Version" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
