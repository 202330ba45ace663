package anchor

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
)

// MaxAccountsPerRead is getMultipleAccounts' limit: FetchMany reads in chunks of it.
const MaxAccountsPerRead = 100

// FetchMany reads addrs at confirmed commitment, MaxAccountsPerRead at a time, and decodes
// each account programID owns with parse (a generated ParseAccount_X); the result has one entry
// per address, nil where there is no such account: missing, closed (no data, or all zero) or
// owned by another program. program and what name the program and the accounts in errors
// ("jobs", "job").
func FetchMany[T any](ctx context.Context, c *rpc.Client, program string, programID solana.PublicKey, addrs []solana.PublicKey, what string, parse func([]byte) (*T, error)) ([]*T, error) {
	out := make([]*T, 0, len(addrs))
	for start := 0; start < len(addrs); start += MaxAccountsPerRead {
		chunk := addrs[start:min(start+MaxAccountsPerRead, len(addrs))]
		res, err := c.GetMultipleAccountsWithOpts(ctx, chunk, &rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
		if err != nil {
			return nil, fmt.Errorf("read %d %s %s accounts: %w", len(chunk), program, what, solanax.WrapRPCError("getMultipleAccounts", err))
		}
		if len(res.Value) != len(chunk) {
			return nil, fmt.Errorf("read %d %s %s accounts: getMultipleAccounts answered %d", len(chunk), program, what, len(res.Value))
		}
		for i, acct := range res.Value {
			if acct == nil || !acct.Owner.Equals(programID) || allZero(acct.Data.GetBinary()) {
				out = append(out, nil)
				continue
			}
			v, err := parse(acct.Data.GetBinary())
			if err != nil {
				return nil, fmt.Errorf("decode %s %s %s: %w", program, what, chunk[i], err)
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// allZero reports whether data holds nothing: empty, or zeroed as a closed account is.
func allZero(data []byte) bool {
	for _, b := range data {
		if b != 0 {
			return false
		}
	}
	return true
}
