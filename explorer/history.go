package explorer

import (
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// maxReceipts bounds the receipts kept in memory; the oldest closed ones are dropped first.
const maxReceipts = 200_000

// Step is one transaction in a job's life.
type Step struct {
	What      string    `json:"what"`
	Signature string    `json:"signature"`
	Slot      uint64    `json:"slot"`
	Time      time.Time `json:"time"`
}

// Receipt is a job rebuilt from its transactions' events: closed jobs no longer have an
// account, so this is all that is left of them on chain.
type Receipt struct {
	ID       uint64           `json:"id"`
	Buyer    solana.PublicKey `json:"buyer"`
	Mint     solana.PublicKey `json:"mint"`
	Escrowed uint64           `json:"escrowed"`
	// The terms, from the create_job instruction's data (HasTerms false if it was not found).
	HasTerms     bool     `json:"hasTerms"`
	PricePerHour uint64   `json:"pricePerHour"`
	MaxSeconds   uint64   `json:"maxDurationSeconds"`
	GpuClass     uint8    `json:"gpuClass"`
	GpuCount     uint64   `json:"gpuCount"`
	SpecHash     [32]byte `json:"-"`

	DeviceKey  solana.PublicKey `json:"deviceKey"`
	Attested   bool             `json:"attested"`
	ResultHash [32]byte         `json:"-"`
	StartedTs  int64            `json:"startedTs"`
	EndedTs    int64            `json:"endedTs"`
	Challenger solana.PublicKey `json:"challenger"`
	Bond       uint64           `json:"bond"`

	Closed   bool         `json:"closed"`
	Outcome  jobs.Outcome `json:"outcome"`
	Paid     uint64       `json:"paid"`
	Fee      uint64       `json:"fee"`
	Refunded uint64       `json:"refunded"`
	Slashed  uint64       `json:"slashed"`

	Timeline []Step `json:"timeline"`
}

var outcomeNames = []string{"settled", "cancelled", "expired", "fraud", "challenge rejected", "challenge lapsed", "audited"}

// OutcomeName names how a job closed.
func OutcomeName(o jobs.Outcome) string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("outcome %d", o)
}

// History rebuilds job receipts from the jobs program's transactions, incrementally: each
// refresh reads only the signatures newer than the last one it saw. Safe for concurrent use.
type History struct {
	feed *feed

	mu   sync.RWMutex
	byID map[uint64]*Receipt
}

// NewHistory is an empty history of chain's jobs program.
func NewHistory(chain *Chain, log *slog.Logger) *History {
	return &History{feed: newFeed(chain, chain.Jobs.ProgramID, log), byID: map[uint64]*Receipt{}}
}

// Refresh reads the transactions that landed since the last refresh (at most once a second;
// concurrent callers wait for the one running).
func (h *History) Refresh(ctx context.Context) error {
	return h.feed.pull(ctx, func(sigs []*rpc.TransactionSignature, txs []*rpc.GetTransactionResult) {
		h.mu.Lock()
		defer h.mu.Unlock()
		for i := range sigs {
			if txs[i] != nil {
				h.apply(sigs[i], txs[i])
			}
		}
		h.trim()
	})
}

// apply folds one transaction's jobs events into the receipts.
func (h *History) apply(sig *rpc.TransactionSignature, tx *rpc.GetTransactionResult) {
	if tx.Meta == nil {
		return
	}
	step := Step{Signature: sig.Signature.String(), Slot: tx.Slot}
	if tx.BlockTime != nil {
		step.Time = tx.BlockTime.Time().UTC()
	}
	for _, ev := range jobs.Events(tx.Meta.LogMessages, h.feed.program) {
		switch e := ev.(type) {
		case *gen.JobCreated:
			r := h.receipt(e.JobId)
			r.Buyer, r.Mint, r.Escrowed = e.Buyer, e.Mint, e.Escrowed
			h.terms(r, tx)
			step.What = "created"
			r.Timeline = append(r.Timeline, step)
		case *gen.JobClaimed:
			r := h.receipt(e.JobId)
			r.DeviceKey = e.DeviceKey
			step.What = "claimed by " + e.DeviceKey.String()
			r.Timeline = append(r.Timeline, step)
		case *gen.JobAttested:
			r := h.receipt(e.JobId)
			r.Attested, r.ResultHash, r.StartedTs, r.EndedTs = true, e.ResultHash, e.StartedTs, e.EndedTs
			step.What = "attested"
			r.Timeline = append(r.Timeline, step)
		case *gen.JobChallenged:
			r := h.receipt(e.JobId)
			r.Challenger, r.Bond = e.Challenger, e.Bond
			step.What = "challenged by " + e.Challenger.String()
			r.Timeline = append(r.Timeline, step)
		case *gen.JobClosed:
			r := h.receipt(e.JobId)
			r.Closed, r.Outcome = true, jobs.Outcome(e.Outcome)
			r.Paid, r.Fee, r.Refunded, r.Slashed = e.Paid, e.Fee, e.Refunded, e.Slashed
			step.What = "closed: " + OutcomeName(r.Outcome)
			r.Timeline = append(r.Timeline, step)
		}
	}
}

func (h *History) receipt(id uint64) *Receipt {
	r, ok := h.byID[id]
	if !ok {
		r = &Receipt{ID: id}
		h.byID[id] = r
	}
	return r
}

// createJobDataLen is create_job's data: discriminator, id, spec hash, class, count, price,
// duration, audit exemption, job and escrow bumps.
const createJobDataLen = 8 + 8 + 32 + 1 + 8 + 8 + 8 + 1 + 2

// terms reads r's terms from the create_job instruction of tx.
func (h *History) terms(r *Receipt, res *rpc.GetTransactionResult) {
	if res.Transaction == nil {
		return
	}
	tx, err := res.Transaction.GetTransaction()
	if err != nil {
		h.feed.log.Debug("job history: undecodable transaction", "err", err)
		return
	}
	keys := tx.Message.AccountKeys
	for _, ix := range tx.Message.Instructions {
		if int(ix.ProgramIDIndex) >= len(keys) || !keys[ix.ProgramIDIndex].Equals(h.feed.program) {
			continue
		}
		d := []byte(ix.Data)
		if len(d) != createJobDataLen || [8]byte(d[:8]) != gen.Instruction_CreateJob || binary.LittleEndian.Uint64(d[8:16]) != r.ID {
			continue
		}
		r.HasTerms = true
		r.SpecHash = [32]byte(d[16:48])
		r.GpuClass = d[48]
		r.GpuCount = binary.LittleEndian.Uint64(d[49:57])
		r.PricePerHour = binary.LittleEndian.Uint64(d[57:65])
		r.MaxSeconds = binary.LittleEndian.Uint64(d[65:73])
		return
	}
}

// trim drops the oldest closed receipts beyond maxReceipts.
func (h *History) trim() {
	if len(h.byID) <= maxReceipts {
		return
	}
	ids := make([]uint64, 0, len(h.byID))
	for id, r := range h.byID {
		if r.Closed {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, k int) bool { return ids[i] < ids[k] })
	for _, id := range ids[:min(len(ids), len(h.byID)-maxReceipts)] {
		delete(h.byID, id)
	}
}

// Receipts are copies of the receipts matching keep (nil keeps all), newest job first.
func (h *History) Receipts(keep func(*Receipt) bool) []Receipt {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := make([]Receipt, 0, len(h.byID))
	for _, r := range h.byID {
		if keep == nil || keep(r) {
			c := *r
			c.Timeline = append([]Step(nil), r.Timeline...)
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].ID > out[k].ID })
	return out
}

// Receipt is a copy of job id's receipt.
func (h *History) Receipt(id uint64) (Receipt, bool) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	r, ok := h.byID[id]
	if !ok {
		return Receipt{}, false
	}
	c := *r
	c.Timeline = append([]Step(nil), r.Timeline...)
	return c, true
}
