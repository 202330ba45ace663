package emission

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Claimable is what devices can still claim from the supplier vault, as sweep_supplier_pool
// computes it: the unclaimed amount of every epoch in the state's ring whose unclaimed weight in
// pool (nil: no heartbeat yet) is positive. The rest of the vault is unclaimable.
func Claimable(st *gen.EmissionState, pool *gen.LivenessPool) uint64 {
	if pool == nil {
		return 0
	}
	first := uint64(1)
	if st.LastMintedEpoch >= SupplierRing {
		first = st.LastMintedEpoch - SupplierRing + 1
	}
	var total uint64
	for epoch := first; epoch <= st.LastMintedEpoch; epoch++ {
		if w, ok := TotalWeight(pool, epoch); ok && w > 0 {
			amount, _ := SupplierAmount(st, epoch)
			total += amount
		}
	}
	return total
}

// SweepSupplierPoolInstruction moves the supplier vault's unclaimable tokens to treasury (an
// IO token account of the treasury authority). Anyone may send it.
func (c *Client) SweepSupplierPoolInstruction(treasury solana.PublicKey) (solana.Instruction, error) {
	a := c.Addresses
	ix, err := gen.NewSweepSupplierPoolInstruction(a.State, a.LivenessPool, a.SupplierVault, treasury, solana.TokenProgramID)
	if err != nil {
		return anchor.At("emission", c.ProgramID, ix, err)
	}
	// anchor-go v1.0.0 leaves the discriminator out of an instruction without arguments.
	return solana.NewInstruction(c.ProgramID, ix.Accounts(), gen.Instruction_SweepSupplierPool[:]), nil
}

// SweepResult is a landed sweep and its SupplierPoolSwept event.
type SweepResult struct {
	*solanax.Result
	Swept *gen.SupplierPoolSwept
}

// SweepSupplierPool sends the sweep (payer pays the fee) into the treasury authority's IO
// associated token account (created when missing).
func (c *Client) SweepSupplierPool(ctx context.Context, payer solana.PrivateKey) (*SweepResult, error) {
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("sweep the supplier pool: %w", err)
	}
	treasury, err := solanax.AssociatedTokenAddress(st.TreasuryAuthority, st.IoMint)
	if err != nil {
		return nil, fmt.Errorf("sweep the supplier pool: %w", err)
	}
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(payer.PublicKey(), st.TreasuryAuthority, st.IoMint, solana.TokenProgramID)
	if err != nil {
		return nil, fmt.Errorf("sweep the supplier pool: %w", err)
	}
	ix, err := c.SweepSupplierPoolInstruction(treasury)
	res, err := Errors.Send(ctx, c.sx, c.ProgramID, "sweep the supplier pool", payer, []solana.Instruction{create, ix}, err)
	if err != nil {
		return nil, err
	}
	swept, err := onlyEvent[*gen.SupplierPoolSwept](ctx, c, res, "SupplierPoolSwept")
	if err != nil {
		return nil, err
	}
	return &SweepResult{Result: res, Swept: swept}, nil
}

// FetchClaimable reads the state and the pool (absent only before initialize made it) and returns
// Claimable.
func (c *Client) FetchClaimable(ctx context.Context) (uint64, error) {
	st, err := c.FetchState(ctx)
	if err != nil {
		return 0, err
	}
	pool, err := c.FetchLivenessPool(ctx)
	if errors.Is(err, ErrNotFound) {
		pool = nil
	} else if err != nil {
		return 0, err
	}
	return Claimable(st, pool), nil
}
