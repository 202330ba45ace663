//go:build cgo

package gpu

import (
	"context"
	"fmt"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
)

// NVML reads facts through the driver's libnvidia-ml (Lib, default the real library, loaded
// at Probe; a host without the driver fails to load it and the next prober is tried).
type NVML struct{ Lib nvml.Interface }

// Probe initialises NVML, reads every device and shuts NVML down.
func (n NVML) Probe(context.Context) (f Facts, err error) {
	lib := n.Lib
	if lib == nil {
		lib = nvml.New()
	}
	if ret := lib.Init(); ret != nvml.SUCCESS {
		return Facts{}, fmt.Errorf("NVML: %s", nvmlError(lib, ret))
	}
	defer lib.Shutdown()
	f.Source = SourceNVML
	var ret nvml.Return
	if f.DriverVersion, ret = lib.SystemGetDriverVersion(); ret != nvml.SUCCESS {
		return Facts{}, fmt.Errorf("NVML driver version: %s", nvmlError(lib, ret))
	}
	if cuda, ret := lib.SystemGetCudaDriverVersion(); ret == nvml.SUCCESS {
		f.CUDAVersion = fmt.Sprintf("%d.%d", cuda/1000, cuda%1000/10)
	}
	count, ret := lib.DeviceGetCount()
	if ret != nvml.SUCCESS {
		return Facts{}, fmt.Errorf("NVML device count: %s", nvmlError(lib, ret))
	}
	for i := range count {
		g, err := nvmlDevice(lib, i)
		if err != nil {
			return Facts{}, err
		}
		f.GPUs = append(f.GPUs, g)
	}
	return f, nil
}

func nvmlDevice(lib nvml.Interface, i int) (GPU, error) {
	d, ret := lib.DeviceGetHandleByIndex(i)
	if ret != nvml.SUCCESS {
		return GPU{}, fmt.Errorf("NVML device %d: %s", i, nvmlError(lib, ret))
	}
	g := GPU{Index: i}
	if g.Model, ret = d.GetName(); ret != nvml.SUCCESS {
		return GPU{}, fmt.Errorf("NVML device %d name: %s", i, nvmlError(lib, ret))
	}
	if g.UUID, ret = d.GetUUID(); ret != nvml.SUCCESS {
		return GPU{}, fmt.Errorf("NVML device %d UUID: %s", i, nvmlError(lib, ret))
	}
	mem, ret := d.GetMemoryInfo()
	if ret != nvml.SUCCESS {
		return GPU{}, fmt.Errorf("NVML device %d memory: %s", i, nvmlError(lib, ret))
	}
	g.MemoryMiB = mem.Total / (1 << 20)
	// Sensors some boards lack read as 0 rather than failing the probe.
	if u, ret := d.GetUtilizationRates(); ret == nvml.SUCCESS {
		g.UtilisationPct = u.Gpu
	}
	if t, ret := d.GetTemperature(nvml.TEMPERATURE_GPU); ret == nvml.SUCCESS {
		g.TemperatureC = t
	}
	return g, nil
}

func nvmlError(lib nvml.Interface, ret nvml.Return) string {
	if ret == nvml.ERROR_LIBRARY_NOT_FOUND {
		return "the NVIDIA driver library (libnvidia-ml.so.1) is not installed"
	}
	return lib.ErrorString(ret)
}
