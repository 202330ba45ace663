package capacity

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
)

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

// Prepared is a computed answer to one challenge, kept so that a failed send is retried
// without computing C again.
type Prepared struct {
	RequestSlot uint64
	Seed        [32]byte
	Answer      *pow.Answer
	Compute     time.Duration
}

// Prepare computes the answer to device's challenge rec (requested): derives the seed from the
// request slot's hash and computes C with solver. tamper, when not nil, changes C first (tests of
// a cheating device).
func (c *Client) Prepare(ctx context.Context, device solana.PublicKey, rec *gen.DeviceCapacity, solver pow.Solver, tamper func([]uint64)) (*Prepared, error) {
	slotHash, err := c.WaitSlotHash(ctx, rec.RequestSlot)
	if err != nil {
		return nil, err
	}
	seed := pow.Seed(slotHash, device, rec.RequestSlot)
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
	return &Prepared{RequestSlot: rec.RequestSlot, Seed: seed, Answer: ans, Compute: time.Since(start)}, nil
}

// Submit sends a prepared answer, payer paying the fees: the commit while the challenge waits
// for it, then the proof of the k spot-checked entries once the commit slot's hash exists. It
// resumes where the chain is (a commit that landed is not sent again).
func (c *Client) Submit(ctx context.Context, payer, device solana.PrivateKey, p *Prepared) (*Outcome, error) {
	key := device.PublicKey()
	out := &Outcome{RequestSlot: p.RequestSlot, N: p.Answer.N, Compute: p.Compute, Root: p.Answer.Root()}
	rec, err := c.FetchRecord(ctx, key)
	if err != nil {
		return out, err
	}
	if rec.RequestSlot != p.RequestSlot || (rec.Status != StatusRequested && rec.Status != StatusCommitted) {
		return out, fmt.Errorf("device %s: the challenge of slot %d is no longer open (now %s)", key, p.RequestSlot, Describe(rec))
	}
	if rec.Status == StatusRequested {
		if _, err := c.Commit(ctx, payer, device, p.Answer.Root()); err != nil {
			return out, err
		}
		if rec, err = c.FetchRecord(ctx, key); err != nil {
			return out, err
		}
	}
	if rec.Seed != p.Seed {
		return out, fmt.Errorf("device %s: the program's seed differs from the one derived here (request slot %d)", key, p.RequestSlot)
	}
	checkHash, err := c.WaitSlotHash(ctx, rec.CommitSlot)
	if err != nil {
		return out, err
	}
	if _, err := c.Prove(ctx, payer, device, p.Answer.Open(checkHash, p.Seed, 0, uint8(rec.K))); err != nil {
		return out, err
	}
	after, err := c.FetchRecord(ctx, key)
	if err != nil {
		return out, err
	}
	out.Status = after.Status
	return out, nil
}

// Answer answers device's open challenge (Prepare, then Submit), payer paying the fees.
func (c *Client) Answer(ctx context.Context, payer, device solana.PrivateKey, solver pow.Solver, tamper func([]uint64)) (*Outcome, error) {
	key := device.PublicKey()
	rec, err := c.FetchRecord(ctx, key)
	if err != nil {
		return nil, err
	}
	if rec.Status != StatusRequested {
		return nil, fmt.Errorf("device %s has no challenge waiting for a commit (status %s)", key, StatusName(rec.Status))
	}
	p, err := c.Prepare(ctx, key, rec, solver, tamper)
	if err != nil {
		return nil, err
	}
	return c.Submit(ctx, payer, device, p)
}

// Describe is a one-line summary of a record for logs and the CLI.
func Describe(r *gen.DeviceCapacity) string {
	return fmt.Sprintf("%s (n=%d k=%d, request slot %d): %d challenges, %d passed, %d missed, %d faults",
		StatusName(r.Status), r.N, r.K, r.RequestSlot, r.Challenges, r.Passes, r.Misses, r.Faults)
}
