package jobs

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// Audits (#16): draw, assign, verdict, replace, settle and convict, as instruction builders and
// send-and-confirm operations. Anyone may send every step but the verdict (the slot's checker's
// verdict key signs it).

// FetchAudit reads job id's audit (ErrNotFound when it has none open).
func (c *Client) FetchAudit(ctx context.Context, id uint64) (*gen.Audit, error) {
	job, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	addr, err := AuditAddress(c.ProgramID, job)
	if err != nil {
		return nil, err
	}
	a, err := anchor.Fetch(ctx, c.sx.RPC, "jobs", c.ProgramID, addr, fmt.Sprintf("audit of job %d", id), gen.ParseAccount_Audit)
	return a, anchor.Described(err, fmt.Sprintf("job %d has no open audit: not drawn, not selected, or its audit closed", id))
}

// DrawAuditInstruction draws job id for audit; payer pays the Audit's rent when it is selected.
func (c *Client) DrawAuditInstruction(payer solana.PublicKey, id uint64) (solana.Instruction, error) {
	job, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	audit, err := AuditAddress(c.ProgramID, job)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewDrawAuditInstruction(payer, c.Config, job, audit, solana.SysVarSlotHashesPubkey, solana.SystemProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// AssignCheckerInstruction fills audit's next slot with pick, the owner PickChecker chose (zero
// when no checker is eligible: the audit then ends or is marked exhausted).
func (c *Client) AssignCheckerInstruction(job *gen.Job, audit *gen.Audit, pick solana.PublicKey) (solana.Instruction, error) {
	addr, auditAddr, err := c.auditAddresses(job)
	if err != nil {
		return nil, err
	}
	checker, err := CheckerAddress(c.ProgramID, pick)
	if err != nil {
		return nil, err
	}
	costake, err := staking.CostakePositionAddress(c.Staking.ProgramID, job.DeviceKey, pick)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewAssignCheckerInstruction(c.Config, addr, auditAddr, audit.Payer, c.Registry, checker, costake, solana.SysVarSlotHashesPubkey)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// SubmitVerdictInstruction commits checkerOwner's checker (verdictKey signs) to its verdict on
// job id: commitment is VerdictCommitment(digest, checkerOwner), digest the result digest its
// re-run computed (revealed later with RevealVerdictInstruction).
func (c *Client) SubmitVerdictInstruction(verdictKey, checkerOwner solana.PublicKey, id uint64, commitment [32]byte) (solana.Instruction, error) {
	job, audit, checker, err := c.verdictAccounts(checkerOwner, id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewSubmitVerdictInstruction(commitment, verdictKey, job, audit, checker, c.Config)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// ReplaceCheckerInstruction penalises checkerOwner's checker for missing its deadline on job
// id's audit and empties its slot; ioTreasury is the config's IO treasury.
func (c *Client) ReplaceCheckerInstruction(id uint64, checkerOwner, ioTreasury solana.PublicKey) (solana.Instruction, error) {
	job, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	audit, err := AuditAddress(c.ProgramID, job)
	if err != nil {
		return nil, err
	}
	checker, err := CheckerAddress(c.ProgramID, checkerOwner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewReplaceCheckerInstruction(c.Config, job, audit, checker, c.Registry, c.CheckerVault, ioTreasury, solana.TokenProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// SettleAuditedInstruction settles job once audit says honest; treasury is the config's
// treasury for the job's mint. After the named accounts: each filled slot's Checker and its
// owner's associated token account in the job's mint, then the device's offer.
func (c *Client) SettleAuditedInstruction(job *gen.Job, audit *gen.Audit, treasury solana.PublicKey) (solana.Instruction, error) {
	addr, auditAddr, tokens, err := c.closingAccounts(job)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	ix, err := gen.NewSettleAuditedInstruction(c.Config, addr, auditAddr, audit.Payer, job.Escrow, tokens.Worker, treasury, tokens.Buyer, job.Buyer,
		tokens.Challenger, c.Registry, solana.TokenProgramID, s.ProgramID, s.Addresses.Config, job.Device)
	if err != nil {
		return nil, fmt.Errorf("build settle_audited: %w", err)
	}
	panel, err := c.panelAccounts(job, audit, true)
	if err != nil {
		return nil, err
	}
	full, err := appendAccounts(ix, panel)
	return c.withOffer(anchor.At("jobs", c.ProgramID, full, err))(job)
}

// ConvictAuditedInstruction convicts job once audit proves fraud; the slash's paid share goes
// to the checker vault (credited to the agreeing checkers), its burned share through ledger.
func (c *Client) ConvictAuditedInstruction(job *gen.Job, audit *gen.Audit, ioMint solana.PublicKey, ledger staking.BurnLedger) (solana.Instruction, error) {
	if err := checkLedger(ledger); err != nil {
		return nil, err
	}
	addr, auditAddr, tokens, err := c.closingAccounts(job)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	ix, err := gen.NewConvictAuditedInstruction(c.Config, addr, auditAddr, audit.Payer, job.Escrow, tokens.Buyer, job.Buyer, tokens.Challenger,
		c.Registry, solana.TokenProgramID, s.ProgramID, s.Addresses.Config, job.Device, s.Addresses.StakeVault, ioMint, c.CheckerVault,
		ledger.Program, ledger.State)
	if err != nil {
		return nil, fmt.Errorf("build convict_audited: %w", err)
	}
	panel, err := c.panelAccounts(job, audit, false)
	if err != nil {
		return nil, err
	}
	full, err := appendAccounts(ix, panel)
	return c.withOffer(anchor.At("jobs", c.ProgramID, full, err))(job)
}

func (c *Client) auditAddresses(job *gen.Job) (addr, audit solana.PublicKey, err error) {
	if addr, err = JobAddress(c.ProgramID, job.Id); err != nil {
		return addr, audit, err
	}
	audit, err = AuditAddress(c.ProgramID, addr)
	return addr, audit, err
}

// closingAccounts are what settle_audited and convict_audited both name: the job's and its
// audit's addresses and the job's token accounts, the buyer's standing in for the challenger's
// when nobody challenged.
func (c *Client) closingAccounts(job *gen.Job) (addr, audit solana.PublicKey, tokens TokenAccounts, err error) {
	if addr, audit, err = c.auditAddresses(job); err != nil {
		return addr, audit, tokens, err
	}
	if tokens, err = JobTokenAccounts(job); err != nil {
		return addr, audit, tokens, err
	}
	if tokens.Challenger.IsZero() {
		tokens.Challenger = tokens.Buyer
	}
	return addr, audit, tokens, nil
}

// panelAccounts are the accounts after settle_audited's or convict_audited's named ones: each
// filled slot's Checker (writable), with tokens followed by its owner's associated token account
// in the job's mint.
func (c *Client) panelAccounts(job *gen.Job, audit *gen.Audit, tokens bool) (solana.AccountMetaSlice, error) {
	var out solana.AccountMetaSlice
	for _, slot := range FilledSlots(audit) {
		owner := audit.Checkers[slot]
		checker, err := CheckerAddress(c.ProgramID, owner)
		if err != nil {
			return nil, err
		}
		out = append(out, solana.Meta(checker).WRITE())
		if tokens {
			token, err := solanax.AssociatedTokenAddress(owner, job.Mint)
			if err != nil {
				return nil, err
			}
			out = append(out, solana.Meta(token).WRITE())
		}
	}
	return out, nil
}

// appendAccounts is ix with extra accounts after its own.
func appendAccounts(ix solana.Instruction, extra solana.AccountMetaSlice) (solana.Instruction, error) {
	data, err := ix.Data()
	if err != nil {
		return nil, fmt.Errorf("build jobs instruction: %w", err)
	}
	accounts := append(append(solana.AccountMetaSlice{}, ix.Accounts()...), extra...)
	return solana.NewInstruction(ix.ProgramID(), accounts, data), nil
}

// DrawAudit draws job id for audit; payer pays the fee, and the Audit's rent when selected
// (returned when the audit closes).
func (c *Client) DrawAudit(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	ix, err := c.DrawAuditInstruction(payer.PublicKey(), id)
	return c.sendOne(ctx, fmt.Sprintf("draw audit of job %d", id), payer, []solana.Instruction{ix}, err)
}

// ErrSeedPending: a challenge's audit is seeded by the hash of the slot after the challenge,
// not in SlotHashes yet; assign again in a moment (the program would answer DrawTooEarly).
var ErrSeedPending = errors.New("the audit's seed slot is not complete yet: assign again in a moment")

// AssignChecker fills job id's audit's next slot with the checker the program will pick,
// computed here from the audit's seed (or, for a challenge's audit not yet seeded, its seed
// slot's hash), the registry and the job. ErrSeedPending while that slot's hash is not there.
func (c *Client) AssignChecker(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("assign checker to job %d", id)
	job, audit, err := c.jobAndAudit(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	pick, ok, err := c.NextPick(ctx, job, audit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if !ok && audit.Seeded == 0 {
		// The program may see the hash already (and pick someone) while this view does not:
		// sending a zero pick would fail WrongChecker.
		return nil, fmt.Errorf("%s: %w", what, ErrSeedPending)
	}
	ix, err := c.AssignCheckerInstruction(job, audit, pick)
	return c.sendOne(ctx, what, payer, []solana.Instruction{ix}, err)
}

// NextPick is the owner assign_checker will pick next for audit of job (ok false: none
// eligible). An unseeded audit is seeded from its seed slot's hash, read from SlotHashes; until
// that slot is complete NextPick returns a zero owner (the program answers DrawTooEarly).
func (c *Client) NextPick(ctx context.Context, job *gen.Job, audit *gen.Audit) (solana.PublicKey, bool, error) {
	if audit.Seeded == 0 {
		hash, ok, err := c.SlotHash(ctx, audit.SeedSlot)
		if err != nil || !ok {
			return solana.PublicKey{}, false, err
		}
		seeded := *audit
		addr, err := JobAddress(c.ProgramID, job.Id)
		if err != nil {
			return solana.PublicKey{}, false, err
		}
		seeded.Seed, seeded.Seeded = DrawSeed(hash, addr), 1
		audit = &seeded
	}
	reg, err := c.FetchRegistry(ctx)
	if err != nil {
		return solana.PublicKey{}, false, err
	}
	pick, ok := PickChecker(job, audit, reg)
	return pick, ok, nil
}

// PredictDraw says whether draw_audit will select job id: it reads the hash of the slot after
// the attestation from SlotHashes. ok is false while that slot is not complete (or after its
// hash has left SlotHashes).
func (c *Client) PredictDraw(ctx context.Context, id uint64) (selected, ok bool, err error) {
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return false, false, err
	}
	cfg, err := c.FetchConfig(ctx)
	if err != nil {
		return false, false, err
	}
	hash, ok, err := c.SlotHash(ctx, job.AttestedSlot+1)
	if err != nil || !ok {
		return false, false, err
	}
	addr, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return false, false, err
	}
	return Selected(DrawSeed(hash, addr), cfg.AuditRateBps), true, nil
}

// SlotHash reads slot's hash from the SlotHashes sysvar (ok false when it is not there).
func (c *Client) SlotHash(ctx context.Context, slot uint64) ([32]byte, bool, error) {
	res, err := c.sx.RPC.GetAccountInfoWithOpts(ctx, solana.SysVarSlotHashesPubkey, &rpc.GetAccountInfoOpts{
		Commitment: rpc.CommitmentProcessed, Encoding: solana.EncodingBase64, // the view transactions run against
	})
	if err != nil {
		return [32]byte{}, false, fmt.Errorf("read SlotHashes: %w", solanax.WrapRPCError("getAccountInfo", err))
	}
	if res == nil || res.Value == nil {
		return [32]byte{}, false, errors.New("read SlotHashes: the sysvar account is missing")
	}
	hash, ok := FindSlotHash(res.Value.Data.GetBinary(), slot)
	return hash, ok, nil
}

// FindSlotHash finds slot in SlotHashes' data (u64 count, then (slot u64, hash) entries).
func FindSlotHash(data []byte, slot uint64) ([32]byte, bool) {
	if len(data) < 8 {
		return [32]byte{}, false
	}
	n := binary.LittleEndian.Uint64(data[:8])
	for i := uint64(0); i < n && 8+(i+1)*40 <= uint64(len(data)); i++ {
		at := 8 + i*40
		if binary.LittleEndian.Uint64(data[at:at+8]) == slot {
			return [32]byte(data[at+8 : at+40]), true
		}
	}
	return [32]byte{}, false
}

// SubmitVerdict commits checkerOwner's verdict on job id to digest (VerdictCommitment), signed
// by verdictKey; payer pays. Reveal it with RevealVerdict once AllCommitted.
func (c *Client) SubmitVerdict(ctx context.Context, payer, verdictKey solana.PrivateKey, checkerOwner solana.PublicKey, id uint64, digest [32]byte) (*solanax.Result, error) {
	ix, err := c.SubmitVerdictInstruction(verdictKey.PublicKey(), checkerOwner, id, VerdictCommitment(digest, checkerOwner))
	return c.sendOne(ctx, fmt.Sprintf("submit verdict on job %d", id), payer, []solana.Instruction{ix}, err, verdictKey)
}

// ReplaceChecker penalises checkerOwner for missing its verdict deadline on job id and frees
// its slot (anyone may, once the deadline has passed).
func (c *Client) ReplaceChecker(ctx context.Context, payer solana.PrivateKey, id uint64, checkerOwner solana.PublicKey) (*solanax.Result, error) {
	what := fmt.Sprintf("replace checker %s on job %d", checkerOwner, id)
	fixed, err := c.Fixed(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ReplaceCheckerInstruction(id, checkerOwner, fixed.IOTreasury)
	return c.sendOne(ctx, what, payer, []solana.Instruction{ix}, err)
}

// SettleAudited settles job id once its audit says honest (anyone may). The parties' and the
// matching checkers' associated token accounts in the job's mint are created when missing.
func (c *Client) SettleAudited(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("settle audited job %d", id)
	job, audit, err := c.jobAndAudit(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	fixed, err := c.Fixed(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	treasury, err := fixed.TreasuryFor(job.Mint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	setup, err := ensurePartyAccounts(payer.PublicKey(), job)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	for _, slot := range FilledSlots(audit) {
		if audit.Verdicts[slot] != VerdictMatch {
			continue
		}
		ix, _, err := ensureTokenAccount(payer.PublicKey(), audit.Checkers[slot], job.Mint)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		setup = append(setup, ix)
	}
	ix, err := c.SettleAuditedInstruction(job, audit, treasury)
	return c.sendOne(ctx, what, payer, c.withSpecClose(ctx, append(setup, ix), job), err)
}

// ConvictAudited convicts job id once two of its three checkers found the same other result
// (anyone may): the buyer is refunded, the device slashed, the agreeing checkers credited.
func (c *Client) ConvictAudited(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("convict audited job %d", id)
	job, audit, err := c.jobAndAudit(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	fixed, err := c.Fixed(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	setup, err := ensurePartyAccounts(payer.PublicKey(), job)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ConvictAuditedInstruction(job, audit, fixed.IOMint, fixed.Ledger)
	return c.sendOne(ctx, what, payer, c.withSpecClose(ctx, append(setup, ix), job), err)
}

func (c *Client) jobAndAudit(ctx context.Context, id uint64) (*gen.Job, *gen.Audit, error) {
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	audit, err := c.FetchAudit(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return job, audit, nil
}
