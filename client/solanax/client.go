package solanax

import (
	"log/slog"
	"time"

	"github.com/gagliardetto/solana-go/rpc"
)

// Client sends transactions and reads accounts through one RPC node. It is safe for concurrent use.
type Client struct {
	// RPC is the underlying solana-go client, for reads this package does not wrap.
	RPC *rpc.Client

	commitment       rpc.CommitmentType
	log              *slog.Logger
	watcher          *sigWatcher // nil: confirm by polling only
	rebroadcastEvery time.Duration
	pollEvery        time.Duration
}

// Option configures a Client.
type Option func(*Client)

// WithCommitment sets the commitment that reads use and that Send waits for (default confirmed).
func WithCommitment(c rpc.CommitmentType) Option {
	return func(cl *Client) { cl.commitment = c }
}

// WithLogger sets where the client logs retries and fallbacks (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(cl *Client) { cl.log = l }
}

// WithRebroadcastInterval sets how often an unconfirmed transaction is sent again (default 2 s;
// non-positive values keep the default).
func WithRebroadcastInterval(d time.Duration) Option {
	return func(cl *Client) {
		if d > 0 {
			cl.rebroadcastEvery = d
		}
	}
}

// WithPollInterval sets how often signature statuses are polled when no websocket
// subscription is available (default 400 ms, one slot; non-positive values keep the default).
func WithPollInterval(d time.Duration) Option {
	return func(cl *Client) {
		if d > 0 {
			cl.pollEvery = d
		}
	}
}

// New returns a client for the node at rpcURL. wsURL is its websocket endpoint, used for
// signatureSubscribe; pass "" to confirm by polling alone.
func New(rpcURL, wsURL string, opts ...Option) *Client {
	c := &Client{
		RPC:              rpc.New(rpcURL),
		commitment:       rpc.CommitmentConfirmed,
		log:              slog.Default(),
		rebroadcastEvery: 2 * time.Second,
		pollEvery:        400 * time.Millisecond,
	}
	for _, opt := range opts {
		opt(c)
	}
	if wsURL != "" {
		c.watcher = newSigWatcher(wsURL, c.log)
	}
	return c
}

// Commitment is the commitment this client reads at and confirms to.
func (c *Client) Commitment() rpc.CommitmentType { return c.commitment }

// Close releases the websocket connection and idle HTTP connections.
func (c *Client) Close() error {
	if c.watcher != nil {
		c.watcher.close()
	}
	return c.RPC.Close()
}
