// Package gpu reads the host's GPU facts, through NVML where the driver library loads, else by
// parsing `nvidia-smi --query-gpu`, and checks them against the device's registered class and
// count. A host with neither reports "no GPU" and may only run the CPU-only test class.
package gpu

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode"
)

// CPUTestClass is the staking class table's CPU-only test class: the one class a host without
// a GPU may serve.
const CPUTestClass = "CPU-TEST"

// Sources of facts.
const (
	SourceNVML = "nvml"
	SourceSMI  = "nvidia-smi"
	SourceNone = "none"
)

// GPU is one device as the driver reports it.
type GPU struct {
	Index          int    `json:"index"`
	Model          string `json:"model"`
	UUID           string `json:"uuid"`
	MemoryMiB      uint64 `json:"memoryMiB"`
	UtilisationPct uint32 `json:"utilisationPct"`
	TemperatureC   uint32 `json:"temperatureC"`
}

// Facts are the host's GPUs and driver; Source says where they came from.
type Facts struct {
	Source        string `json:"source"`
	DriverVersion string `json:"driverVersion,omitempty"`
	CUDAVersion   string `json:"cudaVersion,omitempty"`
	GPUs          []GPU  `json:"gpus"`
	// Why says why no GPU was found (NVML and nvidia-smi failures), when none was.
	Why string `json:"why,omitempty"`
}

// Prober reads facts from one source.
type Prober interface {
	Probe(ctx context.Context) (Facts, error)
}

// Probe asks each prober in turn and returns the first answer with GPUs; when none answers it
// returns Facts with Source none and the reasons.
func Probe(ctx context.Context, log *slog.Logger, probers ...Prober) Facts {
	var why []string
	for _, p := range probers {
		f, err := p.Probe(ctx)
		if err == nil && len(f.GPUs) > 0 {
			return f
		}
		if err == nil {
			err = fmt.Errorf("%s reports no GPU", f.Source)
		}
		log.Debug("GPU probe found nothing", "err", err)
		why = append(why, err.Error())
	}
	return Facts{Source: SourceNone, GPUs: []GPU{}, Why: strings.Join(why, "; ")}
}

// Default probes NVML, then nvidia-smi on PATH.
func Default(ctx context.Context, log *slog.Logger) Facts {
	return Probe(ctx, log, NVML{}, SMI{})
}

// Summary is one line for people: "no GPU (...)" or "2 x NVIDIA H100 ... (driver ..., CUDA ...)".
func (f Facts) Summary() string {
	if len(f.GPUs) == 0 {
		return "no GPU (" + f.Why + ")"
	}
	return fmt.Sprintf("%d x %s (driver %s, CUDA %s, via %s)", len(f.GPUs), f.GPUs[0].Model, f.DriverVersion, f.CUDAVersion, f.Source)
}

// Check says whether this host may serve count devices of class: the CPU test class always,
// any other class only with at least count GPUs whose model names the class.
func (f Facts) Check(class string, count uint64) error {
	if strings.EqualFold(class, CPUTestClass) {
		return nil
	}
	if len(f.GPUs) == 0 {
		return fmt.Errorf("no GPU on this host (%s): it cannot serve class %s; register the device as %s to run CPU-only test jobs", f.Why, class, CPUTestClass)
	}
	var matching uint64
	for _, g := range f.GPUs {
		if ModelIsClass(g.Model, class) {
			matching++
		}
	}
	if matching < count {
		return fmt.Errorf("class %s x %d needs %d matching GPUs, this host has %d (%s): register the device with the class and count it has", class, count, count, matching, f.Summary())
	}
	return nil
}

// ModelIsClass reports whether a driver model name ("NVIDIA H100 80GB HBM3", "NVIDIA GeForce
// RTX 4090") names class ("H100", "RTX4090"), ignoring case, spaces and punctuation.
func ModelIsClass(model, class string) bool {
	c := squash(class)
	return c != "" && strings.Contains(squash(model), c)
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}
