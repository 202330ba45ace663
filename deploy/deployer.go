// Package deploy deploys the protocol to any Solana cluster as its operator: the five programs
// through the BPF Loader Upgradeable (a buffer written in chunks with retries, kept between runs
// so an interrupted deploy resumes without paying twice, then deployed or upgraded with room to
// grow), the IO mint, and each program's initialisation signed by the upgrade authority, with
// the parameters of a deploy.yaml. Every step reads the chain first and does nothing when its
// result is already there: a second run changes nothing and says so.
package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ProgramNames are the protocol's programs, in the order they are deployed and initialised.
var ProgramNames = []string{"staking", "jobs", "emission", "capacity", "governance"}

// Deployer sends the deploy's transactions; its Authority pays for everything and is the
// programs' upgrade authority.
type Deployer struct {
	Client    *solanax.Client
	Authority solana.PrivateKey
	// MintAuthority is the IO mint's authority, which hands minting to emission at its
	// initialisation (and of the mints the deploy creates); nil: the Authority.
	MintAuthority solana.PrivateKey
	// Operator is the operator's key when it is not Authority (a localnet's distribution
	// wallet): it signs the set-up steps that take the programs' authority (linking capacity
	// into emission). nil: those steps are left to the operator when Authority is not it.
	Operator solana.PrivateKey
	// StateDir keeps what a run must find again after an interruption: each program's buffer
	// keypair (removed once deployed) and the keypairs of the mints the deploy creates.
	StateDir string
	// Concurrency is how many buffer chunks are in flight at once (default 8).
	Concurrency int
	// Retries is how many times a chunk is sent again after a failure other than the loader's
	// answer (default 5).
	Retries int
	// GrowthFactor is a first deploy's ProgramData capacity as a multiple of the ELF (default 2).
	GrowthFactor int
	// PriorityFee is the compute-unit price in micro-lamports of the deploy's own transactions
	// (buffers, chunks, deploys; not the initialisations); 0 pays the base fee only. Chunk
	// writes then ask for writeComputeUnits, so each pays at most PriorityFee x that.
	PriorityFee uint64
	// Progress receives every step and chunk; nil drops them.
	Progress func(Event)
	// Log receives retries and debug detail; nil discards it.
	Log *slog.Logger
}

// Event is one line of progress.
type Event struct {
	Step    string `json:"step"` // program, buffer, chunk, mint, init, handOver, deployment
	Program string `json:"program,omitempty"`
	Message string `json:"message,omitempty"`
	Done    int    `json:"done,omitempty"` // chunks written so far (Step chunk)
	Total   int    `json:"total,omitempty"`
}

func (d *Deployer) emit(e Event) {
	if d.Progress != nil {
		d.Progress(e)
	}
}

func (d *Deployer) authority() solana.PublicKey { return d.Authority.PublicKey() }

func (d *Deployer) mintAuthority() solana.PrivateKey {
	if d.MintAuthority == nil {
		return d.Authority
	}
	return d.MintAuthority
}

func (d *Deployer) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// send sends ixs paid and signed by the authority.
func (d *Deployer) send(ctx context.Context, what string, ixs []solana.Instruction, opts ...solanax.TxOption) (*solanax.Result, error) {
	if d.PriorityFee > 0 {
		opts = append(opts, solanax.WithComputeUnitPrice(d.PriorityFee))
	}
	res, err := d.Client.Send(ctx, d.Authority, ixs, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return res, nil
}

// CodeHash is the hex sha256 of code with its trailing zeros trimmed: the same for an ELF and for
// the ProgramData that holds it.
func CodeHash(code []byte) string {
	sum := sha256.Sum256(Trimmed(code))
	return hex.EncodeToString(sum[:])
}

// writeKeypair keeps a keypair the deploy made (Solana CLI format, owner-only).
func writeKeypair(path string, key solana.PrivateKey) error {
	return cli.WriteKeypair(path, key, false)
}
