package workercli

import (
	"context"
	"log/slog"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/cli"
	workercap "github.com/ionet-oss/ionet/worker/capacity"
)

// startCapacity starts the proof-of-capacity prover beside the worker, on its own goroutine:
// it answers the device's challenges whatever the worker is running. Where the capacity program
// is not initialised it logs why and starts nothing.
// The owner pays the fees: a device key need hold no SOL.
func startCapacity(ctx context.Context, programs *cli.Programs, owner, device solana.PrivateKey, log *slog.Logger) {
	cp, err := programs.Capacity()
	if err == nil {
		_, err = cp.FetchConfig(ctx)
	}
	if err != nil {
		log.Warn("no capacity challenges answered: the capacity program cannot be read", "err", err)
		return
	}
	go (&workercap.Prover{Client: cp, Device: device, Payer: owner, Log: log}).Run(ctx)
}
