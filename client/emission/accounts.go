package emission

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ErrNotFound means the account does not exist (program not initialised, no such burn record).
var ErrNotFound = errors.New("account not found")

// fetch reads addr and decodes it with parse after checking the emission program owns it.
func fetch[T any](ctx context.Context, c *rpc.Client, programID, addr solana.PublicKey, what string, parse func([]byte) (*T, error)) (*T, error) {
	res, err := c.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if errors.Is(err, rpc.ErrNotFound) || (err == nil && (res == nil || res.Value == nil)) {
		return nil, fmt.Errorf("fetch emission %s %s: %w", what, addr, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch emission %s %s: %w", what, addr, solanax.WrapRPCError("getAccountInfo", err))
	}
	if !res.Value.Owner.Equals(programID) {
		return nil, fmt.Errorf("fetch emission %s %s: owned by %s, not the emission program %s", what, addr, res.Value.Owner, programID)
	}
	v, err := parse(res.Value.Data.GetBinary())
	if err != nil {
		return nil, fmt.Errorf("decode emission %s %s: %w", what, addr, err)
	}
	return v, nil
}

// FetchState reads the program's state (schedule settings and supply ledger).
func (c *Client) FetchState(ctx context.Context) (*gen.EmissionState, error) {
	st, err := fetch(ctx, c.sx.RPC, c.ProgramID, c.Addresses.State, "state", gen.ParseAccount_EmissionState)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("emission program %s is not initialised (run its initialize first): %w", c.ProgramID, err)
	}
	return st, err
}

// FetchBurnRecord reads burn record index.
func (c *Client) FetchBurnRecord(ctx context.Context, index uint64) (*gen.BurnRecord, error) {
	addr, err := BurnRecordAddress(c.ProgramID, index)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, c.sx.RPC, c.ProgramID, addr, "burn record", gen.ParseAccount_BurnRecord)
}

// ReasonText is a burn record's reason as text.
func ReasonText(r *gen.BurnRecord) string {
	return string(r.Reason[:min(int(r.ReasonLen), len(r.Reason))])
}

// SupplierAmount is what epoch put into the supplier vault, read from the state's ring of the
// last SupplierRing minted epochs; ok is false outside that window.
func SupplierAmount(st *gen.EmissionState, epoch uint64) (amount uint64, ok bool) {
	if epoch == 0 || epoch > st.LastMintedEpoch || st.LastMintedEpoch-epoch >= SupplierRing {
		return 0, false
	}
	return st.SupplierAmounts[epoch%SupplierRing], true
}
