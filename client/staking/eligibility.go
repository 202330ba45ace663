package staking

import (
	"fmt"
	"math/bits"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// RequiredDeviceStake is `minPerGPU * max(1, multiplier) * gpuCount` in base units, the
// multiplier in basis points, rounded up: the same rule as the program's
// `required_device_stake`. ok is false on overflow.
func RequiredDeviceStake(minPerGPU, multiplierBps, gpuCount uint64) (required uint64, ok bool) {
	hi, lo := bits.Mul64(minPerGPU, max(multiplierBps, BPS))
	if hi >= BPS {
		return 0, false
	}
	perGPU, rem := bits.Div64(hi, lo, BPS)
	if rem != 0 {
		if perGPU == ^uint64(0) {
			return 0, false
		}
		perGPU++
	}
	hi, required = bits.Mul64(perGPU, gpuCount)
	if hi != 0 {
		return 0, false
	}
	return required, true
}

// Eligibility says whether a device may take jobs, and why.
type Eligibility struct {
	Class    string `json:"class"`
	Required uint64 `json:"required"`
	Stake    uint64 `json:"stake"`
	Eligible bool   `json:"eligible"`
	Reason   string `json:"reason"`
}

// DeviceEligibility applies the rule to a device under cfg's parameters.
func DeviceEligibility(cfg *gen.Config, d *gen.Device) Eligibility {
	e := Eligibility{Stake: d.Stake}
	if d.GpuClass >= cfg.GpuClassCount {
		e.Reason = fmt.Sprintf("GPU class %d is no longer in the class table", d.GpuClass)
		return e
	}
	class := cfg.GpuClasses[d.GpuClass]
	e.Class = ClassName(class)
	required, ok := RequiredDeviceStake(cfg.MinDeviceStakePerGpu, class.MultiplierBps, d.GpuCount)
	if !ok {
		e.Reason = "the requirement overflows: the parameters are unusable"
		return e
	}
	e.Required = required
	if d.Stake < required {
		e.Reason = fmt.Sprintf("stake %s IO is below the %s IO required for %d x %s",
			solanax.FormatAmount(d.Stake, solanax.IODecimals), solanax.FormatAmount(required, solanax.IODecimals), d.GpuCount, e.Class)
		return e
	}
	e.Eligible = true
	e.Reason = fmt.Sprintf("stake covers the %s IO required for %d x %s",
		solanax.FormatAmount(required, solanax.IODecimals), d.GpuCount, e.Class)
	return e
}
