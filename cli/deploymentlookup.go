package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/client/solanax"
)

// lookupTimeout bounds a lookup made without a command's context.
const lookupTimeout = 30 * time.Second

// EnvDeployment names a deployment file when --deployment is not given.
const EnvDeployment = "IONET_DEPLOYMENT"

// ErrNoDeployment means no deployment of the protocol is known for the cluster.
var ErrNoDeployment = errors.New("no deployment of the protocol is known")

// FoundDeployment is the deployment a command runs against and where it came from.
type FoundDeployment struct {
	*Deployment
	Path        string
	GenesisHash solana.Hash // the cluster's, asked at lookup
}

var genesisCache sync.Map // RPC URL -> solana.Hash: one getGenesisHash per process and cluster

// clusterGenesis asks the cluster at rpcURL for its genesis hash, once per process.
func clusterGenesis(ctx context.Context, client *rpc.Client, rpcURL string) (solana.Hash, error) {
	if h, ok := genesisCache.Load(rpcURL); ok {
		return h.(solana.Hash), nil
	}
	h, err := client.GetGenesisHash(ctx)
	if err != nil {
		return solana.Hash{}, fmt.Errorf("ask %s for its genesis hash, to find the protocol's deployment there: %w", rpcURL, solanax.WrapRPCError("getGenesisHash", err))
	}
	genesisCache.Store(rpcURL, h)
	return h, nil
}

// GenesisHash asks env's cluster for its genesis hash (once per process and cluster).
func (e *Env) GenesisHash(ctx context.Context) (solana.Hash, error) {
	return clusterGenesis(ctx, e.Client().RPC, e.RPCURL)
}

// FindDeployment is the deployment of env's cluster (LookupClusterDeployment with --deployment).
func FindDeployment(ctx context.Context, env *Env) (*FoundDeployment, error) {
	return LookupClusterDeployment(ctx, env.Client().RPC, env.RPCURL, env.given.Deployment)
}

// LookupClusterDeployment is the deployment of the cluster at rpcURL: file (else
// $IONET_DEPLOYMENT) when given, checked to be this cluster's, else the one registered under the
// cluster's genesis hash (written by `ionet deploy`, `ionet deployment import` or `ionet localnet
// up`). None known is an ErrNoDeployment error that says how to get one.
func LookupClusterDeployment(ctx context.Context, client *rpc.Client, rpcURL, file string) (*FoundDeployment, error) {
	hash, err := clusterGenesis(ctx, client, rpcURL)
	if err != nil {
		return nil, err
	}
	if file == "" {
		file = os.Getenv(EnvDeployment)
	}
	if file != "" {
		d, err := ReadDeployment(file)
		if err != nil {
			return nil, err
		}
		if !d.GenesisHash.Equals(hash) {
			return nil, fmt.Errorf("deployment %s is for the cluster with genesis hash %s, but %s has %s", file, d.GenesisHash, rpcURL, hash)
		}
		return &FoundDeployment{Deployment: d, Path: file, GenesisHash: hash}, nil
	}
	d, path, found, err := LookupDeployment(hash)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%w for %s (genesis hash %s; looked for %s): import the operator's with `ionet deployment import FILE|URL`, pass --deployment FILE, or deploy it with `ionet deploy`",
			ErrNoDeployment, rpcURL, hash, path)
	}
	return &FoundDeployment{Deployment: d, Path: path, GenesisHash: hash}, nil
}

// DeployedProgramIDs are the ids of programs in the deployment of the cluster at rpcURL
// (--deployment of c when c is not nil, else as LookupClusterDeployment finds it). Where no
// deployment is known they are zero keys (the clients then use the localnet's ids), except on
// mainnet-beta, devnet and testnet, which are refused: the localnet's ids mean nothing there.
func DeployedProgramIDs(c *ucli.Context, client *rpc.Client, rpcURL string, programs ...string) ([]solana.PublicKey, error) {
	file := ""
	if c != nil {
		flags, _ := flagValues(c)
		file = flags.Deployment
	}
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	if c != nil {
		ctx = c.Context
	}
	ids := make([]solana.PublicKey, len(programs))
	d, err := LookupClusterDeployment(ctx, client, rpcURL, file)
	switch {
	case err == nil:
		for i, name := range programs {
			ids[i] = d.Programs[name]
		}
		return ids, nil
	case !errors.Is(err, ErrNoDeployment):
		return nil, err
	}
	hash, herr := clusterGenesis(ctx, client, rpcURL)
	if herr == nil && ClusterName(hash) == "" {
		return ids, nil
	}
	return nil, err
}
