package jobs

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Checkers: staked re-runners of sampled and challenged jobs (#16). A checker's stake and
// rewards are IO in the checker vault; its Checker (the seeded address of "checker" under the
// owner) records them; the registry PDA ["checkers"] lists the registered checkers the audits
// pick from.

// ClassBit is the Checker.classes bit of GPU class index class.
func ClassBit(class uint8) uint8 { return 1 << class }

// RegisterCheckerInstruction registers owner (which signs and pays) as a checker whose daemon
// signs verdicts with verdictKey, able to re-run the GPU classes in classes (bit i = class i),
// moving stake IO from ownerToken to the checker vault.
func (c *Client) RegisterCheckerInstruction(owner, ownerToken, verdictKey solana.PublicKey, classes uint8, stake uint64) (solana.Instruction, error) {
	checker, err := CheckerAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewRegisterCheckerInstruction(verdictKey, classes, stake, owner, c.Config, checker, c.Registry, c.CheckerVault, ownerToken,
		solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// LeaveCheckersInstruction takes owner's checker out of the registry; its stake unlocks after
// the staking program's cooldown.
func (c *Client) LeaveCheckersInstruction(owner solana.PublicKey) (solana.Instruction, error) {
	checker, err := CheckerAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewLeaveCheckersInstruction(owner, c.Config, checker, c.Registry, c.Staking.Addresses.Config)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// WithdrawCheckerInstruction pays owner's checker stake and rewards to ownerToken (an IO account
// of owner) and closes the Checker.
func (c *Client) WithdrawCheckerInstruction(owner, ownerToken solana.PublicKey) (solana.Instruction, error) {
	checker, err := CheckerAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewWithdrawCheckerInstruction(owner, c.Config, checker, c.Registry, c.CheckerVault, ownerToken, solana.TokenProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// ClaimCheckerRewardsInstruction pays owner's checker rewards to ownerToken.
func (c *Client) ClaimCheckerRewardsInstruction(owner, ownerToken solana.PublicKey) (solana.Instruction, error) {
	checker, err := CheckerAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewClaimCheckerRewardsInstruction(owner, c.Config, checker, c.CheckerVault, ownerToken, solana.TokenProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// RegisterChecker registers owner as a checker with stake IO from its associated IO account.
func (c *Client) RegisterChecker(ctx context.Context, owner solana.PrivateKey, verdictKey solana.PublicKey, classes uint8, stake uint64) (*solanax.Result, error) {
	const what = "register checker"
	fixed, err := c.Fixed(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	token, err := solanax.AssociatedTokenAddress(owner.PublicKey(), fixed.IOMint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.RegisterCheckerInstruction(owner.PublicKey(), token, verdictKey, classes, stake)
	return c.sendOne(ctx, what, owner, []solana.Instruction{ix}, err)
}

// LeaveCheckers takes owner's checker out of the registry.
func (c *Client) LeaveCheckers(ctx context.Context, owner solana.PrivateKey) (*solanax.Result, error) {
	ix, err := c.LeaveCheckersInstruction(owner.PublicKey())
	return c.sendOne(ctx, "leave checkers", owner, []solana.Instruction{ix}, err)
}

// WithdrawChecker pays owner's checker stake and rewards to its associated IO account (created
// when missing) and closes its Checker.
func (c *Client) WithdrawChecker(ctx context.Context, owner solana.PrivateKey) (*solanax.Result, error) {
	return c.checkerPayout(ctx, "withdraw checker", owner, c.WithdrawCheckerInstruction)
}

// ClaimCheckerRewards pays owner's checker rewards to its associated IO account (created when
// missing).
func (c *Client) ClaimCheckerRewards(ctx context.Context, owner solana.PrivateKey) (*solanax.Result, error) {
	return c.checkerPayout(ctx, "claim checker rewards", owner, c.ClaimCheckerRewardsInstruction)
}

func (c *Client) checkerPayout(ctx context.Context, what string, owner solana.PrivateKey, build func(owner, ownerToken solana.PublicKey) (solana.Instruction, error)) (*solanax.Result, error) {
	fixed, err := c.Fixed(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	create, token, err := ensureTokenAccount(owner.PublicKey(), owner.PublicKey(), fixed.IOMint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := build(owner.PublicKey(), token)
	return c.sendOne(ctx, what, owner, []solana.Instruction{create, ix}, err)
}

// FetchChecker reads owner's Checker (ErrNotFound when it is not a checker).
func (c *Client) FetchChecker(ctx context.Context, owner solana.PublicKey) (*gen.Checker, error) {
	addr, err := CheckerAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ch, err := anchor.Fetch(ctx, c.sx.RPC, "jobs", c.ProgramID, addr, "checker "+owner.String(), gen.ParseAccount_Checker)
	return ch, anchor.Described(err, fmt.Sprintf("%s is not a checker: register it first (register_checker)", owner))
}

// FetchRegistry reads the checker registry.
func (c *Client) FetchRegistry(ctx context.Context) (*gen.CheckerRegistry, error) {
	return anchor.Fetch(ctx, c.sx.RPC, "jobs", c.ProgramID, c.Registry, "checker registry", gen.ParseAccount_CheckerRegistry)
}

// Registered reports whether owner is registered in reg (its entry there and not gone).
func Registered(reg *gen.CheckerRegistry, owner solana.PublicKey) bool {
	for _, e := range RegistryEntries(reg) {
		if e.Owner == owner {
			return e.UntilSlot == 0
		}
	}
	return false
}

// auditAccountLen is an Audit account's size (programs-idl/jobs.json).
const auditAccountLen = 8 + 5*32 + 3*32 + 3*32 + 8*32 + 3*32 + 2*8 + 3*8 + 16

// AuditAccount is an open audit and its address.
type AuditAccount struct {
	Address solana.PublicKey
	Audit   *gen.Audit
}

// ListAudits lists the open audits (getProgramAccounts, by size).
func (c *Client) ListAudits(ctx context.Context) ([]AuditAccount, error) {
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64, Filters: []rpc.RPCFilter{{DataSize: auditAccountLen}},
	})
	if err != nil {
		return nil, fmt.Errorf("list audits: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	out := make([]AuditAccount, 0, len(res))
	for _, a := range res {
		audit, err := gen.ParseAccount_Audit(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list audits: decode %s: %w", a.Pubkey, err)
		}
		out = append(out, AuditAccount{Address: a.Pubkey, Audit: audit})
	}
	return out, nil
}

// AuditsOf lists the open audits with owner's checker on a slot.
func (c *Client) AuditsOf(ctx context.Context, owner solana.PublicKey) ([]AuditAccount, error) {
	all, err := c.ListAudits(ctx)
	if err != nil {
		return nil, err
	}
	var out []AuditAccount
	for _, a := range all {
		if _, ok := CheckerSlot(a.Audit, owner); ok {
			out = append(out, a)
		}
	}
	return out, nil
}
