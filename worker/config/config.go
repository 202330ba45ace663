// Package config is the worker's configuration: a YAML or JSON file (YAML is a superset of
// JSON, so one parser reads both), overridden by command-line flags, then checked as a whole.
// The file's keys and the flags are one table (Keys): the same names, units and defaults, and a
// flag's value is read exactly as the file's would be.
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// Runtimes the worker can run jobs with.
const (
	RuntimeProcess   = runtime.KindProcess
	RuntimeContainer = runtime.KindContainer
	// RuntimeDishonest is TEST-ONLY (runtime.Dishonest): accepted only by binaries built with
	// the ionet_testruntime build tag.
	RuntimeDishonest = runtime.KindDishonest
)

// Config is everything the worker runs with. Field names are the file's keys.
type Config struct {
	RPCURL        string `yaml:"rpc_url" json:"rpc_url"`
	WSURL         string `yaml:"ws_url" json:"ws_url"`               // "" polls only
	OwnerKeypair  string `yaml:"owner_keypair" json:"owner_keypair"` // pays fees, is paid
	DeviceKeypair string `yaml:"device_keypair" json:"device_keypair"`
	GPUClass      string `yaml:"gpu_class" json:"gpu_class"` // a name in the staking class table
	GPUCount      uint64 `yaml:"gpu_count" json:"gpu_count"`
	Runtime       string `yaml:"runtime" json:"runtime"`
	WorkDir       string `yaml:"work_dir" json:"work_dir"` // outputs, logs and the state store
	SpecDir       string `yaml:"spec_dir" json:"spec_dir"` // cache of <spec hash hex>.json files ("": work_dir/specs)
	MetricsAddr   string `yaml:"metrics_addr" json:"metrics_addr"`
	// PriceFloor is the lowest price per hour accepted, in whole tokens ("1.5"), per payment
	// mint ("IO", "USDC"); a mint without a floor accepts any price.
	PriceFloor map[string]string `yaml:"price_floor" json:"price_floor"`
	// Limits for a job's run, in bytes and counts (0 leaves one unset).
	MemoryLimit uint64 `yaml:"memory_limit" json:"memory_limit"`
	FileLimit   uint64 `yaml:"file_limit" json:"file_limit"`
	OpenFiles   uint64 `yaml:"open_files" json:"open_files"`
	PidsLimit   uint64 `yaml:"pids_limit" json:"pids_limit"` // container runs only
	// DockerSocket is the engine API socket for the container runtime.
	DockerSocket string        `yaml:"docker_socket" json:"docker_socket"`
	PollInterval time.Duration `yaml:"poll_interval" json:"poll_interval"`
	// ClaimInterval is how often minted liveness rewards are claimed.
	ClaimInterval time.Duration `yaml:"claim_interval" json:"claim_interval"`
	// SafetyMargin is how long before a job's deadline the worker stops its run, so that the
	// attestation still lands in time or the job expires untouched.
	SafetyMargin time.Duration `yaml:"safety_margin" json:"safety_margin"`
	// Programs override the deployed program ids (base58); empty uses the localnet's.
	StakingProgram  string `yaml:"staking_program" json:"staking_program"`
	JobsProgram     string `yaml:"jobs_program" json:"jobs_program"`
	EmissionProgram string `yaml:"emission_program" json:"emission_program"`
}

// Defaults are the values a file and flags start from.
func Defaults() Config {
	return Config{
		RPCURL:        "http://127.0.0.1:8899",
		WSURL:         "ws://127.0.0.1:8900",
		GPUCount:      1,
		Runtime:       RuntimeProcess,
		WorkDir:       "ionet-worker",
		MetricsAddr:   "127.0.0.1:9465",
		DockerSocket:  "/var/run/docker.sock",
		PollInterval:  5 * time.Second,
		ClaimInterval: 10 * time.Minute,
		SafetyMargin:  60 * time.Second,
		PidsLimit:     1024,
	}
}

// Load reads the file at path over the defaults, each key read as its flag is (Keys). Unknown
// keys are an error (a typo would otherwise silently keep a default). The websocket URL is
// derived from rpc_url, as --ws is from --url, unless ws_url is given ("" polls only).
func Load(path string) (Config, error) {
	c := Defaults()
	data, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("read worker config: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return c, fmt.Errorf("worker config %s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file keeps the defaults
	}
	if err := c.apply(doc.Content[0]); err != nil {
		return c, fmt.Errorf("worker config %s: %w", path, err)
	}
	return c, nil
}

func (c *Config) apply(top *yaml.Node) error {
	if top.Kind != yaml.MappingNode {
		return errors.New("want a mapping of keys to values")
	}
	keys := map[string]Key{}
	for _, k := range Keys {
		keys[k.Name] = k
	}
	wsGiven, rpcGiven := false, false
	for i := 0; i+1 < len(top.Content); i += 2 {
		name, v := top.Content[i].Value, top.Content[i+1]
		switch name {
		case "price_floor":
			if v.Kind != yaml.MappingNode {
				return errors.New(`price_floor: want a mapping such as {IO: "1.5", USDC: "0.40"}`)
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				mint := v.Content[j].Value
				k, ok := keys["price_floor."+mint]
				if !ok {
					return fmt.Errorf("price_floor key %q: use IO or USDC", mint)
				}
				if err := k.Set(c, v.Content[j+1].Value); err != nil {
					return err
				}
			}
			continue
		case "rpc_url", "ws_url":
			if v.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s: want a URL", name)
			}
			if name == "rpc_url" {
				c.RPCURL, rpcGiven = v.Value, true
			} else {
				c.WSURL, wsGiven = v.Value, true
			}
			continue
		}
		k, ok := keys[name]
		if !ok {
			return fmt.Errorf("unknown key %q (keys: %s)", name, keyNames())
		}
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s: want a single value", name)
		}
		if err := k.Set(c, v.Value); err != nil {
			return err
		}
	}
	if rpcGiven && !wsGiven {
		ws, err := cli.WebsocketURL(c.RPCURL)
		if err != nil {
			return fmt.Errorf("rpc_url: %w (or give ws_url)", err)
		}
		c.WSURL = ws
	}
	return nil
}

func keyNames() string {
	names := []string{"rpc_url", "ws_url", "price_floor"}
	for _, k := range Keys {
		if !strings.HasPrefix(k.Name, "price_floor.") {
			names = append(names, k.Name)
		}
	}
	return strings.Join(names, ", ")
}

// ValidateDevice checks what registering the device needs: the cluster, both keys, the class
// and count.
func (c Config) ValidateDevice() error {
	return joined(c.deviceProblems())
}

// Validate checks the configuration as a whole, for running, and says what to fix.
func (c Config) Validate() error {
	problems := c.deviceProblems()
	need := func(v, key string) {
		if strings.TrimSpace(v) == "" {
			problems = append(problems, key+" is required")
		}
	}
	need(c.WorkDir, "work_dir (--work-dir)")
	switch c.Runtime {
	case RuntimeProcess:
	case RuntimeContainer:
		need(c.DockerSocket, "docker_socket (--docker-socket) for the container runtime")
	case RuntimeDishonest:
		if err := (runtime.Choice{Kind: c.Runtime}).Check(); err != nil {
			problems = append(problems, err.Error())
		}
	default:
		problems = append(problems, fmt.Sprintf("runtime %q: choose %s or %s", c.Runtime, RuntimeProcess, RuntimeContainer))
	}
	if _, err := c.Floors(); err != nil {
		problems = append(problems, err.Error())
	}
	if c.PollInterval <= 0 || c.ClaimInterval <= 0 {
		problems = append(problems, "poll_interval and claim_interval must be positive")
	}
	if c.SafetyMargin < 0 {
		problems = append(problems, "safety_margin must not be negative")
	}
	return joined(problems)
}

func (c Config) deviceProblems() []string {
	var problems []string
	for _, f := range []struct{ v, key string }{{c.RPCURL, "rpc_url (--url)"}, {c.OwnerKeypair, "owner_keypair (--owner-keypair)"},
		{c.DeviceKeypair, "device_keypair (--device-keypair)"}, {c.GPUClass, "gpu_class (--gpu-class)"}} {
		if strings.TrimSpace(f.v) == "" {
			problems = append(problems, f.key+" is required")
		}
	}
	if c.GPUCount == 0 {
		problems = append(problems, "gpu_count must be at least 1")
	}
	return problems
}

func joined(problems []string) error {
	if len(problems) > 0 {
		return fmt.Errorf("worker config: %s", strings.Join(problems, "; "))
	}
	return nil
}
