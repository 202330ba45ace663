package localnet

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"time"
)

// validatorBinary is the real Solana test validator, used when chosen and installed.
const validatorBinary = "solana-test-validator"

// validatorStartTimeout is generous: a fresh validator builds its genesis and snapshot first.
const validatorStartTimeout = 3 * time.Minute

// checkValidator rejects what solana-test-validator cannot do and says what to use instead.
func checkValidator(o Options) (string, error) {
	if o.Features != FeaturesAll {
		return "", fmt.Errorf("localnet: %s always activates every feature: use Features %q with it, or the LiteSVM backend for %q", validatorBinary, FeaturesAll, o.Features)
	}
	if o.SlotDuration != DefaultSlotDuration {
		return "", fmt.Errorf("localnet: %s has no slot duration setting: leave SlotDuration at %v, or use the LiteSVM backend", validatorBinary, DefaultSlotDuration)
	}
	path, err := exec.LookPath(validatorBinary)
	if err != nil {
		return "", fmt.Errorf("localnet: %s not found on PATH: install the Solana CLI, or use the LiteSVM backend (unset $%s)", validatorBinary, EnvBackend)
	}
	return path, nil
}

func validatorArgs(s serverSpec, faucetPort int) []string {
	args := []string{
		"--ledger", s.ledger,
		"--rpc-port", strconv.Itoa(s.port),
		"--faucet-port", strconv.Itoa(faucetPort),
		"--bind-address", "127.0.0.1",
		"--quiet",
	}
	if s.opts.Reset {
		args = append(args, "--reset")
	}
	for _, p := range s.programs {
		args = append(args, "--upgradeable-program", p.Key.Public().String(), p.SO, s.keys.UpgradeAuthority.Public().String())
	}
	return args
}

// startValidator runs solana-test-validator and waits until getHealth answers ok.
func startValidator(ctx context.Context, s serverSpec) (*started, error) {
	faucetPort, err := freePort()
	if err != nil {
		return nil, err
	}
	proc, err := startProcess(s.opts.Logger, nil, s.bin, validatorArgs(s, faucetPort)...)
	if err != nil {
		return nil, err
	}
	st := &started{
		proc:   proc,
		rpcURL: "http://127.0.0.1:" + strconv.Itoa(s.port),
		wsURL:  "ws://127.0.0.1:" + strconv.Itoa(s.port+1),
	}
	if err := waitHealthy(ctx, st, validatorStartTimeout); err != nil {
		_ = proc.stop(10 * time.Second)
		return nil, err
	}
	return st, nil
}
