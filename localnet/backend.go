package localnet

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go/rpc"
)

// portAttempts bounds the retries when freshly picked free ports were taken before the bind.
const portAttempts = 3

// serverSpec is what a backend needs to start.
type serverSpec struct {
	opts     Options
	bin      string // the server executable: node or solana-test-validator
	script   string // the Node server's entry point (LiteSVM only)
	ledger   string // "" keeps the chain in memory (LiteSVM only)
	port     int
	programs []program
	keys     *genesisKeys
}

// started is a running server and where it serves.
type started struct {
	proc   *process
	rpcURL string
	wsURL  string
}

// errPortTaken marks a start that failed because the chosen ports were in use.
var errPortTaken = errors.New("port already in use")

// checkBackend finds the chosen server's executable (and script), or says what is missing.
func checkBackend(o Options, dir string) (bin, script string, err error) {
	if o.Backend == BackendValidator {
		bin, err = checkValidator(o)
		return bin, "", err
	}
	return checkLiteSVMDeps(dir)
}

// startBackend starts the chosen server, picking new free ports when Port is 0 and the picked
// ones were taken meanwhile.
func startBackend(ctx context.Context, spec serverSpec) (*started, error) {
	start := startLiteSVM
	if spec.opts.Backend == BackendValidator {
		start = startValidator
	}
	for attempt := 1; ; attempt++ {
		spec.port = spec.opts.Port
		if spec.port == 0 {
			port, err := FreePortPair()
			if err != nil {
				return nil, err
			}
			spec.port = port
		}
		st, err := start(ctx, spec)
		if err == nil || !errors.Is(err, errPortTaken) || spec.opts.Port != 0 || attempt == portAttempts {
			return st, err
		}
		spec.opts.Logger.Debug("picked ports were taken, retrying", "port", spec.port)
	}
}

// waitHealthy polls getHealth until it answers "ok", the server exits, or limit passes.
func waitHealthy(ctx context.Context, st *started, limit time.Duration) error {
	client := rpc.New(st.rpcURL)
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		health, err := client.GetHealth(ctx)
		if err == nil && health == rpc.HealthOk {
			return nil
		}
		last = err
		if err == nil {
			last = fmt.Errorf("getHealth answered %q", health)
		}
		select {
		case <-st.proc.done:
			return fmt.Errorf("localnet: server exited before it was healthy: %s", st.proc.describeExit())
		case <-ctx.Done():
			return fmt.Errorf("localnet: server at %s not healthy after %v (last: %v): %w", st.rpcURL, limit, last, ctx.Err())
		case <-tick.C:
		}
	}
}
