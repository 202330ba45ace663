package worker

import (
	"context"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
)

// Liveness is what the worker needs of the emission program's liveness rewards
// (*emission.Client provides it): one heartbeat per epoch, and claims of past epochs.
type Liveness interface {
	CurrentEpoch(ctx context.Context) (uint64, error)
	Heartbeat(ctx context.Context, device, payer solana.PrivateKey) (*emission.HeartbeatResult, error)
	ClaimAll(ctx context.Context, owner solana.PrivateKey) ([]*emission.Claim, error)
}

// heartbeat records the device live once per epoch, as soon as the worker sees the epoch
// begin (a failure is retried on the next pass), and claims the rewards of minted epochs
// every ClaimEvery.
func (w *Worker) heartbeat(ctx context.Context) {
	lv := w.opt.Liveness
	if lv == nil {
		return
	}
	epoch, err := lv.CurrentEpoch(ctx)
	if err != nil {
		w.rpcFailed("epoch", err)
		return
	}
	if epoch != w.liveEpoch {
		res, err := lv.Heartbeat(ctx, w.opt.Device, w.opt.Owner)
		switch {
		case err == nil:
			w.liveEpoch = epoch
			w.opt.Metrics.Heartbeats.WithLabelValues("ok").Inc()
			w.opt.Log.Info("heartbeat recorded", "epoch", res.Recorded.Epoch, "weight", res.Recorded.Weight, "totalWeight", res.Recorded.TotalWeight)
			w.lastClaim = time.Time{} // the previous epoch may be claimable now
		case emission.ErrorName(err) == emissiongen.Error_AlreadyLive:
			w.liveEpoch = epoch
		default:
			w.opt.Metrics.Heartbeats.WithLabelValues("failed").Inc()
			w.opt.Log.Warn("heartbeat failed; retrying on the next pass", "epoch", epoch, "err", err)
		}
	}
	if time.Since(w.lastClaim) < w.opt.ClaimEvery {
		return
	}
	claims, err := lv.ClaimAll(ctx, w.opt.Owner)
	for _, c := range claims {
		w.opt.Metrics.Earnings.WithLabelValues("liveness", "IO").Add(float64(c.Amount))
		w.opt.Log.Info("liveness reward claimed", "device", c.DeviceKey, "epoch", c.Epoch, "amount", c.Amount)
	}
	if err != nil {
		w.rpcFailed("claim", err)
		return
	}
	w.lastClaim = time.Now()
}
