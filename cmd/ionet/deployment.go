package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// The deployment registry on the command line: `ionet deployment show` and `ionet deployment
// import FILE|URL`; deploymentFor finds the --url cluster's deployment for the other commands.

func deploymentCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "deployment",
		Usage:    "the protocol's deployment on a cluster: program ids, mints, code hashes",
		Category: categoryOperator,
		Subcommands: []*ucli.Command{
			{
				Name:   "show",
				Usage:  "show the deployment registered for the --url cluster (found by its genesis hash)",
				Action: cli.Action(runDeploymentShow),
			},
			{
				Name:      "import",
				Usage:     "register a published deployment file so that --url of its cluster finds it",
				ArgsUsage: "FILE|URL",
				Description: "Reads the file (or fetches the http(s) URL), checks it names the five programs and " +
					"the mints, and when --url is given that the cluster has its genesis hash; then writes it to " +
					"~/.config/ionet/deployments/<genesis hash>.json, replacing any earlier one.",
				Action: cli.Action(runDeploymentImport),
			},
		},
	}
}

// deploymentFor is the --url cluster's deployment (cli.FindDeployment).
func deploymentFor(ctx context.Context, c *ucli.Context, env *cli.Env) (*cli.Deployment, string, error) {
	d, err := cli.FindDeployment(ctx, env)
	if err != nil {
		return nil, "", err
	}
	return d.Deployment, d.Path, nil
}

func runDeploymentShow(c *ucli.Context, env *cli.Env) error {
	d, path, err := deploymentFor(c.Context, c, env)
	if err != nil {
		return err
	}
	return env.Print(deploymentReport{Deployment: d, Path: path})
}

// importTimeout bounds the fetch of a published deployment file.
const importTimeout = 30 * time.Second

func runDeploymentImport(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 1 {
		return fmt.Errorf("give exactly one FILE or http(s) URL of a deployment file (got %d arguments)", c.NArg())
	}
	source := c.Args().First()
	data, err := readSource(c.Context, source)
	if err != nil {
		return err
	}
	d, err := cli.ParseDeployment(data, source)
	if err != nil {
		return err
	}
	if env.URLGiven() {
		hash, err := env.Client().RPC.GetGenesisHash(c.Context)
		if err != nil {
			return fmt.Errorf("ask %s for its genesis hash: %w", env.RPCURL, solanax.WrapRPCError("getGenesisHash", err))
		}
		if !hash.Equals(d.GenesisHash) {
			return fmt.Errorf("%s is the deployment of the cluster with genesis hash %s, but %s has %s: nothing imported", source, d.GenesisHash, env.RPCURL, hash)
		}
	}
	path, err := cli.RegisterDeployment(d)
	if err != nil {
		return err
	}
	return env.Print(deploymentReport{Deployment: d, Path: path, Imported: true})
}

// readSource reads a local file or fetches an http(s) URL.
func readSource(ctx context.Context, source string) ([]byte, error) {
	if !strings.HasPrefix(source, "http://") && !strings.HasPrefix(source, "https://") {
		data, err := os.ReadFile(source)
		if err != nil {
			return nil, fmt.Errorf("read the deployment file: %w", err)
		}
		return data, nil
	}
	ctx, cancel := context.WithTimeout(ctx, importTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", source, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", source, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: the server answered %s", source, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", source, err)
	}
	return data, nil
}

type deploymentReport struct {
	*cli.Deployment
	Path     string `json:"path"`
	Imported bool   `json:"imported,omitempty"`
}

func (r deploymentReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if r.Imported {
		fmt.Fprintf(tw, "Imported into %s\n\n", r.Path)
	} else {
		fmt.Fprintf(tw, "Deployment\t%s\n", r.Path)
	}
	cluster := r.Cluster
	if cluster == "" {
		cluster = "(not a public cluster)"
	}
	fmt.Fprintf(tw, "Cluster\t%s, genesis hash %s\n", cluster, r.GenesisHash)
	for _, name := range []string{"staking", "jobs", "emission", "capacity", "governance"} {
		fmt.Fprintf(tw, "%s\t%s\tsha256 %s\n", name, r.Programs[name], r.ProgramHashes[name])
	}
	fmt.Fprintf(tw, "IO mint\t%s\n", r.Mints.IO)
	fmt.Fprintf(tw, "USDC mint\t%s\n", r.Mints.USDC)
	fmt.Fprintf(tw, "Upgrade authority\t%s\n", r.UpgradeAuthority)
	fmt.Fprintf(tw, "Operator\t%s\n", r.Operator)
	fmt.Fprintf(tw, "Governance PDA\t%s\n", r.Governance)
	return tw.Flush()
}

var errMismatch = errors.New("mismatch")
