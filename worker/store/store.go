// Package store keeps the worker's job records in one JSON file, replaced atomically (write,
// fsync, rename, fsync the directory) on every change, and locked (flock) so that two workers
// never share one. A phase is written before the effect it leads to, so after a crash the
// worker knows what it may have done and checks the chain before doing it again.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"golang.org/x/sys/unix"
)

// Phase is how far the worker got with a job.
type Phase string

const (
	Claiming  Phase = "claiming"  // a claim may have been sent
	Claimed   Phase = "claimed"   // this device holds the job; the run has not finished
	Ran       Phase = "ran"       // the run ended (Failed: as a failure); the attestation may have been sent
	Attested  Phase = "attested"  // the attestation is on-chain; waiting for settlement
	Settled   Phase = "settled"   // paid (final)
	GaveUp    Phase = "gave_up"   // held but not attested: it will expire (final)
	Lost      Phase = "lost"      // another device claimed it first, or the claim was refused (final)
	Cancelled Phase = "cancelled" // closed before this device did anything with it (final)
)

// Final reports whether nothing more happens to a job in phase p.
func (p Phase) Final() bool { return p == Settled || p == GaveUp || p == Lost || p == Cancelled }

// Record is what the worker knows about one job.
type Record struct {
	ID            uint64   `json:"id"`
	Phase         Phase    `json:"phase"`
	Mint          string   `json:"mint"`
	PricePerHour  uint64   `json:"pricePerHour"`
	MaxSeconds    uint64   `json:"maxSeconds"`
	GPUs          uint64   `json:"gpus,omitempty"` // GPUs the job asked for
	ClaimedTs     int64    `json:"claimedTs,omitempty"`
	StartedTs     int64    `json:"startedTs,omitempty"`
	EndedTs       int64    `json:"endedTs,omitempty"`
	ResultHash    [32]byte `json:"resultHash"`
	MetricsDigest [32]byte `json:"metricsDigest"`
	Paid          uint64   `json:"paid,omitempty"`
	// Failed marks a run attested as failed (Reason says why): the buyer was refunded.
	Failed bool   `json:"failed,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Store is the open state file. Safe for concurrent use.
type Store struct {
	path string
	lock *os.File
	mu   sync.Mutex
	jobs map[uint64]Record
}

// Open opens (or creates) dir/state.json, holding dir/state.lock until Close.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open worker state: %w", err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, "state.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open worker state: %w", err)
	}
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		lock.Close()
		return nil, fmt.Errorf("worker state in %s is in use by another worker (%w): give each worker its own work directory", dir, err)
	}
	s := &Store{path: filepath.Join(dir, "state.json"), lock: lock, jobs: map[uint64]Record{}}
	data, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		s.Close()
		return nil, fmt.Errorf("read worker state: %w", err)
	default:
		var recs []Record
		if err := json.Unmarshal(data, &recs); err != nil {
			s.Close()
			return nil, fmt.Errorf("worker state %s is corrupt (%w): move it aside to start afresh", s.path, err)
		}
		for _, r := range recs {
			s.jobs[r.ID] = r
		}
	}
	return s, nil
}

// Close releases the lock.
func (s *Store) Close() error { return s.lock.Close() }

// Get returns job id's record.
func (s *Store) Get(id uint64) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.jobs[id]
	return r, ok
}

// Put saves r, replacing the file before it returns.
func (s *Store) Put(r Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev, had := s.jobs[r.ID]
	s.jobs[r.ID] = r
	if err := s.save(); err != nil {
		if had {
			s.jobs[r.ID] = prev
		} else {
			delete(s.jobs, r.ID)
		}
		return err
	}
	return nil
}

// Open lists the records not in a final phase, by id.
func (s *Store) Open() []Record {
	return s.list(func(r Record) bool { return !r.Phase.Final() })
}

// All lists every record, by id.
func (s *Store) All() []Record { return s.list(func(Record) bool { return true }) }

func (s *Store) list(keep func(Record) bool) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Record
	for _, r := range s.jobs {
		if keep(r) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].ID < out[k].ID })
	return out
}

func (s *Store) save() error {
	recs := make([]Record, 0, len(s.jobs))
	for _, r := range s.jobs {
		recs = append(recs, r)
	}
	sort.Slice(recs, func(i, k int) bool { return recs[i].ID < recs[k].ID })
	data, err := json.MarshalIndent(recs, "", "  ")
	if err != nil {
		return fmt.Errorf("save worker state: %w", err)
	}
	tmp := s.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("save worker state: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("save worker state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save worker state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save worker state: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("save worker state: %w", err)
	}
	dir, err := os.Open(filepath.Dir(s.path))
	if err != nil {
		return fmt.Errorf("save worker state: %w", err)
	}
	defer dir.Close()
	return dir.Sync()
}
