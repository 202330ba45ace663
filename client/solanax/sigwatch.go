package solanax

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/gorilla/websocket"
)

// sigWatcher keeps one websocket connection for signatureSubscribe, dialled on first use and
// again after it drops. solana-go's ws client is not used: it never reconnects and allocates
// multi-megabyte channels per subscription.
type sigWatcher struct {
	url string
	log *slog.Logger

	mu         sync.Mutex
	conn       *wsConn
	nextDialAt time.Time // after a failed dial, wait before trying again
	closed     bool
}

const (
	wsDialTimeout      = 5 * time.Second
	wsRedialBackoff    = 5 * time.Second
	wsSubscribeTimeout = 5 * time.Second
	wsWriteTimeout     = 5 * time.Second
)

// sigNotice is a signatureNotification: the transaction reached the subscribed commitment.
type sigNotice struct {
	slot uint64
	err  json.RawMessage // null or absent on success
}

type sigSub struct {
	conn   *wsConn
	id     uint64 // server's subscription id
	ready  chan error
	notice chan sigNotice
}

type wsConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
	done    chan struct{} // closed when the read loop ends

	mu      sync.Mutex
	nextID  uint64
	pending map[uint64]*sigSub // by request id, until the server answers
	subs    map[uint64]*sigSub // by subscription id
}

func newSigWatcher(url string, log *slog.Logger) *sigWatcher {
	return &sigWatcher{url: url, log: log}
}

// subscribe registers sig and waits for the server to acknowledge, so a notification for a
// transaction sent afterwards cannot be missed.
func (w *sigWatcher) subscribe(ctx context.Context, sig solana.Signature, commitment rpc.CommitmentType) (*sigSub, error) {
	conn, err := w.connection(ctx)
	if err != nil {
		return nil, err
	}
	sub := &sigSub{conn: conn, ready: make(chan error, 1), notice: make(chan sigNotice, 1)}
	conn.mu.Lock()
	conn.nextID++
	reqID := conn.nextID
	conn.pending[reqID] = sub
	conn.mu.Unlock()

	req := map[string]any{
		"jsonrpc": "2.0", "id": reqID, "method": "signatureSubscribe",
		"params": []any{sig.String(), map[string]any{"commitment": commitment}},
	}
	if err := conn.write(req); err != nil {
		conn.forget(reqID)
		return nil, err
	}
	timer := time.NewTimer(wsSubscribeTimeout)
	defer timer.Stop()
	select {
	case err := <-sub.ready:
		if err != nil {
			return nil, err
		}
		return sub, nil
	case <-conn.done:
		return nil, errors.New("signatureSubscribe: websocket closed")
	case <-timer.C:
		conn.forget(reqID)
		return nil, errors.New("signatureSubscribe: no answer in time")
	case <-ctx.Done():
		conn.forget(reqID)
		return nil, ctx.Err()
	}
}

// connection returns the live connection, dialling when there is none.
func (w *sigWatcher) connection(ctx context.Context) (*wsConn, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil, errors.New("websocket: client closed")
	}
	if w.conn != nil {
		select {
		case <-w.conn.done:
			w.conn = nil
		default:
			return w.conn, nil
		}
	}
	if time.Now().Before(w.nextDialAt) {
		return nil, errors.New("websocket: waiting before the next dial")
	}
	dialCtx, cancel := context.WithTimeout(ctx, wsDialTimeout)
	defer cancel()
	ws, _, err := websocket.DefaultDialer.DialContext(dialCtx, w.url, nil)
	if err != nil {
		w.nextDialAt = time.Now().Add(wsRedialBackoff)
		w.log.Warn("websocket unavailable; confirming by polling", "url", w.url, "err", err)
		return nil, fmt.Errorf("websocket dial %s: %w", w.url, err)
	}
	w.conn = &wsConn{
		ws: ws, done: make(chan struct{}),
		pending: map[uint64]*sigSub{}, subs: map[uint64]*sigSub{},
	}
	go w.conn.readLoop(w.log)
	return w.conn, nil
}

func (w *sigWatcher) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if w.conn != nil {
		_ = w.conn.ws.Close() // ends the read loop
		w.conn = nil
	}
}

func (c *wsConn) write(msg any) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if err := c.ws.SetWriteDeadline(time.Now().Add(wsWriteTimeout)); err != nil {
		return fmt.Errorf("websocket write: %w", err)
	}
	if err := c.ws.WriteJSON(msg); err != nil {
		return fmt.Errorf("websocket write: %w", err)
	}
	return nil
}

func (c *wsConn) forget(reqID uint64) {
	c.mu.Lock()
	delete(c.pending, reqID)
	c.mu.Unlock()
}

// wsMessage is either an answer to a request (id set) or a notification (method set).
type wsMessage struct {
	ID     *uint64         `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Method string `json:"method"`
	Params struct {
		Subscription uint64 `json:"subscription"`
		Result       struct {
			Context struct {
				Slot uint64 `json:"slot"`
			} `json:"context"`
			Value json.RawMessage `json:"value"`
		} `json:"result"`
	} `json:"params"`
}

func (c *wsConn) readLoop(log *slog.Logger) {
	defer close(c.done)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			log.Debug("websocket closed", "err", err)
			return
		}
		var msg wsMessage
		if err := json.Unmarshal(data, &msg); err != nil {
			log.Warn("websocket: unreadable message", "err", err)
			continue
		}
		switch {
		case msg.ID != nil:
			c.answer(*msg.ID, msg)
		case msg.Method == "signatureNotification":
			c.notify(msg)
		}
	}
}

func (c *wsConn) answer(reqID uint64, msg wsMessage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sub, ok := c.pending[reqID]
	if !ok {
		return // an unsubscribe answer, or a request we gave up on
	}
	delete(c.pending, reqID)
	if msg.Error != nil {
		sub.ready <- fmt.Errorf("signatureSubscribe: rpc error %d: %s", msg.Error.Code, msg.Error.Message)
		return
	}
	if err := json.Unmarshal(msg.Result, &sub.id); err != nil {
		sub.ready <- fmt.Errorf("signatureSubscribe: unexpected answer %s", msg.Result)
		return
	}
	c.subs[sub.id] = sub
	sub.ready <- nil
}

func (c *wsConn) notify(msg wsMessage) {
	c.mu.Lock()
	sub, ok := c.subs[msg.Params.Subscription]
	if ok {
		// The server drops a signature subscription once it has notified.
		delete(c.subs, msg.Params.Subscription)
	}
	c.mu.Unlock()
	if !ok {
		return
	}
	var value struct {
		Err json.RawMessage `json:"err"`
	}
	if err := json.Unmarshal(msg.Params.Result.Value, &value); err != nil {
		return // "receivedSignature" notices are not requested; nothing else is expected
	}
	sub.notice <- sigNotice{slot: msg.Params.Result.Context.Slot, err: value.Err}
}

// cancel drops a subscription that has not been notified, telling the server.
func (s *sigSub) cancel() {
	c := s.conn
	c.mu.Lock()
	_, live := c.subs[s.id]
	delete(c.subs, s.id)
	if live {
		c.nextID++
	}
	reqID := c.nextID
	c.mu.Unlock()
	if !live {
		return
	}
	select {
	case <-c.done:
	default:
		_ = c.write(map[string]any{"jsonrpc": "2.0", "id": reqID, "method": "signatureUnsubscribe", "params": []any{s.id}})
	}
}
