package localnet

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Funding is what a wallet receives, in base units (lamports, IO and USDC base units).
type Funding struct {
	Lamports uint64
	IO       uint64
	USDC     uint64
}

// Fund sends f from the manifest's distribution wallet to the wallet to, creating its IO and
// USDC associated token accounts as needed, in one confirmed transaction. It checks first that
// client serves the chain the manifest describes.
func Fund(ctx context.Context, client *solanax.Client, m *Manifest, to solana.PublicKey, f Funding) (solana.Signature, error) {
	if err := m.CheckCluster(ctx, client.RPC); err != nil {
		return solana.Signature{}, err
	}
	return fund(ctx, client, m, to, f)
}

// fund is Fund without the cluster check, for the genesis (whose hash the manifest lacks yet).
func fund(ctx context.Context, client *solanax.Client, m *Manifest, to solana.PublicKey, f Funding) (solana.Signature, error) {
	if f == (Funding{}) {
		return solana.Signature{}, fmt.Errorf("localnet: fund %s: nothing to send: give SOL, IO or USDC", to)
	}
	payer, err := m.Distribution.Load()
	if err != nil {
		return solana.Signature{}, err
	}
	from := payer.PublicKey()
	var instrs []solana.Instruction
	if f.Lamports > 0 {
		instrs = append(instrs, system.NewTransferInstruction(f.Lamports, from, to).Build())
	}
	for _, t := range []struct {
		amount uint64
		mint   Mint
		source solana.PublicKey
	}{
		{f.IO, m.Mints.IO, m.Distribution.IOAccount},
		{f.USDC, m.Mints.USDC, m.Distribution.USDCAccount},
	} {
		if t.amount == 0 {
			continue
		}
		create, err := solanax.CreateAssociatedTokenAccountIdempotent(from, to, t.mint.Address, solana.TokenProgramID)
		if err != nil {
			return solana.Signature{}, fmt.Errorf("localnet: fund %s: %w", to, err)
		}
		dest, err := solanax.AssociatedTokenAddress(to, t.mint.Address)
		if err != nil {
			return solana.Signature{}, fmt.Errorf("localnet: fund %s: %w", to, err)
		}
		instrs = append(instrs, create, solanax.TransferChecked(t.source, t.mint.Address, dest, from, t.amount, t.mint.Decimals))
	}
	res, err := client.Send(ctx, payer, instrs)
	if err != nil {
		return solana.Signature{}, fmt.Errorf("localnet: fund %s with %d lamports, %d IO and %d USDC base units: %w", to, f.Lamports, f.IO, f.USDC, err)
	}
	return res.Signature, nil
}
