package capacity

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
)

// proveAttempts is how many times Answer sends the proof when the send itself fails.
const proveAttempts = 3

// slotPoll is how often a wait for a slot hash reads SlotHashes.
const slotPoll = 100 * time.Millisecond

// WaitSlotHash waits until the hash of slot is in SlotHashes.
func (c *Client) WaitSlotHash(ctx context.Context, slot uint64) ([32]byte, error) {
	for {
		hash, ok, err := c.SlotHash(ctx, slot)
		if err != nil || ok {
			return hash, err
		}
		select {
		case <-ctx.Done():
			return hash, fmt.Errorf("wait for the hash of slot %d: %w", slot, ctx.Err())
		case <-time.After(slotPoll):
		}
	}
}

// Outcome is what answering a challenge did.
type Outcome struct {
	RequestSlot uint64
	N           uint64
	// Compute is the time the solver took for C (the Merkle tree included).
	Compute time.Duration
	Root    [32]byte
	// Status after the prove: StatusPassed, or StatusFault when the answer was wrong.
	Status uint8
}

// Answer answers device's open challenge, payer paying the fees: derives the seed from the request slot's hash,
// computes C with solver, commits its root, waits for the commit slot's hash and proves the k
// spot-checked entries. tamper, when not nil, changes C before the commit (tests of a cheating
// device).
func (c *Client) Answer(ctx context.Context, payer, device solana.PrivateKey, solver pow.Solver, tamper func([]uint64)) (*Outcome, error) {
	key := device.PublicKey()
	rec, err := c.FetchRecord(ctx, key)
	if err != nil {
		return nil, err
	}
	if rec.Status != StatusRequested {
		return nil, fmt.Errorf("device %s has no challenge waiting for a commit (status %s)", key, StatusName(rec.Status))
	}
	slotHash, err := c.WaitSlotHash(ctx, rec.RequestSlot)
	if err != nil {
		return nil, err
	}
	seed := pow.Seed(slotHash, key, rec.RequestSlot)
	start := time.Now()
	values, err := solver.Solve(ctx, seed, rec.N)
	if err != nil {
		return nil, err
	}
	if tamper != nil {
		tamper(values)
	}
	ans, err := pow.NewAnswer(values, rec.N)
	if err != nil {
		return nil, err
	}
	out := &Outcome{RequestSlot: rec.RequestSlot, N: rec.N, Compute: time.Since(start), Root: ans.Root()}
	if _, err := c.Commit(ctx, payer, device, ans.Root()); err != nil {
		return out, err
	}
	committed, err := c.FetchRecord(ctx, key)
	if err != nil {
		return out, err
	}
	if committed.Seed != seed {
		return out, fmt.Errorf("device %s: the program's seed differs from the one derived here (request slot %d)", key, rec.RequestSlot)
	}
	checkHash, err := c.WaitSlotHash(ctx, committed.CommitSlot)
	if err != nil {
		return out, err
	}
	// A failed send is retried (the deadline allows dozens of slots); a program error is final.
	openings := ans.Open(checkHash, seed, 0, uint8(rec.K))
	for attempt := 1; ; attempt++ {
		_, err := c.Prove(ctx, payer, device, openings)
		if err == nil {
			break
		}
		if ErrorName(err) != "" || attempt == proveAttempts || ctx.Err() != nil {
			return out, err
		}
	}
	after, err := c.FetchRecord(ctx, key)
	if err != nil {
		return out, err
	}
	out.Status = after.Status
	return out, nil
}

// Describe is a one-line summary of a record for logs and the CLI.
func Describe(r *gen.DeviceCapacity) string {
	return fmt.Sprintf("%s (n=%d k=%d, request slot %d): %d challenges, %d passed, %d missed, %d faults",
		StatusName(r.Status), r.N, r.K, r.RequestSlot, r.Challenges, r.Passes, r.Misses, r.Faults)
}
