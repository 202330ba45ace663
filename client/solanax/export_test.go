package solanax

import (
	"context"

	"github.com/gagliardetto/solana-go"
)

// Hooks for the integration tests in package solanax_test (external, so that they may import
// localnet even if localnet comes to import this package).

// SendExpiringAt is Send with the blockhash treated as valid only up to block height lastValid.
func SendExpiringAt(ctx context.Context, c *Client, payer solana.PrivateKey, ixs []solana.Instruction, lastValid uint64, opts ...TxOption) (*Result, error) {
	s, err := c.prepare(ctx, payer, ixs, opts)
	if err != nil {
		return nil, err
	}
	s.lastValid = lastValid
	return s.run(ctx)
}

// WebsocketConn identifies the client's current websocket connection (nil when none).
func WebsocketConn(c *Client) any {
	c.watcher.mu.Lock()
	defer c.watcher.mu.Unlock()
	if c.watcher.conn == nil {
		return nil
	}
	return c.watcher.conn
}

// DropWebsocket closes the client's websocket connection as a network failure would, and waits
// until the client has noticed.
func DropWebsocket(c *Client) error {
	c.watcher.mu.Lock()
	conn := c.watcher.conn
	c.watcher.mu.Unlock()
	if err := conn.ws.Close(); err != nil {
		return err
	}
	<-conn.done
	return nil
}

// OpenSubscriptions counts the signature subscriptions the websocket still tracks.
func OpenSubscriptions(c *Client) (subscribed, pending int) {
	conn, _ := WebsocketConn(c).(*wsConn)
	if conn == nil {
		return 0, 0
	}
	conn.mu.Lock()
	defer conn.mu.Unlock()
	return len(conn.subs), len(conn.pending)
}
