package explorer

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	emgen "github.com/ionet-oss/ionet/client/emission/gen"
)

// maxBeats bounds the heartbeats kept in memory; past it the oldest epochs are dropped.
const maxBeats = 1_000_000

// Beat is a device's heartbeat in one epoch, and its claim once made.
type Beat struct {
	Weight      uint64 `json:"weight"`
	TotalWeight uint64 `json:"totalWeight"` // the epoch's, as the claim saw it (else after the heartbeat)
	Claimed     bool   `json:"claimed"`
	Share       uint64 `json:"share"`
}

// Liveness rebuilds every device's heartbeats and claims from the emission program's events:
// a device's liveness account and the pools keep only the last 72 epochs, so this is how
// the explorer shows every epoch since a device registered. It also notes the last crank.
// Safe for concurrent use.
type Liveness struct {
	feed *feed

	mu    sync.RWMutex
	beats map[solana.PublicKey]map[uint64]Beat
	count int
	crank Crank
}

// Crank is a crank transaction: when, and the epochs it minted.
type Crank struct {
	Time       time.Time `json:"time"`
	FirstEpoch uint64    `json:"firstEpoch"`
	LastEpoch  uint64    `json:"lastEpoch"`
	Signature  string    `json:"signature"`
}

// NewLiveness is an empty liveness history of chain's emission program.
func NewLiveness(chain *Chain, log *slog.Logger) *Liveness {
	return &Liveness{feed: newFeed(chain, chain.Emission.ProgramID, log), beats: map[solana.PublicKey]map[uint64]Beat{}}
}

// Refresh reads the emission transactions that landed since the last refresh.
func (l *Liveness) Refresh(ctx context.Context) error {
	return l.feed.pull(ctx, func(sigs []*rpc.TransactionSignature, txs []*rpc.GetTransactionResult) {
		l.mu.Lock()
		defer l.mu.Unlock()
		for i, tx := range txs {
			if tx == nil || tx.Meta == nil {
				continue
			}
			for _, ev := range emission.Events(tx.Meta.LogMessages, l.feed.program) {
				switch e := ev.(type) {
				case *emgen.EpochsMinted:
					l.crank = Crank{FirstEpoch: e.FirstEpoch, LastEpoch: e.LastEpoch, Signature: sigs[i].Signature.String()}
					if tx.BlockTime != nil {
						l.crank.Time = tx.BlockTime.Time().UTC()
					}
				case *emgen.HeartbeatRecorded:
					l.update(e.DeviceKey, e.Epoch, func(b *Beat) { b.Weight, b.TotalWeight = e.Weight, e.TotalWeight })
				case *emgen.SupplierRewardClaimed:
					l.update(e.DeviceKey, e.Epoch, func(b *Beat) {
						b.Weight, b.TotalWeight, b.Claimed, b.Share = e.Weight, e.TotalWeight, true, e.Amount
					})
				}
			}
		}
		l.trim()
	})
}

func (l *Liveness) update(device solana.PublicKey, epoch uint64, set func(*Beat)) {
	byEpoch, ok := l.beats[device]
	if !ok {
		byEpoch = map[uint64]Beat{}
		l.beats[device] = byEpoch
	}
	b, seen := byEpoch[epoch]
	set(&b)
	byEpoch[epoch] = b
	if !seen {
		l.count++
	}
}

// trim drops the oldest epochs until at most 90% of maxBeats remain.
func (l *Liveness) trim() {
	if l.count <= maxBeats {
		return
	}
	perEpoch := map[uint64]int{}
	for _, byEpoch := range l.beats {
		for e := range byEpoch {
			perEpoch[e]++
		}
	}
	epochs := make([]uint64, 0, len(perEpoch))
	for e := range perEpoch {
		epochs = append(epochs, e)
	}
	sort.Slice(epochs, func(i, k int) bool { return epochs[i] < epochs[k] })
	cut := uint64(0)
	for _, e := range epochs {
		if l.count <= maxBeats*9/10 {
			break
		}
		l.count -= perEpoch[e]
		cut = e
	}
	for _, byEpoch := range l.beats {
		for e := range byEpoch {
			if e <= cut {
				delete(byEpoch, e)
			}
		}
	}
}

// LastCrank is the newest crank seen (zero before any).
func (l *Liveness) LastCrank() Crank {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.crank
}

// Beat is device's heartbeat in epoch, if the history has one.
func (l *Liveness) Beat(device solana.PublicKey, epoch uint64) (Beat, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	b, ok := l.beats[device][epoch]
	return b, ok
}

// epochRows lists a device's epochs newest first, from current down to first (its
// registration epoch), skipping offset rows and returning at most limit: the epochs the
// program still keeps come from its rewards report (recent), older ones from the history.
func epochRows(rewards *emission.DeviceRewards, beat func(uint64) (Beat, bool), first, current uint64, offset, limit int) []EpochRow {
	recent := make(map[uint64]emission.EpochReward, len(rewards.Epochs))
	for _, e := range rewards.Epochs {
		recent[e.Epoch] = e
	}
	out := []EpochRow{}
	if current < first || offset < 0 || uint64(offset) > current-first {
		return out
	}
	for epoch := current - uint64(offset); epoch >= first && len(out) < limit; epoch-- {
		if e, ok := recent[epoch]; ok {
			var share *cli.Amount
			if e.Claimable || e.Claimed {
				a := cli.IO(e.Share)
				share = &a
			}
			out = append(out, EpochRow{Epoch: e.Epoch, Live: e.Live, Status: e.Status, Weight: e.Weight, TotalWeight: e.TotalWeight, Share: share, Claimed: e.Claimed})
		} else {
			out = append(out, olderEpoch(epoch, beat))
		}
		if epoch == 0 {
			break
		}
	}
	return out
}

// olderEpoch is an epoch the program no longer keeps, described from the history.
func olderEpoch(epoch uint64, beat func(uint64) (Beat, bool)) EpochRow {
	b, ok := beat(epoch)
	switch {
	case !ok:
		return EpochRow{Epoch: epoch, Status: "not live: no heartbeat recorded"}
	case b.Claimed:
		share := cli.IO(b.Share)
		return EpochRow{Epoch: epoch, Live: true, Status: "live; claimed", Weight: b.Weight, TotalWeight: b.TotalWeight, Share: &share, Claimed: true}
	default:
		return EpochRow{Epoch: epoch, Live: true, Status: "live; not claimed while claimable (the program keeps the last 72 minted epochs): forfeited",
			Weight: b.Weight, TotalWeight: b.TotalWeight}
	}
}
