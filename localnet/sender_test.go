package localnet

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The benchmarks' load generator, as lean as a real one (Solana's bench-tps builds its
// transactions from a template): each sender holds one keep-alive HTTP/1.1 connection and one
// transfer template whose amount and blockhash it patches, signs the message with ed25519 and
// writes the sendTransaction body as raw JSON around the base64 wire, one request per transfer.
// Statuses are polled the same way, 256 signatures a getSignatureStatuses call.

// rpcConn is one keep-alive HTTP/1.1 connection to a JSON-RPC server. Replies must carry a
// Content-Length (the localnet server's always do); a reply's body is valid until the next call.
type rpcConn struct {
	host      string
	conn      net.Conn
	r         *bufio.Reader
	req, body []byte
}

// maxReplyBytes bounds a reply's body (the localnet server caps its replies at 16 MiB).
const maxReplyBytes = 32 << 20

// dialRPC opens a keep-alive connection to the JSON-RPC server at rawURL (http://host:port).
func dialRPC(rawURL string) (*rpcConn, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("rpc url %q: want http://host:port", rawURL)
	}
	c := &rpcConn{host: u.Host, req: make([]byte, 0, 4096), body: make([]byte, 0, 64<<10)}
	return c, c.redial()
}

func (c *rpcConn) redial() error {
	if c.conn != nil {
		_ = c.conn.Close()
	}
	conn, err := net.DialTimeout("tcp", c.host, 5*time.Second)
	if err != nil {
		return fmt.Errorf("dial %s: %w", c.host, err)
	}
	c.conn, c.r = conn, bufio.NewReaderSize(conn, 64<<10)
	return nil
}

func (c *rpcConn) Close() error { return c.conn.Close() }

// post sends body as one JSON-RPC POST and returns the reply's body (valid until the next post).
func (c *rpcConn) post(body []byte) ([]byte, error) {
	if err := c.write(body); err != nil {
		return nil, err
	}
	return c.readReply()
}

// write sends body as one JSON-RPC POST without waiting for its reply: requests written ahead
// are answered in order (HTTP/1.1 pipelining), each read by readReply.
func (c *rpcConn) write(body []byte) error {
	c.req = append(c.req[:0], "POST / HTTP/1.1\r\nHost: "...)
	c.req = append(c.req, c.host...)
	c.req = append(c.req, "\r\nContent-Type: application/json\r\nContent-Length: "...)
	c.req = strconv.AppendInt(c.req, int64(len(body)), 10)
	c.req = append(c.req, "\r\n\r\n"...)
	c.req = append(c.req, body...)
	if _, err := c.conn.Write(c.req); err != nil {
		return fmt.Errorf("write request: %w", err)
	}
	return nil
}

func (c *rpcConn) readReply() ([]byte, error) {
	status, err := c.r.ReadSlice('\n')
	if err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	if !bytes.HasPrefix(status, []byte("HTTP/1.1 200 ")) {
		return nil, fmt.Errorf("reply status %q: want HTTP/1.1 200", bytes.TrimSpace(status))
	}
	length, closing := -1, false
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return nil, fmt.Errorf("read reply headers: %w", err)
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return nil, fmt.Errorf("reply header %q has no colon", line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil || length < 0 {
				return nil, fmt.Errorf("reply Content-Length %q is not a length", value)
			}
		case bytes.EqualFold(name, []byte("Connection")):
			closing = bytes.EqualFold(value, []byte("close"))
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			return nil, fmt.Errorf("reply Transfer-Encoding %q: this client reads Content-Length replies only", value)
		}
	}
	if length < 0 || length > maxReplyBytes {
		return nil, fmt.Errorf("reply Content-Length %d: want one of at most %d bytes", length, maxReplyBytes)
	}
	if cap(c.body) < length {
		c.body = make([]byte, length)
	}
	c.body = c.body[:length]
	if _, err := io.ReadFull(c.r, c.body); err != nil {
		return nil, fmt.Errorf("read reply body: %w", err)
	}
	if closing {
		if err := c.redial(); err != nil {
			return nil, err
		}
	}
	return c.body, nil
}

// transferSender builds, signs and sends SOL transfers from one key over one connection.
type transferSender struct {
	conn      *rpcConn
	key       ed25519.PrivateKey
	wire      []byte // signature count, signature, message
	blockhash solana.Hash
	body      []byte
	text      []byte
	id        int64
}

const (
	transferSigAt       = 1                            // after the signature count
	transferMessageAt   = transferSigAt + 64           // header, keys, blockhash, instruction
	transferBlockhashAt = transferMessageAt + 4 + 3*32 // after the 3 header bytes, key count and keys
	transferLamportsAt  = transferBlockhashAt + 32 + 1 + 1 + 1 + 2 + 1 + 4
)

// newTransferSender makes the legacy transfer message from key to `to` once: header (1 signer,
// 0 read-only signed, 1 read-only unsigned), keys [from, to, system program], blockhash, one
// System Transfer instruction (tag 2, u64 lamports).
func newTransferSender(conn *rpcConn, key solana.PrivateKey, to solana.PublicKey) *transferSender {
	from := key.PublicKey()
	w := []byte{1}
	w = append(w, make([]byte, 64)...)
	w = append(w, 1, 0, 1, 3)
	w = append(w, from[:]...)
	w = append(w, to[:]...)
	w = append(w, solana.SystemProgramID[:]...)
	w = append(w, make([]byte, 32)...) // blockhash
	w = append(w, 1, 2, 2, 0, 1, 12, 2, 0, 0, 0)
	w = append(w, make([]byte, 8)...) // lamports
	return &transferSender{conn: conn, key: ed25519.PrivateKey(key), wire: w, body: make([]byte, 0, 1024)}
}

// send sends a transfer of lamports on blockhash and returns its signature (base58) once the
// server answered it with that signature.
func (s *transferSender) send(lamports uint64, blockhash *solana.Hash) (string, error) {
	text, err := s.write(lamports, blockhash)
	if err != nil {
		return "", err
	}
	return text, s.await(text)
}

// write signs a transfer of lamports on blockhash and sends it without waiting for the reply;
// it returns the signature (base58) that await expects back.
func (s *transferSender) write(lamports uint64, blockhash *solana.Hash) (string, error) {
	if *blockhash != s.blockhash {
		s.blockhash = *blockhash
		copy(s.wire[transferBlockhashAt:], blockhash[:])
	}
	binary.LittleEndian.PutUint64(s.wire[transferLamportsAt:], lamports)
	sig := ed25519.Sign(s.key, s.wire[transferMessageAt:])
	copy(s.wire[transferSigAt:], sig)
	text := string(appendBase58(s.text[:0], sig))
	s.id++
	b := append(s.body[:0], `{"jsonrpc":"2.0","id":`...)
	b = strconv.AppendInt(b, s.id, 10)
	b = append(b, `,"method":"sendTransaction","params":["`...)
	n := base64.StdEncoding.EncodedLen(len(s.wire))
	b = b[:len(b)+n]
	base64.StdEncoding.Encode(b[len(b)-n:], s.wire)
	b = append(b, `",{"encoding":"base64"}]}`...)
	s.body = b
	if err := s.conn.write(b); err != nil {
		return "", fmt.Errorf("sendTransaction: %w", err)
	}
	return text, nil
}

// await reads the next reply, which must be the signature text of the oldest unanswered send.
func (s *transferSender) await(text string) error {
	reply, err := s.conn.readReply()
	if err != nil {
		return fmt.Errorf("sendTransaction: %w", err)
	}
	at := bytes.Index(reply, []byte(`"result":"`))
	if at < 0 || !bytes.HasPrefix(reply[at+len(`"result":"`):], []byte(text+`"`)) {
		return fmt.Errorf("sendTransaction of %s: reply %s", text, reply)
	}
	return nil
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// appendBase58 appends b in base58 (Bitcoin alphabet, a '1' per leading zero byte): the bytes
// as 32-bit words divided by 58^5 at a time, so a signature takes about 20 passes of 16 words.
func appendBase58(dst, b []byte) []byte {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// Big-endian 32-bit words, the first padded at the front.
	words := make([]uint32, 0, (len(b)+3)/4)
	head := (len(b) - zeros) % 4
	rest := b[zeros:]
	if head > 0 {
		var w uint32
		for _, c := range rest[:head] {
			w = w<<8 | uint32(c)
		}
		words = append(words, w)
		rest = rest[head:]
	}
	for ; len(rest) >= 4; rest = rest[4:] {
		words = append(words, binary.BigEndian.Uint32(rest))
	}
	const base = 58 * 58 * 58 * 58 * 58
	var digits [256]byte // little-endian base58 digits
	n := 0
	for len(words) > 0 {
		var r uint64
		for i, w := range words {
			cur := r<<32 | uint64(w)
			words[i] = uint32(cur / base)
			r = cur % base
		}
		for len(words) > 0 && words[0] == 0 {
			words = words[1:]
		}
		for k := 0; k < 5; k++ {
			digits[n] = byte(r % 58)
			r /= 58
			n++
		}
	}
	for n > 0 && digits[n-1] == 0 {
		n--
	}
	for range zeros {
		dst = append(dst, '1')
	}
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, base58Alphabet[digits[i]])
	}
	return dst
}

// awaitConfirmedOver polls the statuses of sigs over conn, 256 a call with
// searchTransactionHistory, until every one is confirmed; it fails on the first that failed.
func awaitConfirmedOver(conn *rpcConn, sigs []string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var body []byte
	var reply struct {
		Result *struct {
			Value []*struct {
				Err                json.RawMessage `json:"err"`
				ConfirmationStatus string          `json:"confirmationStatus"`
			} `json:"value"`
		} `json:"result"`
		Error json.RawMessage `json:"error"`
	}
	pending := sigs
	for len(pending) > 0 {
		var still []string
		for start := 0; start < len(pending); start += statusesPerCall {
			chunk := pending[start:min(start+statusesPerCall, len(pending))]
			body = append(body[:0], `{"jsonrpc":"2.0","id":1,"method":"getSignatureStatuses","params":[[`...)
			for i, s := range chunk {
				if i > 0 {
					body = append(body, ',')
				}
				body = append(body, '"')
				body = append(body, s...)
				body = append(body, '"')
			}
			body = append(body, `],{"searchTransactionHistory":true}]}`...)
			raw, err := conn.post(body)
			if err != nil {
				return fmt.Errorf("getSignatureStatuses: %w", err)
			}
			reply.Result, reply.Error = nil, nil
			if err := json.Unmarshal(raw, &reply); err != nil {
				return fmt.Errorf("getSignatureStatuses reply: %w", err)
			}
			if reply.Result == nil || len(reply.Result.Value) != len(chunk) {
				return fmt.Errorf("getSignatureStatuses: %s", raw)
			}
			for i, st := range reply.Result.Value {
				switch {
				case st == nil || st.ConfirmationStatus == "processed":
					still = append(still, chunk[i])
				case len(st.Err) > 0 && string(st.Err) != "null":
					return fmt.Errorf("transaction %s failed: %s", chunk[i], st.Err)
				}
			}
		}
		pending = still
		if len(pending) > 0 {
			if time.Now().After(deadline) {
				return fmt.Errorf("%d transactions not confirmed within %v", len(pending), timeout)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// TestAppendBase58 checks the senders' encoder against solana-go's on signatures and keys,
// leading zero bytes included.
func TestAppendBase58(t *testing.T) {
	for i := range 300 {
		b := make([]byte, 64)
		for j := range b {
			b[j] = byte(rand.IntN(256))
		}
		for j := range i % 5 { // leading zeros, and all zeros
			b[j] = 0
		}
		if i == 0 {
			clear(b)
		}
		require.Equal(t, solana.SignatureFromBytes(b).String(), string(appendBase58(nil, b)), "%x", b)
		require.Equal(t, solana.PublicKeyFromBytes(b[32:]).String(), string(appendBase58(nil, b[32:])), "%x", b[32:])
	}
}

// TestTransferSender sends transfers as the benchmarks do, checks that they land and are
// confirmed by the poller, and that a refused transfer's error names the server's reply.
func TestTransferSender(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	to := newWallet(t, Funding{Lamports: sol}).PublicKey()
	conn, err := dialRPC(chain.RPCURL)
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	latest, err := chain.RPC.GetLatestBlockhash(ctx, rpc.CommitmentProcessed)
	require.NoError(t, err)
	sender := newTransferSender(conn, payer, to)
	var sigs []string
	for lamports := uint64(1); lamports <= 5; lamports++ {
		sig, err := sender.send(lamports, &latest.Value.Blockhash)
		require.NoError(t, err)
		sigs = append(sigs, sig)
	}
	require.NoError(t, awaitConfirmedOver(conn, sigs, time.Minute))
	got, err := chain.RPC.GetBalance(ctx, to, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, sol+15, got.Value, "1+2+3+4+5 lamports arrived")

	// The same transfer again is a duplicate: the server refuses it, and the error says so.
	_, err = sender.send(5, &latest.Value.Blockhash)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AlreadyProcessed")
	// An unfunded payer's transfer fails its preflight.
	broke := newTransferSender(conn, solana.NewWallet().PrivateKey, to)
	_, err = broke.send(1, &latest.Value.Blockhash)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"error"`)
}
