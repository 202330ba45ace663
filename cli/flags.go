package cli

import (
	ucli "github.com/urfave/cli/v2"
)

// Global flag names. They are accepted before or after the command, like the Solana CLI's.
const (
	flagURL        = "url"
	flagWS         = "ws"
	flagKeypair    = "keypair"
	flagCommitment = "commitment"
	flagOutput     = "output"
	flagConfig     = "config"
	flagVerbose    = "verbose"
	flagDeployment = "deployment"
)

// globalFlags returns fresh instances of the global flags (urfave flags keep state, so each
// command gets its own).
func globalFlags() []ucli.Flag {
	const category = "Global"
	return []ucli.Flag{
		&ucli.StringFlag{Name: flagURL, Aliases: []string{"u"}, Category: category,
			Usage: "cluster: localhost, devnet, testnet, mainnet-beta or a JSON-RPC URL (default: Solana CLI config, else localhost)"},
		&ucli.StringFlag{Name: flagWS, Category: category,
			Usage: "websocket URL (default: from the JSON-RPC URL, port+1 when it names a port)"},
		&ucli.StringFlag{Name: flagKeypair, Aliases: []string{"k"}, Category: category,
			Usage: "keypair file (default: Solana CLI config keypair_path, else ~/.config/solana/id.json)"},
		&ucli.StringFlag{Name: flagCommitment, Category: category,
			Usage: "processed, confirmed or finalized (default: Solana CLI config, else confirmed)"},
		&ucli.StringFlag{Name: flagOutput, Aliases: []string{"o"}, Category: category,
			Usage: "output format: human or json (default: human)"},
		&ucli.StringFlag{Name: flagConfig, Aliases: []string{"C"}, Category: category,
			Usage: "Solana CLI config file (default: ~/.config/solana/cli/config.yml)"},
		&ucli.BoolFlag{Name: flagVerbose, Aliases: []string{"v"}, Category: category,
			Usage: "log retries and fallbacks to stderr"},
		&ucli.StringFlag{Name: flagDeployment, Category: category,
			Usage: "deployment file of the protocol on the cluster (default: $" + EnvDeployment + ", else the one registered for the --url cluster's genesis hash)"},
	}
}

// globalNames maps each global flag to all its names (primary and aliases).
var globalNames = func() map[string][]string {
	m := map[string][]string{}
	for _, f := range globalFlags() {
		m[f.Names()[0]] = f.Names()
	}
	return m
}()

// setAt returns the innermost context (the command, then its parents) where a global flag was
// given, or nil.
func setAt(c *ucli.Context, name string) *ucli.Context {
	for _, ctx := range c.Lineage() {
		if ctx.Command == nil { // the base context above the root command has no flags
			continue
		}
		for _, set := range ctx.LocalFlagNames() {
			for _, n := range globalNames[name] {
				if set == n {
					return ctx
				}
			}
		}
	}
	return nil
}

// flagValues collects the global flags as given, and whether --verbose is on.
func flagValues(c *ucli.Context) (FlagValues, bool) {
	get := func(name string) string {
		if ctx := setAt(c, name); ctx != nil {
			return ctx.String(name)
		}
		return ""
	}
	verbose := false
	if ctx := setAt(c, flagVerbose); ctx != nil {
		verbose = ctx.Bool(flagVerbose)
	}
	return FlagValues{
		URL:        get(flagURL),
		WS:         get(flagWS),
		Keypair:    get(flagKeypair),
		Commitment: get(flagCommitment),
		Output:     get(flagOutput),
		Config:     get(flagConfig),
		Deployment: get(flagDeployment),
	}, verbose
}
