package emission

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// High-level operations: build, send and confirm one transaction each (CatchUp: as many as it
// needs). Token accounts are the signers' associated IO accounts.

// Initialize sets the program up: epoch 1 starts at startTs; mintAuthority (the IO mint's current
// authority) hands minting to the program for good; payer, the program's upgrade authority (no
// one else may), pays the rent.
func (c *Client) Initialize(ctx context.Context, payer, mintAuthority solana.PrivateKey, ioMint solana.PublicKey, startTs int64, settings gen.Settings) (*solanax.Result, error) {
	if err := CheckSettings(settings); err != nil {
		return nil, fmt.Errorf("initialize emission: %w", err)
	}
	ix, err := c.InitializeInstruction(payer.PublicKey(), mintAuthority.PublicKey(), ioMint, startTs, settings)
	return c.sendOne(ctx, "initialize emission", payer, ix, err, solanax.WithSigners(mintAuthority))
}

// UpdateParams replaces every setting (authority only).
func (c *Client) UpdateParams(ctx context.Context, authority solana.PrivateKey, settings gen.Settings) (*solanax.Result, error) {
	if err := CheckSettings(settings); err != nil {
		return nil, fmt.Errorf("update emission params: %w", err)
	}
	ix, err := c.UpdateParamsInstruction(authority.PublicKey(), settings)
	return c.sendOne(ctx, "update emission params", authority, ix, err)
}

// CrankResult is what one crank minted.
type CrankResult struct {
	*solanax.Result
	Minted *gen.EpochsMinted
}

// Crank mints up to maxEpochs ended epochs (0: the program's maximum) and pays the tip to
// cranker's IO account (created when missing). It fails with NothingToMint when every ended
// epoch is minted and EmissionEnded after the final epoch.
func (c *Client) Crank(ctx context.Context, cranker solana.PrivateKey, maxEpochs uint64) (*CrankResult, error) {
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("crank emission: %w", err)
	}
	tip, err := solanax.AssociatedTokenAddress(cranker.PublicKey(), st.IoMint)
	if err != nil {
		return nil, err
	}
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(cranker.PublicKey(), cranker.PublicKey(), st.IoMint, solana.TokenProgramID)
	if err != nil {
		return nil, fmt.Errorf("crank emission: %w", err)
	}
	ix, err := c.CrankInstruction(cranker.PublicKey(), st.IoMint, tip, maxEpochs)
	if err != nil {
		return nil, fmt.Errorf("crank emission: %w", err)
	}
	res, err := c.Send(ctx, cranker, []solana.Instruction{create, ix}, solanax.WithComputeUnitLimit(CrankComputeUnits))
	if err != nil {
		return nil, fmt.Errorf("crank emission after epoch %d: %w", st.LastMintedEpoch, err)
	}
	out := &CrankResult{Result: res}
	details, err := res.Details(ctx)
	if err != nil {
		return nil, fmt.Errorf("crank emission: read the transaction: %w", err)
	}
	for _, ev := range Events(details.Logs, c.ProgramID) {
		if m, ok := ev.(*gen.EpochsMinted); ok {
			out.Minted = m
		}
	}
	if out.Minted == nil {
		return nil, fmt.Errorf("crank emission: transaction %s logged no EpochsMinted event", res.Signature)
	}
	return out, nil
}

// IsCaughtUp reports whether err is the program saying there is nothing to mint now
// (NothingToMint) or ever again (EmissionEnded): what a racing or idle crank gets.
func IsCaughtUp(err error) bool {
	name := ErrorName(err)
	return name == gen.Error_NothingToMint || name == gen.Error_EmissionEnded
}

// CatchUp cranks until every ended epoch is minted, at most maxEpochs per transaction (0: the
// program's maximum), and returns each crank's result. A crank that finds nothing to mint (another
// keeper got there first) ends it without error.
func (c *Client) CatchUp(ctx context.Context, cranker solana.PrivateKey, maxEpochs uint64) ([]*CrankResult, error) {
	var done []*CrankResult
	for {
		res, err := c.Crank(ctx, cranker, maxEpochs)
		if IsCaughtUp(err) {
			return done, nil
		}
		if err != nil {
			return done, err
		}
		done = append(done, res)
	}
}

// Burn burns amount base units of IO from treasuryAuthority's IO account, recorded with reason
// (UTF-8, at most 64 bytes) as the next burn record. It returns the record's index.
func (c *Client) Burn(ctx context.Context, treasuryAuthority solana.PrivateKey, amount uint64, reason string) (uint64, *solanax.Result, error) {
	switch {
	case amount == 0:
		return 0, nil, errors.New("burn: amount must be greater than zero")
	case len(reason) > MaxReasonLen || !utf8.ValidString(reason):
		return 0, nil, fmt.Errorf("burn: reason must be UTF-8 of at most %d bytes (got %d bytes)", MaxReasonLen, len(reason))
	}
	st, err := c.FetchState(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("burn: %w", err)
	}
	source, err := solanax.AssociatedTokenAddress(treasuryAuthority.PublicKey(), st.IoMint)
	if err != nil {
		return 0, nil, err
	}
	authority := treasuryAuthority.PublicKey()
	ix, err := c.BurnInstruction(authority, authority, source, st.IoMint, st.BurnCount, amount, reason)
	res, err := c.sendOne(ctx, fmt.Sprintf("burn %s IO", solanax.FormatAmount(amount, 8)), treasuryAuthority, ix, err)
	if err != nil {
		return 0, nil, err
	}
	return st.BurnCount, res, nil
}

// SetCapacityProgram links program (zero: none) as the capacity program heartbeats ask; authority
// is the emission authority.
func (c *Client) SetCapacityProgram(ctx context.Context, authority solana.PrivateKey, program solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.SetCapacityProgramInstruction(authority.PublicKey(), program)
	return c.sendOne(ctx, "link the capacity program", authority, ix, err)
}
