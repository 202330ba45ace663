//go:build cgo

package gpu

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNVMLProbe(t *testing.T) {
	dev := &mock.Device{
		GetNameFunc:             func() (string, nvml.Return) { return "NVIDIA A100-SXM4-80GB", nvml.SUCCESS },
		GetUUIDFunc:             func() (string, nvml.Return) { return "GPU-a100", nvml.SUCCESS },
		GetMemoryInfoFunc:       func() (nvml.Memory, nvml.Return) { return nvml.Memory{Total: 80 << 30}, nvml.SUCCESS },
		GetUtilizationRatesFunc: func() (nvml.Utilization, nvml.Return) { return nvml.Utilization{Gpu: 90}, nvml.SUCCESS },
		GetTemperatureFunc:      func(nvml.TemperatureSensors) (uint32, nvml.Return) { return 0, nvml.ERROR_NOT_SUPPORTED },
	}
	lib := &mock.Interface{
		InitFunc:                       func() nvml.Return { return nvml.SUCCESS },
		ShutdownFunc:                   func() nvml.Return { return nvml.SUCCESS },
		SystemGetDriverVersionFunc:     func() (string, nvml.Return) { return "535.104.05", nvml.SUCCESS },
		SystemGetCudaDriverVersionFunc: func() (int, nvml.Return) { return 12020, nvml.SUCCESS },
		DeviceGetCountFunc:             func() (int, nvml.Return) { return 1, nvml.SUCCESS },
		DeviceGetHandleByIndexFunc:     func(int) (nvml.Device, nvml.Return) { return dev, nvml.SUCCESS },
	}
	f, err := NVML{Lib: lib}.Probe(context.Background())
	require.NoError(t, err)
	assert.Equal(t, Facts{Source: SourceNVML, DriverVersion: "535.104.05", CUDAVersion: "12.2",
		GPUs: []GPU{{Model: "NVIDIA A100-SXM4-80GB", UUID: "GPU-a100", MemoryMiB: 80 << 10, UtilisationPct: 90}}}, f)
	assert.Len(t, lib.ShutdownCalls(), 1)
}

func TestProbeFallsBackAndSaysNoGPU(t *testing.T) {
	noLib := &mock.Interface{
		InitFunc:        func() nvml.Return { return nvml.ERROR_LIBRARY_NOT_FOUND },
		ErrorStringFunc: func(r nvml.Return) string { return "unused" },
	}
	log := slog.New(slog.DiscardHandler)
	smi := SMI{Path: fakeSMI(t, smiTwoH100, smiQuery, 0)}
	assert.Equal(t, SourceSMI, Probe(context.Background(), log, NVML{Lib: noLib}, smi).Source)

	none := Probe(context.Background(), log, NVML{Lib: noLib}, SMI{Path: filepath.Join(t.TempDir(), "nvidia-smi")})
	assert.Equal(t, SourceNone, none.Source)
	assert.Contains(t, none.Summary(), "no GPU (NVML: the NVIDIA driver library (libnvidia-ml.so.1) is not installed; nvidia-smi:")
}
