package solanax

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
)

// Result is a transaction that reached the client's commitment without error.
type Result struct {
	Signature solana.Signature
	Slot      uint64

	client *Client
}

// Details fetches the landed transaction's fee, compute units and logs (getTransaction).
func (r *Result) Details(ctx context.Context) (*TxDetails, error) {
	return r.client.TransactionDetails(ctx, r.Signature)
}

// Send builds a transaction from ixs paid by payer, signs it, sends it (with preflight unless
// WithSkipPreflight), and waits until it reaches the client's commitment. It rebroadcasts every
// rebroadcast interval until then, and gives up with ErrExpired once the blockhash's last valid
// block height has passed without the transaction landing, or with ctx.Err() when ctx ends (give
// ctx a deadline: while the node does not answer, nothing else ends the wait). A failed
// transaction is returned as a *TxError.
func (c *Client) Send(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, opts ...TxOption) (*Result, error) {
	s, err := c.prepare(ctx, payer, ixs, opts)
	if err != nil {
		return nil, err
	}
	return s.run(ctx)
}

// prepare builds and signs the transaction on the latest blockhash.
func (c *Client) prepare(ctx context.Context, payer solana.PrivateKey, ixs []solana.Instruction, opts []TxOption) (*sending, error) {
	if len(ixs) == 0 {
		return nil, errors.New("send transaction: no instructions")
	}
	var cfg txConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	latest, err := c.RPC.GetLatestBlockhash(ctx, c.commitment)
	if err != nil {
		return nil, fmt.Errorf("send transaction: %w", WrapRPCError("getLatestBlockhash", err))
	}
	tx, err := buildTransaction(latest.Value.Blockhash, payer, ixs, &cfg)
	if err != nil {
		return nil, fmt.Errorf("send transaction: %w", err)
	}
	wire, err := tx.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("send transaction: encode: %w", err)
	}
	return &sending{
		client: c, tx: tx, sig: tx.Signatures[0], wire: wire,
		lastValid: latest.Value.LastValidBlockHeight, skipPreflight: cfg.skipPreflight,
	}, nil
}

// sending is one transaction on its way to confirmation.
type sending struct {
	client        *Client
	tx            *solana.Transaction
	sig           solana.Signature
	wire          []byte
	lastValid     uint64
	skipPreflight bool
}

func (s *sending) run(ctx context.Context) (*Result, error) {
	c := s.client
	sub := s.subscribe(ctx)
	if sub != nil {
		defer sub.cancel()
	}
	if err := s.broadcast(ctx, s.skipPreflight); err != nil {
		if txErr := preflightError(err, s.sig, s.tx); txErr != nil {
			return nil, txErr
		}
		var refused *RPCError
		if !errors.As(err, &refused) {
			// No answer: the node may have taken it all the same.
			return nil, fmt.Errorf("send transaction %s: %w (it may have reached the node: look the signature up before sending again)", s.sig, err)
		}
		return nil, fmt.Errorf("send transaction %s: %w", s.sig, err)
	}

	rebroadcast := time.NewTicker(c.rebroadcastEvery)
	defer rebroadcast.Stop()
	poll := time.NewTicker(c.pollEvery)
	defer poll.Stop()
	for {
		var notices <-chan sigNotice
		var lost <-chan struct{}
		var polls <-chan time.Time
		if sub != nil {
			notices, lost = sub.notice, sub.conn.done
		} else {
			polls = poll.C
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("confirm transaction %s: %w (it may still land: look the signature up before sending again)", s.sig, ctx.Err())
		case n := <-notices:
			return s.finish(ctx, n.slot, n.err)
		case <-lost:
			c.log.Debug("websocket lost; polling signature status", "sig", s.sig)
			sub = nil
		case <-polls:
			if res, done, err := s.check(ctx); done {
				return res, err
			}
		case <-rebroadcast.C:
			if res, done, err := s.check(ctx); done {
				return res, err
			}
			if res, done, err := s.expiry(ctx); done {
				return res, err
			}
			if err := s.broadcast(ctx, true); err != nil {
				c.log.Debug("rebroadcast failed", "sig", s.sig, "err", err)
			}
		}
	}
}

// subscribe asks the websocket for a notification, or returns nil to poll instead.
func (s *sending) subscribe(ctx context.Context) *sigSub {
	if s.client.watcher == nil {
		return nil
	}
	sub, err := s.client.watcher.subscribe(ctx, s.sig, s.client.commitment)
	if err != nil {
		s.client.log.Debug("signatureSubscribe unavailable; polling", "sig", s.sig, "err", err)
		return nil
	}
	return sub
}

func (s *sending) broadcast(ctx context.Context, skipPreflight bool) error {
	opts := rpc.TransactionOpts{SkipPreflight: skipPreflight, PreflightCommitment: s.client.commitment}
	if skipPreflight {
		// This loop rebroadcasts; a node retrying on its own would only add duplicates.
		zero := uint(0)
		opts.MaxRetries = &zero
	}
	_, err := s.client.RPC.SendRawTransactionWithOpts(ctx, s.wire, opts)
	return WrapRPCError("sendTransaction", err)
}

// check polls the signature status; done is true when the transaction has reached the
// commitment (successfully or not).
func (s *sending) check(ctx context.Context) (res *Result, done bool, err error) {
	st, err := s.client.RPC.GetSignatureStatuses(ctx, false, s.sig)
	if err != nil || len(st.Value) == 0 || st.Value[0] == nil {
		if err != nil {
			s.client.log.Debug("getSignatureStatuses failed", "sig", s.sig, "err", err)
		}
		return nil, false, nil
	}
	if !reached(st.Value[0], s.client.commitment) {
		return nil, false, nil
	}
	res, err = s.finish(ctx, st.Value[0].Slot, rawTxErr(st.Value[0].Err))
	return res, true, err
}

// expiry ends the wait with ErrExpired once the blockhash is past its last valid block height
// and a search of the node's history confirms the transaction never landed.
func (s *sending) expiry(ctx context.Context) (res *Result, done bool, err error) {
	height, err := s.client.RPC.GetBlockHeight(ctx, s.client.commitment)
	if err != nil {
		s.client.log.Debug("getBlockHeight failed", "err", err)
		return nil, false, nil
	}
	if height <= s.lastValid {
		return nil, false, nil
	}
	st, err := s.client.RPC.GetSignatureStatuses(ctx, true, s.sig)
	if err != nil {
		s.client.log.Debug("getSignatureStatuses failed", "sig", s.sig, "err", err)
		return nil, false, nil
	}
	if len(st.Value) > 0 && st.Value[0] != nil {
		return nil, false, nil // it landed; wait for the commitment
	}
	return nil, true, fmt.Errorf("transaction %s: block height %d passed last valid %d: %w", s.sig, height, s.lastValid, ErrExpired)
}

func (s *sending) finish(ctx context.Context, slot uint64, txErr json.RawMessage) (*Result, error) {
	if len(txErr) == 0 || string(txErr) == "null" {
		return &Result{Signature: s.sig, Slot: slot, client: s.client}, nil
	}
	out := newTxError(s.sig, s.tx, txErr)
	out.Slot = slot
	if details, err := s.client.TransactionDetails(ctx, s.sig); err == nil {
		out.Logs = details.Logs
	} else {
		s.client.log.Debug("no logs for failed transaction", "sig", s.sig, "err", err)
	}
	return nil, out
}

// reached reports whether a status satisfies commitment.
func reached(st *rpc.SignatureStatusesResult, commitment rpc.CommitmentType) bool {
	return statusRank(st) >= commitmentRank(commitment)
}

func statusRank(st *rpc.SignatureStatusesResult) int {
	switch st.ConfirmationStatus {
	case rpc.ConfirmationStatusProcessed:
		return 0
	case rpc.ConfirmationStatusConfirmed:
		return 1
	case rpc.ConfirmationStatusFinalized:
		return 2
	}
	if st.Confirmations == nil { // nodes without confirmationStatus: nil means rooted
		return 2
	}
	return 0
}

func commitmentRank(c rpc.CommitmentType) int {
	switch c {
	case rpc.CommitmentProcessed:
		return 0
	case rpc.CommitmentFinalized:
		return 2
	}
	return 1
}

// rawTxErr re-encodes a transaction error that solana-go decoded into interface{}.
func rawTxErr(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(fmt.Sprintf("%q", fmt.Sprint(v)))
	}
	return raw
}
