package workercli

import (
	"fmt"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/worker/config"
)

const (
	flagConfigFile = "worker-config"
	flagOwner      = "owner"
	flagDevice     = "device"
	flagClass      = "gpu-class"
	flagCount      = "gpu-count"
	flagRuntime    = "runtime"
	flagWorkDir    = "work-dir"
	flagSpecDir    = "spec-dir"
	flagMetrics    = "metrics-addr"
	flagFloorIO    = "price-floor-io"
	flagFloorUSDC  = "price-floor-usdc"
	flagPoll       = "poll"
	flagClaim      = "claim-interval"
	flagSocket     = "docker-socket"
	flagLogLevel   = "log-level"
)

// workerFlags are the settings flags; each overrides the file's key when given.
func workerFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: flagConfigFile, Aliases: []string{"c"}, Usage: "worker config file, YAML or JSON (keys: rpc_url, ws_url, owner_keypair, device_keypair, gpu_class, gpu_count, runtime, work_dir, spec_dir, metrics_addr, price_floor, memory_limit, file_limit, open_files, docker_socket, poll_interval, claim_interval, safety_margin, staking_program, jobs_program, emission_program)"},
		&ucli.StringFlag{Name: flagOwner, Usage: "owner keypair file: pays fees, is paid, owns the device stake"},
		&ucli.StringFlag{Name: flagDevice, Usage: "device keypair file: signs claims and attestations (init creates it when missing)"},
		&ucli.StringFlag{Name: flagClass, Usage: "GPU class in the staking class table (CPU-TEST on a host without a GPU)"},
		&ucli.Uint64Flag{Name: flagCount, Usage: "GPU count", DefaultText: "1"},
		&ucli.StringFlag{Name: flagRuntime, Usage: "process or container", DefaultText: "process"},
		&ucli.StringFlag{Name: flagWorkDir, Usage: "directory for job outputs, logs and the worker's state", DefaultText: "./ionet-worker"},
		&ucli.StringFlag{Name: flagSpecDir, Usage: "directory of published job specs, <spec hash hex>.json"},
		&ucli.StringFlag{Name: flagMetrics, Usage: "address for /metrics and /healthz (\"\" serves neither)", DefaultText: "127.0.0.1:9465"},
		&ucli.StringFlag{Name: flagFloorIO, Usage: "lowest accepted price per hour in IO (e.g. 1.5)"},
		&ucli.StringFlag{Name: flagFloorUSDC, Usage: "lowest accepted price per hour in USDC (e.g. 0.40)"},
		&ucli.DurationFlag{Name: flagPoll, Usage: "how often open jobs are listed (the websocket wakes the worker sooner)", DefaultText: "5s"},
		&ucli.DurationFlag{Name: flagClaim, Usage: "how often minted liveness rewards are claimed", DefaultText: "10m"},
		&ucli.StringFlag{Name: flagSocket, Usage: "Docker-compatible engine socket for the container runtime", DefaultText: "/var/run/docker.sock"},
		&ucli.StringFlag{Name: flagLogLevel, Value: "info", Usage: "debug, info, warn or error (JSON logs on stderr)"},
	}
}

// loadConfig is the file (when given) over the defaults, then the flags, then --url/--ws.
func loadConfig(c *ucli.Context, env *cli.Env) (config.Config, error) {
	cfg := config.Defaults()
	if path := c.String(flagConfigFile); path != "" {
		var err error
		if cfg, err = config.Load(path); err != nil {
			return cfg, err
		}
	}
	if env.URLGiven() {
		cfg.RPCURL, cfg.WSURL = env.RPCURL, env.WSURL
	}
	str := map[string]*string{flagOwner: &cfg.OwnerKeypair, flagDevice: &cfg.DeviceKeypair, flagClass: &cfg.GPUClass,
		flagRuntime: &cfg.Runtime, flagWorkDir: &cfg.WorkDir, flagSpecDir: &cfg.SpecDir, flagMetrics: &cfg.MetricsAddr, flagSocket: &cfg.DockerSocket}
	for name, into := range str {
		if c.IsSet(name) {
			*into = c.String(name)
		}
	}
	if c.IsSet(flagCount) {
		cfg.GPUCount = c.Uint64(flagCount)
	}
	if c.IsSet(flagPoll) {
		cfg.PollInterval = c.Duration(flagPoll)
	}
	if c.IsSet(flagClaim) {
		cfg.ClaimInterval = c.Duration(flagClaim)
	}
	for name, mint := range map[string]string{flagFloorIO: "IO", flagFloorUSDC: "USDC"} {
		if !c.IsSet(name) {
			continue
		}
		decimals := solanax.IODecimals
		if mint == "USDC" {
			decimals = solanax.USDCDecimals
		}
		v, err := solanax.ParseAmount(c.String(name), decimals)
		if err != nil {
			return cfg, fmt.Errorf("--%s: %w", name, err)
		}
		if cfg.PriceFloor == nil {
			cfg.PriceFloor = map[string]uint64{}
		}
		cfg.PriceFloor[mint] = v
	}
	return cfg, nil
}

// clients are the jobs and emission program clients for cfg's cluster and program ids (the
// cluster's deployment, --deployment or the registry's, where cfg names none).
func clients(c *ucli.Context, cfg config.Config, sx *solanax.Client) (*jobs.Client, *emission.Client, error) {
	var ids [3]solana.PublicKey
	deployed, err := cli.DeployedProgramIDs(c, sx.RPC, cfg.RPCURL, "staking", "jobs", "emission")
	if err != nil {
		return nil, nil, err
	}
	copy(ids[:], deployed) // the cluster's deployment; the config's program ids override it
	for i, text := range []string{cfg.StakingProgram, cfg.JobsProgram, cfg.EmissionProgram} {
		if text == "" {
			continue
		}
		var err error
		if ids[i], err = solana.PublicKeyFromBase58(text); err != nil {
			return nil, nil, fmt.Errorf("program id %q is not a base58 public key: %w", text, err)
		}
	}
	stk, err := staking.New(sx, ids[0])
	if err != nil {
		return nil, nil, err
	}
	jc, err := jobs.New(sx, ids[1], stk)
	if err != nil {
		return nil, nil, err
	}
	em, err := emission.New(sx, ids[2], stk.ProgramID)
	return jc, em, err
}

func loadKey(path, what string) (solana.PrivateKey, error) {
	key, err := cli.LoadKeypair(path)
	if err != nil {
		return nil, fmt.Errorf("load the %s keypair: %w (%s)", what, err, cli.KeygenHint(path))
	}
	return key, nil
}
