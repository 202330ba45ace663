//go:build !cgo

package gpu

import (
	"context"
	"errors"
)

// NVML is unavailable in a build without cgo (go-nvml loads the driver library through it);
// Default goes on to nvidia-smi.
type NVML struct{}

// Probe reports that this build cannot use NVML.
func (NVML) Probe(context.Context) (Facts, error) {
	return Facts{}, errors.New("NVML: this ionet-worker was built without cgo")
}
