package workercli

import (
	"fmt"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/worker/config"
)

const (
	flagConfigFile = "worker-config"
	flagMetrics    = "metrics-addr"
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
	return append(flags, cli.LogLevelFlag())
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

// programs makes the program clients for cfg's cluster: the config's program ids (--staking-program,
// ...), else the cluster's deployment's (--deployment or the registry's).
func programs(c *ucli.Context, cfg config.Config, sx *solanax.Client) *cli.Programs {
	return cli.NewPrograms(c, sx, cfg.RPCURL, map[string]cli.Override{
		cli.ProgramStaking:  {Text: cfg.StakingProgram, Source: "program id"},
		cli.ProgramJobs:     {Text: cfg.JobsProgram, Source: "program id"},
		cli.ProgramEmission: {Text: cfg.EmissionProgram, Source: "program id"},
	})
}

func loadKey(path, what string) (solana.PrivateKey, error) {
	key, err := cli.LoadKeypair(path)
	if err != nil {
		return nil, fmt.Errorf("load the %s keypair: %w (%s)", what, err, cli.KeygenHint(path))
	}
	return key, nil
}
