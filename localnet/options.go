package localnet

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"
)

// Backend names the program that serves the chain.
type Backend string

const (
	// BackendLiteSVM is the embedded Node JSON-RPC server over LiteSVM (localnet/server).
	BackendLiteSVM Backend = "litesvm"
	// BackendValidator is a real solana-test-validator found on PATH.
	BackendValidator Backend = "validator"
)

// Feature sets the chain can run with.
const (
	FeaturesAll = "all" // every feature active, like a fresh solana-test-validator
	// LiteSVM's default feature set plus the features of every public cluster that the SBPF v0
	// build needs (curve25519_syscall_enabled; localnet/server/svm.mjs PUBLIC_CLUSTER_FEATURES):
	// a public cluster without SBPF v3.
	FeaturesDefault = "default"
)

// Environment variables read when the matching option is empty.
const (
	EnvBackend = "IONET_LOCALNET_BACKEND" // "litesvm" or "validator"
	EnvDir     = "IONET_LOCALNET_DIR"     // a localnet directory used as it is (development)
	// A directory of deployed genesis states (Options.GenesisCache); make test sets it.
	EnvGenesisCache = "IONET_LOCALNET_GENESIS_CACHE"
)

// DefaultSlotDuration is Solana's target slot time.
const DefaultSlotDuration = 400 * time.Millisecond

// TestSlotDuration is the LiteSVM chain's default slot time inside a test binary (testing.Testing): a
// confirmation waits one slot and finality 32, and tests wait on thousands of them. 150 slots of
// blockhash validity are still 3 s, and slot-driven timers run no faster than tests allow.
const TestSlotDuration = 20 * time.Millisecond

// Options configures Start. The zero value starts a fresh LiteSVM chain on free ports with every
// feature active, in a temporary ledger removed by Stop.
type Options struct {
	// Port is the JSON-RPC port; the websocket port is Port+1. 0 picks two free ports.
	Port int
	// LedgerDir keeps the chain and its manifest across restarts. "" uses a temporary
	// directory that Stop removes.
	LedgerDir string
	// Reset wipes the ledger in LedgerDir and sets up a fresh genesis.
	Reset bool
	// Features is FeaturesAll (the default) or FeaturesDefault.
	Features string
	// SlotDuration is how often a slot passes (default 400ms; TestSlotDuration in a test binary).
	SlotDuration time.Duration
	// Backend defaults to $IONET_LOCALNET_BACKEND, else BackendLiteSVM.
	Backend Backend
	// Logger receives the server's log lines (at debug level) and start-up progress.
	// nil discards them.
	Logger *slog.Logger
	// Dir is a localnet directory (server, node_modules, keys, programs) used as it is. "" uses
	// $IONET_LOCALNET_DIR, else the first localnet/package.json found walking up from the
	// working directory, then from the executable (a checkout), else the copy of the files
	// built into this package, written into the user's cache directory with its npm packages
	// installed on first use.
	Dir string
	// Notice receives the lines a person waiting for the start should see (the one-time npm
	// install). nil discards them.
	Notice io.Writer
	// Bare starts the chain with no protocol: only the runtime's built-in programs and the
	// faucet (requestAirdrop). No program is deployed, no mint created, no wallet funded; the
	// manifest names only the chain. `ionet deploy` sets the protocol up on it as on any cluster.
	Bare bool
	// SkipPrograms: the caller sets the protocol up: the genesis funds the distribution wallet
	// and creates the USDC stand-in, but deploys no program, creates no IO mint and funds no
	// named wallet. The manifest still names the programs' ids (Chain.Programs lists their files)
	// and the IO mint's address (its keypair in the localnet keys), for the caller to deploy and
	// create over JSON-RPC (`ionet localnet up` does, through `ionet deploy`'s code), then to call
	// Chain.FundWallets.
	SkipPrograms bool
	// GenesisCache is a directory of deployed genesis states (localnet/server/genesiscache.mjs):
	// a LiteSVM chain without a kept ledger starts from the cached deploy of the same programs,
	// made by the first such start through the same loader transactions, instead of deploying
	// them again (each still its own chain: fresh genesis hash and identity). "" uses
	// $IONET_LOCALNET_GENESIS_CACHE; with neither, every start deploys.
	GenesisCache string
}

// withDefaults fills the empty fields and rejects values that cannot work.
func (o Options) withDefaults() (Options, error) {
	if o.Features == "" {
		o.Features = FeaturesAll
	}
	if o.Features != FeaturesAll && o.Features != FeaturesDefault {
		return o, fmt.Errorf("localnet: unknown feature set %q: use %q or %q", o.Features, FeaturesAll, FeaturesDefault)
	}
	if o.Port < 0 || o.Port > 65534 {
		return o, fmt.Errorf("localnet: port %d is out of range: use 1..65534 (the websocket takes port+1) or 0 for free ports", o.Port)
	}
	if o.Backend == "" {
		o.Backend = Backend(os.Getenv(EnvBackend))
	}
	if o.Backend == "" {
		o.Backend = BackendLiteSVM
	}
	if o.Backend != BackendLiteSVM && o.Backend != BackendValidator {
		return o, fmt.Errorf("localnet: unknown backend %q (option or $%s): use %q or %q", o.Backend, EnvBackend, BackendLiteSVM, BackendValidator)
	}
	if o.SlotDuration == 0 {
		o.SlotDuration = DefaultSlotDuration
		if testing.Testing() && o.Backend == BackendLiteSVM { // a validator keeps its own
			o.SlotDuration = TestSlotDuration
		}
	}
	if o.SlotDuration < 10*time.Millisecond {
		return o, fmt.Errorf("localnet: slot duration %v is too short: use at least 10ms", o.SlotDuration)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.GenesisCache == "" {
		o.GenesisCache = os.Getenv(EnvGenesisCache)
	}
	return o, nil
}
