package localnet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
)

// stopGrace is how long Stop lets the server save its ledger before killing it.
const stopGrace = 20 * time.Second

// Chain is a running local chain with its genesis in place.
type Chain struct {
	RPCURL       string
	WSURL        string
	Manifest     *Manifest
	ManifestPath string
	// LedgerDir holds the manifest (and the chain, unless temporary); removed by Stop when
	// Options.LedgerDir was empty.
	LedgerDir string
	Backend   Backend
	// Programs are the built programs and their program keypair files: deployed at genesis,
	// or left to the caller with Options.SkipPrograms.
	Programs []ProgramFile
	// Client sends and confirms transactions on the chain (the shared client/solanax layer).
	Client *solanax.Client
	// RPC is Client's JSON-RPC client, for reads.
	RPC *rpc.Client

	proc      *process
	lock      *ledgerLock // held until Stop on a kept ledger
	temporary bool
	stopOnce  sync.Once
	stopErr   error
}

// Start starts a chain as opts say, sets up its genesis (or re-uses the one in an existing
// ledger), writes the manifest and returns once the chain serves. ctx bounds the start-up only;
// the chain runs until Stop, or until this process dies (the server never outlives it).
func Start(ctx context.Context, opts Options) (*Chain, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if o.Backend == BackendLiteSVM {
		if _, err := findNode(); err != nil {
			return nil, err
		}
	}
	dir, err := resolveDir(ctx, o)
	if err != nil {
		return nil, err
	}
	bin, script, err := checkBackend(o, dir)
	if err != nil {
		return nil, err
	}
	keys, err := loadGenesisKeys(filepath.Join(dir, "keys"))
	if err != nil {
		return nil, err
	}
	programs, missingKey, err := findPrograms(dir)
	if err != nil {
		return nil, err
	}
	if o.Bare {
		programs, missingKey = nil, nil
	}
	for _, name := range missingKey {
		o.Logger.Warn("program has no keypair and is not deployed", "program", name,
			"fix", "go run ./localnet/keys/gen.go "+name+"-program")
	}

	c := &Chain{Backend: o.Backend, LedgerDir: o.LedgerDir}
	if c.LedgerDir == "" {
		if c.LedgerDir, err = os.MkdirTemp("", "ionet-localnet-"); err != nil {
			return nil, fmt.Errorf("localnet: temporary ledger: %w", err)
		}
		c.temporary = true
	} else {
		if err := os.MkdirAll(c.LedgerDir, 0o755); err != nil {
			return nil, fmt.Errorf("localnet: ledger directory: %w", err)
		}
		// Before anything reads or writes the ledger: a second chain on it is refused untouched.
		if c.lock, err = lockLedger(c.LedgerDir); err != nil {
			return nil, err
		}
	}
	for _, p := range programs {
		c.Programs = append(c.Programs, ProgramFile{Name: p.Name, SO: p.SO, Keypair: p.Key.Path})
	}
	spec := serverSpec{opts: o, bin: bin, script: script, ledger: c.LedgerDir, programs: programs, keys: keys}
	if o.SkipPrograms {
		spec.programs = nil
	}
	if c.temporary && o.Backend == BackendLiteSVM {
		spec.ledger = "" // nothing to keep: the server need not save
	}

	begin := time.Now()
	st, err := startBackend(ctx, spec)
	if err != nil {
		c.removeTemporary()
		c.lock.release()
		return nil, err
	}
	c.proc, c.RPCURL, c.WSURL = st.proc, st.rpcURL, st.wsURL
	c.Client = solanax.New(c.RPCURL, c.WSURL, solanax.WithLogger(o.Logger))
	c.RPC = c.Client.RPC
	o.Logger.Info("localnet serving", "backend", o.Backend, "rpc", c.RPCURL, "ws", c.WSURL,
		"programs", len(programs), "took", time.Since(begin).Round(time.Millisecond))

	if err := c.setUp(ctx, keys, programs, o); err != nil {
		return nil, errors.Join(err, c.Stop())
	}
	return c, nil
}

// setUp runs the genesis and writes the manifest.
func (c *Chain) setUp(ctx context.Context, keys *genesisKeys, programs []program, o Options) error {
	m := &Manifest{Cluster: ClusterName, Backend: o.Backend, Programs: map[string]solana.PublicKey{}}
	if !o.Bare {
		m = newManifest(o.Backend, keys, programs)
	}
	m.RPC, m.WS = c.RPCURL, c.WSURL
	if !o.Bare {
		if err := runGenesis(ctx, c.Client, keys, m, o.Logger, o.SkipPrograms); err != nil {
			return err
		}
	}
	hash, err := c.RPC.GetGenesisHash(ctx)
	if err != nil {
		return fmt.Errorf("localnet: get genesis hash: %w", err)
	}
	m.GenesisHash = hash
	c.Manifest, c.ManifestPath = m, ManifestPath(c.LedgerDir)
	return m.write(c.ManifestPath)
}

// PID is the server's process id.
func (c *Chain) PID() int { return c.proc.pid() }

// Done is closed when the server process has exited: after Stop, or when it crashed.
func (c *Chain) Done() <-chan struct{} { return c.proc.done }

// Stop stops the server (letting it save its ledger), kills anything left in its process group,
// removes a temporary ledger and releases a kept one's lock. It is safe to call more than once.
func (c *Chain) Stop() error {
	c.stopOnce.Do(func() {
		c.stopErr = c.proc.stop(stopGrace)
		c.removeTemporary()
		c.lock.release()
	})
	return c.stopErr
}

func (c *Chain) removeTemporary() {
	if c.temporary {
		_ = os.RemoveAll(c.LedgerDir)
	}
}

// FundWallets gives each named wallet that has no IO token account yet WalletFunding, from the
// distribution wallet: what the genesis does, left to the caller with Options.SkipPrograms once
// it has created the IO mint (with the launch supply to the distribution wallet).
func (c *Chain) FundWallets(ctx context.Context) error {
	return fundWallets(ctx, c.Client, c.Manifest, slog.New(slog.DiscardHandler))
}

// Fund sends f from the distribution wallet to the wallet to.
func (c *Chain) Fund(ctx context.Context, to solana.PublicKey, f Funding) (solana.Signature, error) {
	return fund(ctx, c.Client, c.Manifest, to, f)
}

// Airdrop tops wallet up to lamports from the chain's faucet (requestAirdrop), as on a bare chain,
// devnet or a solana-test-validator; it waits until the balance shows.
func (c *Chain) Airdrop(ctx context.Context, wallet solana.PublicKey, lamports uint64) error {
	return ensureLamports(ctx, c.RPC, wallet, lamports)
}

// NewWallet creates a fresh keypair and funds it with f.
func (c *Chain) NewWallet(ctx context.Context, f Funding) (solana.PrivateKey, error) {
	key, err := solana.NewRandomPrivateKey()
	if err != nil {
		return nil, fmt.Errorf("localnet: new wallet key: %w", err)
	}
	if _, err := c.Fund(ctx, key.PublicKey(), f); err != nil {
		return nil, err
	}
	return key, nil
}
