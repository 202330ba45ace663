package explorer

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gagliardetto/solana-go"
)

// Bounds on what a request may carry and what a reply may hold.
const (
	// MaxURLLen bounds a request's path plus query.
	MaxURLLen = 512
	// maxPubkeyLen is the longest base58 text of 32 bytes (44 characters); the shortest is 32
	// for a key with no leading zero bytes, but leading zero bytes shorten it down to 1.
	maxPubkeyLen = 44
	// maxIDLen is the longest decimal u64.
	maxIDLen = 20
	// PageSize is how many rows a table shows at a time; MaxPage bounds the page number.
	PageSize = 50
	MaxPage  = 10_000
)

// errBadInput is wrapped by every input error: the reply is 400 with its message.
var errBadInput = errors.New("bad request")

// parsePubkey reads a base58 public key, checking its length before decoding it.
func parsePubkey(what, text string) (solana.PublicKey, error) {
	if text == "" {
		return solana.PublicKey{}, fmt.Errorf("%w: %s is empty: give a base58 public key", errBadInput, what)
	}
	if len(text) > maxPubkeyLen {
		return solana.PublicKey{}, fmt.Errorf("%w: %s is %d characters: a base58 public key has at most %d", errBadInput, what, len(text), maxPubkeyLen)
	}
	key, err := solana.PublicKeyFromBase58(text)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("%w: %s is not a base58 public key", errBadInput, what)
	}
	return key, nil
}

// parseID reads a decimal u64 id (a job or proposal number).
func parseID(what, text string) (uint64, error) {
	if text == "" || len(text) > maxIDLen {
		return 0, fmt.Errorf("%w: %s must be a whole number of at most %d digits", errBadInput, what, maxIDLen)
	}
	id, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s must be a whole number such as 42", errBadInput, what)
	}
	return id, nil
}

// parsePage reads ?page= (1-based; empty is 1).
func parsePage(text string) (int, error) {
	if text == "" {
		return 1, nil
	}
	if len(text) > 5 {
		return 0, fmt.Errorf("%w: page must be 1 to %d", errBadInput, MaxPage)
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 || n > MaxPage {
		return 0, fmt.Errorf("%w: page must be 1 to %d", errBadInput, MaxPage)
	}
	return n, nil
}

// Page is one page of a longer list.
type Page struct {
	Number int  `json:"page"`
	Total  int  `json:"total"` // rows in the whole list
	Prev   int  `json:"prev,omitempty"`
	Next   int  `json:"next,omitempty"`
	More   bool `json:"more"`
}

// pageOf cuts rows to page number (1-based) of PageSize rows.
func pageOf[T any](rows []T, number int) ([]T, Page) {
	p := Page{Number: number, Total: len(rows)}
	start := min((number-1)*PageSize, len(rows))
	end := min(start+PageSize, len(rows))
	if number > 1 {
		p.Prev = number - 1
	}
	if end < len(rows) {
		p.Next, p.More = number+1, true
	}
	return rows[start:end], p
}
