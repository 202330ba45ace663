package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Key is one setting, named the same in the file (Name) and on the command line (Flag), and
// read from text the same way by both: a flag value is what the file's key would hold.
type Key struct {
	Name  string // the file's key: "work_dir"
	Flag  string // the flag: "work-dir"
	Usage string
	Set   func(c *Config, text string) error
}

// Keys are every setting but rpc_url and ws_url, which are the commands' --url and --ws.
var Keys = []Key{
	str("owner_keypair", "owner-keypair", "owner keypair file: pays fees, is paid, owns the device stake", func(c *Config) *string { return &c.OwnerKeypair }),
	str("device_keypair", "device-keypair", "device keypair file: signs claims and attestations (init creates it when missing)", func(c *Config) *string { return &c.DeviceKeypair }),
	str("gpu_class", "gpu-class", "GPU class in the staking class table (CPU-TEST on a host without a GPU)", func(c *Config) *string { return &c.GPUClass }),
	num("gpu_count", "gpu-count", "GPU count (default 1)", func(c *Config) *uint64 { return &c.GPUCount }),
	str("runtime", "runtime", "process or container (default process)", func(c *Config) *string { return &c.Runtime }),
	str("work_dir", "work-dir", "directory for job outputs, logs and the worker's state, made absolute at start (default ./ionet-worker)", func(c *Config) *string { return &c.WorkDir }),
	str("spec_dir", "spec-dir", "local cache of job specs, <spec hash hex>.json (default: work_dir/specs); specs come from the chain", func(c *Config) *string { return &c.SpecDir }),
	str("metrics_addr", "metrics-addr", `address for /metrics and /healthz ("" serves neither; default 127.0.0.1:9465)`, func(c *Config) *string { return &c.MetricsAddr }),
	floor("IO", "lowest accepted price per hour in IO (e.g. 1.5)"),
	floor("USDC", "lowest accepted price per hour in USDC (e.g. 0.40)"),
	num("memory_limit", "memory-limit", "memory limit of a job, in bytes (0: none)", func(c *Config) *uint64 { return &c.MemoryLimit }),
	num("file_limit", "file-limit", "largest file a job may write, in bytes (0: no limit)", func(c *Config) *uint64 { return &c.FileLimit }),
	num("open_files", "open-files", "open files a job may hold (0: no limit)", func(c *Config) *uint64 { return &c.OpenFiles }),
	num("pids_limit", "pids-limit", "processes a container job may run (0: no limit; default 1024)", func(c *Config) *uint64 { return &c.PidsLimit }),
	str("docker_socket", "docker-socket", "Docker-compatible engine socket for the container runtime (default /var/run/docker.sock; podman: $XDG_RUNTIME_DIR/podman/podman.sock)", func(c *Config) *string { return &c.DockerSocket }),
	dur("poll_interval", "poll-interval", "how often open jobs are listed and duties run (the websocket wakes the worker sooner; default 5s)", func(c *Config) *time.Duration { return &c.PollInterval }),
	dur("claim_interval", "claim-interval", "how often minted liveness rewards are claimed (default 10m)", func(c *Config) *time.Duration { return &c.ClaimInterval }),
	dur("safety_margin", "safety-margin", "stop a run this long before the job's deadline (default 60s)", func(c *Config) *time.Duration { return &c.SafetyMargin }),
	str("staking_program", "staking-program", "staking program id (default: the deployment's)", func(c *Config) *string { return &c.StakingProgram }),
	str("jobs_program", "jobs-program", "jobs program id (default: the deployment's)", func(c *Config) *string { return &c.JobsProgram }),
	str("emission_program", "emission-program", "emission program id (default: the deployment's)", func(c *Config) *string { return &c.EmissionProgram }),
}

func str(name, flag, usage string, field func(*Config) *string) Key {
	return Key{name, flag, usage, func(c *Config, text string) error { *field(c) = text; return nil }}
}

func num(name, flag, usage string, field func(*Config) *uint64) Key {
	return Key{name, flag, usage, func(c *Config, text string) error {
		v, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return fmt.Errorf("%s %q: want a whole number", name, text)
		}
		*field(c) = v
		return nil
	}}
}

func dur(name, flag, usage string, field func(*Config) *time.Duration) Key {
	return Key{name, flag, usage, func(c *Config, text string) error {
		v, err := time.ParseDuration(strings.TrimSpace(text))
		if err != nil {
			return fmt.Errorf("%s %q: want a duration such as 5s or 10m", name, text)
		}
		*field(c) = v
		return nil
	}}
}

// floor is price_floor's entry for one mint: the file's `price_floor: {IO: "1.5"}` is the
// flag --price-floor-io 1.5, both in whole tokens.
func floor(mint, usage string) Key {
	return Key{"price_floor." + mint, "price-floor-" + strings.ToLower(mint), usage, func(c *Config, text string) error {
		if _, err := ParseFloor(mint, text); err != nil {
			return err
		}
		if c.PriceFloor == nil {
			c.PriceFloor = map[string]string{}
		}
		c.PriceFloor[mint] = strings.TrimSpace(text)
		return nil
	}}
}

// ParseFloor reads a price floor in whole tokens of mint ("IO" or "USDC") as base units.
func ParseFloor(mint, text string) (uint64, error) {
	decimals := map[string]uint8{"IO": solanax.IODecimals, "USDC": solanax.USDCDecimals}
	d, ok := decimals[mint]
	if !ok {
		return 0, fmt.Errorf("price_floor key %q: use IO or USDC", mint)
	}
	v, err := solanax.ParseAmount(strings.TrimSpace(text), d)
	if err != nil {
		return 0, fmt.Errorf("price_floor %s %q: %w", mint, text, err)
	}
	return v, nil
}

// Floors are the price floors in base units by mint.
func (c Config) Floors() (map[string]uint64, error) {
	out := map[string]uint64{}
	for mint, text := range c.PriceFloor {
		v, err := ParseFloor(mint, text)
		if err != nil {
			return nil, err
		}
		out[mint] = v
	}
	return out, nil
}
