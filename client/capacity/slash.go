package capacity

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// FaultWrongEntry is the fault code of a committed entry of C that is not the product's
// (gen.FaultSlashed.Fault, gen.DeviceCapacity.FaultSlashed).
const FaultWrongEntry = 1

// Slashable reports whether r holds a proven fault that slash_fault has not slashed yet.
func Slashable(r *gen.DeviceCapacity) bool { return r.Faults > 0 && r.FaultSlashed == 0 }

// SlashTarget is where a capacity slash goes: the staking program's IO mint and burn ledger
// (the emission program and state), and the treasury (an IO token account of the emission
// state's treasury authority) that receives the share not burned.
type SlashTarget struct {
	IOMint, Treasury, TreasuryAuthority solana.PublicKey
	Ledger                              staking.BurnLedger
}

// FetchSlashTarget reads the IO mint and burn ledger from the chain and names the treasury
// authority's associated IO account as the treasury.
func (c *Client) FetchSlashTarget(ctx context.Context) (SlashTarget, error) {
	stk, err := staking.New(c.sx, c.StakingProgram)
	if err != nil {
		return SlashTarget{}, err
	}
	ledger, err := stk.FetchBurnLedger(ctx)
	if err != nil {
		return SlashTarget{}, fmt.Errorf("capacity slash: %w", err)
	}
	st, err := anchor.Fetch(ctx, c.sx.RPC, "emission", ledger.Program, ledger.State, "state", emissiongen.ParseAccount_EmissionState)
	if err != nil {
		return SlashTarget{}, fmt.Errorf("capacity slash: %w", err)
	}
	treasury, err := solanax.AssociatedTokenAddress(st.TreasuryAuthority, st.IoMint)
	if err != nil {
		return SlashTarget{}, err
	}
	return SlashTarget{IOMint: st.IoMint, Treasury: treasury, TreasuryAuthority: st.TreasuryAuthority, Ledger: ledger}, nil
}

// SlashFaultInstruction slashes deviceKey's proven fault into t.Treasury (anyone may send it),
// passing the device's co-staking offer (staking.OfferAddress).
func (c *Client) SlashFaultInstruction(deviceKey solana.PublicKey, t SlashTarget) (solana.Instruction, error) {
	record, err := RecordAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	a, err := staking.ProgramAddresses(c.StakingProgram)
	if err != nil {
		return nil, err
	}
	device, err := staking.DeviceAddress(c.StakingProgram, deviceKey)
	if err != nil {
		return nil, err
	}
	entry, err := staking.SlasherEntryAddress(c.StakingProgram, c.Config)
	if err != nil {
		return nil, err
	}
	offer, err := staking.OfferAddress(c.StakingProgram, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewSlashFaultInstruction(c.Config, record, c.StakingProgram, a.Config, device, a.StakeVault, t.IOMint, t.Treasury,
		solana.TokenProgramID, t.Ledger.Program, t.Ledger.State, entry)
	if ix, err = anchor.At("capacity", c.ProgramID, ix, err); err != nil {
		return nil, err
	}
	// The device's co-staking offer after the named accounts: staking's slash needs it for a
	// device with an offer (the owner's stake is lost first, then co-stake) and skips it otherwise.
	data, err := ix.Data()
	if err != nil {
		return nil, fmt.Errorf("build capacity instruction: %w", err)
	}
	accounts := append(append(solana.AccountMetaSlice{}, ix.Accounts()...), solana.Meta(offer).WRITE())
	return solana.NewInstruction(ix.ProgramID(), accounts, data), nil
}

// SlashFault slashes deviceKey's proven fault, paid by payer (who also creates the treasury's
// associated account when it does not exist yet).
func (c *Client) SlashFault(ctx context.Context, payer solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	t, err := c.FetchSlashTarget(ctx)
	if err != nil {
		return nil, err
	}
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(payer.PublicKey(), t.TreasuryAuthority, t.IOMint, solana.TokenProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := c.SlashFaultInstruction(deviceKey, t)
	if err != nil {
		return nil, err
	}
	return Errors.Send(ctx, c.sx, c.ProgramID, fmt.Sprintf("slash the capacity fault of %s", deviceKey), payer, []solana.Instruction{create, ix}, nil)
}

// Events decodes the capacity events (gen.FaultSlashed) logged while programID ran, in order.
func Events(logs []string, programID solana.PublicKey) []any {
	return anchor.Events(logs, programID, gen.ParseAnyEvent)
}
