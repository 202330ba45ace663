package emission

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
)

// ErrNotFound means the account does not exist (program not initialised, no such burn record).
var ErrNotFound = anchor.ErrNotFound

// FetchState reads the program's state (schedule settings and supply ledger).
func (c *Client) FetchState(ctx context.Context) (*gen.EmissionState, error) {
	st, err := anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, c.Addresses.State, "state", gen.ParseAccount_EmissionState)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("emission program %s is not initialised (run its initialize first): %w", c.ProgramID, err)
	}
	return st, err
}

// FetchCapacityProgram is the capacity program heartbeats ask (zero: none linked).
func (c *Client) FetchCapacityProgram(ctx context.Context) (solana.PublicKey, error) {
	link, err := anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, c.Addresses.CapacityLink, "capacity link", gen.ParseAccount_CapacityLink)
	if errors.Is(err, ErrNotFound) {
		return solana.PublicKey{}, nil
	}
	if err != nil {
		return solana.PublicKey{}, err
	}
	return link.CapacityProgram, nil
}

// FetchBurnRecord reads burn record index.
func (c *Client) FetchBurnRecord(ctx context.Context, index uint64) (*gen.BurnRecord, error) {
	addr, err := BurnRecordAddress(c.ProgramID, index)
	if err != nil {
		return nil, err
	}
	return anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, addr, "burn record", gen.ParseAccount_BurnRecord)
}

// ReasonText is a burn record's reason as text.
func ReasonText(r *gen.BurnRecord) string {
	return string(r.Reason[:min(int(r.ReasonLen), len(r.Reason))])
}

// SupplierAmount is what epoch put into the supplier vault and no claim has taken yet, read from
// the state's ring of the last SupplierRing minted epochs; ok is false outside that window.
func SupplierAmount(st *gen.EmissionState, epoch uint64) (amount uint64, ok bool) {
	if epoch == 0 || epoch > st.LastMintedEpoch || st.LastMintedEpoch-epoch >= SupplierRing {
		return 0, false
	}
	return st.SupplierAmounts[epoch%SupplierRing], true
}
