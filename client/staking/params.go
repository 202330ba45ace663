package staking

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/staking/gen"
)

const (
	// IO is one IO in base units.
	IO = 100_000_000
	// BPS is basis points in one whole.
	BPS = 10_000
	// DefaultCooldown is io.net's unstaking cooldown.
	DefaultCooldown = 14 * 24 * time.Hour
	// MaxGPUClasses is the size of the on-chain class table.
	MaxGPUClasses = 8
)

// GPUClass is one entry of the multiplier table.
type GPUClass struct {
	Name          string
	MultiplierBps uint64
}

// DefaultGPUClasses is the initial multiplier table (io.net examples: H100 = 10x,
// RTX 4070 = 0.25x); governance can change it.
var DefaultGPUClasses = []GPUClass{
	{"H100", 100_000},
	{"A100", 50_000},
	{"L40S", 20_000},
	{"RTX4090", 10_000},
	{"RTX4070", 2_500},
	{"CPU-TEST", 1_000},
}

// DefaultParams are the protocol defaults: 14-day cooldown, 200 IO per GPU, half of every slash
// burned, slasher as given (the jobs program's PDA, or the zero key for none yet).
func DefaultParams(slasher solana.PublicKey) (gen.Params, error) {
	return NewParams(int64(DefaultCooldown/time.Second), 200*IO, 5_000, slasher, DefaultGPUClasses)
}

// NewParams builds the on-chain parameter struct, checking what the program would refuse.
func NewParams(cooldownSeconds int64, minDeviceStakePerGPU, slashBurnBps uint64, slasher solana.PublicKey, classes []GPUClass) (gen.Params, error) {
	p := gen.Params{
		CooldownSeconds:      cooldownSeconds,
		MinDeviceStakePerGpu: minDeviceStakePerGPU,
		SlashBurnBps:         slashBurnBps,
		Slasher:              slasher,
		GpuClassCount:        uint8(len(classes)),
	}
	if len(classes) == 0 || len(classes) > MaxGPUClasses {
		return p, fmt.Errorf("staking params: %d GPU classes: give 1 to %d", len(classes), MaxGPUClasses)
	}
	for i, c := range classes {
		if c.Name == "" || len(c.Name) > len(p.GpuClasses[i].Name) {
			return p, fmt.Errorf("staking params: GPU class name %q: give 1 to 16 bytes", c.Name)
		}
		if c.MultiplierBps == 0 {
			return p, fmt.Errorf("staking params: GPU class %s: multiplier must be positive", c.Name)
		}
		copy(p.GpuClasses[i].Name[:], c.Name)
		p.GpuClasses[i].MultiplierBps = c.MultiplierBps
	}
	return p, nil
}

// ClassName is the class's name without its NUL padding.
func ClassName(c gen.GpuClass) string {
	return string(bytes.TrimRight(c.Name[:], "\x00"))
}

// ClassIndex finds a class by name (case-insensitive) in the config's table.
func ClassIndex(cfg *gen.Config, name string) (uint8, error) {
	var known []string
	for i := range cfg.GpuClassCount {
		n := ClassName(cfg.GpuClasses[i])
		if strings.EqualFold(n, name) {
			return i, nil
		}
		known = append(known, n)
	}
	return 0, fmt.Errorf("unknown GPU class %q: choose one of %s", name, strings.Join(known, ", "))
}
