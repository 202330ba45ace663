package cli

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
)

// EnvDeployment names a deployment file when --deployment is not given.
const EnvDeployment = "IONET_DEPLOYMENT"

// ErrNoDeployment means no deployment of the protocol is known for the cluster.
var ErrNoDeployment = fmt.Errorf("no deployment of the protocol is known")

// FoundDeployment is the deployment a command runs against and where it came from.
type FoundDeployment struct {
	*Deployment
	Path        string
	GenesisHash solana.Hash // the cluster's, asked at lookup
}

var genesisCache sync.Map // RPC URL -> solana.Hash: one getGenesisHash per process and cluster

// GenesisHash asks env's cluster for its genesis hash (once per process and cluster).
func (e *Env) GenesisHash(ctx context.Context) (solana.Hash, error) {
	if h, ok := genesisCache.Load(e.RPCURL); ok {
		return h.(solana.Hash), nil
	}
	h, err := e.Client().RPC.GetGenesisHash(ctx)
	if err != nil {
		return solana.Hash{}, fmt.Errorf("ask %s for its genesis hash, to find the protocol's deployment there: %w", e.RPCURL, solanax.WrapRPCError("getGenesisHash", err))
	}
	genesisCache.Store(e.RPCURL, h)
	return h, nil
}

// FindDeployment is the deployment of env's cluster: --deployment (or $IONET_DEPLOYMENT) when
// given, checked to be this cluster's, else the one registered under the cluster's genesis hash
// (written by `ionet deploy`, `ionet deployment import` or `ionet localnet up`). None known is an
// ErrNoDeployment error that says how to get one.
func FindDeployment(ctx context.Context, env *Env) (*FoundDeployment, error) {
	hash, err := env.GenesisHash(ctx)
	if err != nil {
		return nil, err
	}
	path := env.given.Deployment
	if path == "" {
		path = os.Getenv(EnvDeployment)
	}
	if path != "" {
		d, err := ReadDeployment(path)
		if err != nil {
			return nil, err
		}
		if !d.GenesisHash.Equals(hash) {
			return nil, fmt.Errorf("deployment %s is for the cluster with genesis hash %s, but %s has %s", path, d.GenesisHash, env.RPCURL, hash)
		}
		return &FoundDeployment{Deployment: d, Path: path, GenesisHash: hash}, nil
	}
	d, path, found, err := LookupDeployment(hash)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%w for %s (genesis hash %s; looked for %s): import the operator's with `ionet deployment import FILE|URL`, pass --deployment FILE, or deploy it with `ionet deploy`",
			ErrNoDeployment, env.RPCURL, hash, path)
	}
	return &FoundDeployment{Deployment: d, Path: path, GenesisHash: hash}, nil
}
