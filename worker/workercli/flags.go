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
	flagMetrics    = "metrics-addr"
	flagLogLevel   = "log-level"
)

// aliases are earlier names of flags, still accepted.
var aliases = map[string][]string{"poll-interval": {"poll"}, "owner-keypair": {"owner"}, "device-keypair": {"device"}}

// workerFlags are the settings flags, one per file key (config.Keys); each overrides the
// file's key when given.
func workerFlags() []ucli.Flag {
	flags := []ucli.Flag{
		&ucli.StringFlag{Name: flagConfigFile, Aliases: []string{"c"}, Usage: "worker config file, YAML or JSON, with the flags' names as keys (work_dir for --work-dir; rpc_url and ws_url for --url and --ws; price_floor: {IO: \"1.5\"})"},
	}
	for _, k := range config.Keys {
		flags = append(flags, &ucli.StringFlag{Name: k.Flag, Aliases: aliases[k.Flag], Usage: k.Usage + " [file: " + k.Name + "]"})
	}
	return append(flags, &ucli.StringFlag{Name: flagLogLevel, Value: "info", Usage: "debug, info, warn or error (JSON logs on stderr)"})
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
	for _, k := range config.Keys {
		if !c.IsSet(k.Flag) {
			continue
		}
		if err := k.Set(&cfg, c.String(k.Flag)); err != nil {
			return cfg, fmt.Errorf("--%s: %w", k.Flag, err)
		}
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
