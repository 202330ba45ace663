package jobs

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// High-level operations: build, send and confirm one transaction each. Token accounts are the
// parties' associated token accounts, created in the same transaction where they may be missing.

// Initialize sets the program up for ioMint and usdcMint; payer, the program's upgrade authority
// (no one else may), signs and pays; params name the authority and the arbiter.
func (c *Client) Initialize(ctx context.Context, payer solana.PrivateKey, ioMint, usdcMint solana.PublicKey, params gen.Params) (*solanax.Result, error) {
	ix, err := c.InitializeInstruction(payer.PublicKey(), ioMint, usdcMint, params)
	return c.sendOne(ctx, "initialize jobs", payer, []solana.Instruction{ix}, err)
}

// UpdateParams replaces every parameter (update authority only).
func (c *Client) UpdateParams(ctx context.Context, authority solana.PrivateKey, params gen.Params) (*solanax.Result, error) {
	ix, err := c.UpdateParamsInstruction(authority.PublicKey(), params)
	return c.sendOne(ctx, "update jobs params", authority, []solana.Instruction{ix}, err)
}

// CreateJob escrows t's cost from buyer's associated account in mint and returns the new job's
// id. The id is the config's next id; when another buyer takes it first the program answers
// JobIdMismatch and CreateJob retries with the new next id.
func (c *Client) CreateJob(ctx context.Context, buyer solana.PrivateKey, mint solana.PublicKey, t Terms) (uint64, *solanax.Result, error) {
	const attempts = 3
	token, err := solanax.AssociatedTokenAddress(buyer.PublicKey(), mint)
	if err != nil {
		return 0, nil, fmt.Errorf("create job: %w", err)
	}
	for attempt := 1; ; attempt++ {
		cfg, err := c.FetchConfig(ctx)
		if err != nil {
			return 0, nil, fmt.Errorf("create job: %w", err)
		}
		id := cfg.NextJobId
		ix, err := c.CreateJobInstruction(buyer.PublicKey(), token, mint, id, t)
		res, err := c.sendOne(ctx, fmt.Sprintf("create job %d", id), buyer, []solana.Instruction{ix}, err)
		if ErrorName(err) == gen.Error_JobIdMismatch && attempt < attempts {
			continue
		}
		return id, res, err
	}
}

// CancelJob refunds and closes buyer's unclaimed job id.
func (c *Client) CancelJob(ctx context.Context, buyer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("cancel job %d", id)
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.CancelJobInstruction(job)
	return c.sendOne(ctx, what, buyer, c.withSpecClose(ctx, []solana.Instruction{ix}, job), err)
}

// ClaimJob claims job id for device (which signs); owner, the device's owner, pays, and its
// associated account in the job's mint, where it will be paid, is created when missing.
func (c *Client) ClaimJob(ctx context.Context, owner, device solana.PrivateKey, id uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("claim job %d", id)
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	create, _, err := ensureTokenAccount(owner.PublicKey(), owner.PublicKey(), job.Mint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ClaimJobInstruction(id, device.PublicKey())
	return c.sendOne(ctx, what, owner, []solana.Instruction{create, ix}, err, device)
}

// SubmitAttestation has device sign a for job id and submits it; payer pays the fee.
func (c *Client) SubmitAttestation(ctx context.Context, payer, device solana.PrivateKey, id uint64, a Attestation) (*solanax.Result, error) {
	ixs, err := c.SubmitAttestationInstructions(device, id, a)
	return c.sendOne(ctx, fmt.Sprintf("attest job %d", id), payer, ixs, err)
}

// SettleJob settles job id after its challenge window; anyone (payer) may.
func (c *Client) SettleJob(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	return c.dueStep(ctx, fmt.Sprintf("settle job %d", id), payer, id, c.SettleJobInstructions)
}

// ExpireJob expires job id past its deadline and grace; anyone (payer) may. The paid share of
// the device's penalty goes to the IO treasury.
func (c *Client) ExpireJob(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	return c.dueStep(ctx, fmt.Sprintf("expire job %d", id), payer, id, c.ExpireJobInstructions)
}

// LapseChallenge applies the default outcome to job id's challenge after its resolution
// deadline: anyone (payer) may. The job settles as unchallenged and the bond returns to the
// challenger.
func (c *Client) LapseChallenge(ctx context.Context, payer solana.PrivateKey, id uint64) (*solanax.Result, error) {
	return c.dueStep(ctx, fmt.Sprintf("lapse challenge of job %d", id), payer, id, c.LapseChallengeInstructions)
}

// dueStep sends the step build makes for job id (its set-up, its main instruction and the spec
// account's close when the job closes), paid by payer; what names it in errors.
func (c *Client) dueStep(ctx context.Context, what string, payer solana.PrivateKey, id uint64,
	build func(solana.PublicKey, *Fixed, *gen.Job) ([]solana.Instruction, solana.Instruction, error)) (*solanax.Result, error) {
	job, fixed, err := c.jobAndFixed(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	setup, ix, err := build(payer.PublicKey(), fixed, job)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return c.sendOne(ctx, what, payer, c.withSpecClose(ctx, append(setup, ix), job), nil)
}

// ChallengeJob challenges job id's attestation with bond from challenger's account in the job's mint.
func (c *Client) ChallengeJob(ctx context.Context, challenger solana.PrivateKey, id uint64, bond uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("challenge job %d", id)
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	token, err := solanax.AssociatedTokenAddress(challenger.PublicKey(), job.Mint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ChallengeJobInstruction(challenger.PublicKey(), token, job, bond)
	return c.sendOne(ctx, what, challenger, []solana.Instruction{ix}, err)
}

// ResolveChallenge decides job id's challenge (arbiter only). On fraud the challenger's IO
// account (created when missing) receives the paid share of the slash.
func (c *Client) ResolveChallenge(ctx context.Context, arbiter solana.PrivateKey, id uint64, fraud bool) (*solanax.Result, error) {
	what := fmt.Sprintf("resolve challenge of job %d", id)
	job, fixed, err := c.jobAndFixed(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	treasury, err := fixed.TreasuryFor(job.Mint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	create, beneficiary, err := ensureTokenAccount(arbiter.PublicKey(), job.Challenger, fixed.IOMint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ixs, err := ensurePartyAccounts(arbiter.PublicKey(), job)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ResolveChallengeInstruction(arbiter.PublicKey(), job, treasury, fixed.IOMint, beneficiary, fraud, fixed.Ledger)
	return c.sendOne(ctx, what, arbiter, c.withSpecClose(ctx, append(ixs, create, ix), job), err)
}

func (c *Client) jobAndFixed(ctx context.Context, id uint64) (*gen.Job, *Fixed, error) {
	fixed, err := c.Fixed(ctx)
	if err != nil {
		return nil, nil, err
	}
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return job, fixed, nil
}

// ensureTokenAccount is owner's associated account in mint and the instruction that creates it
// when missing (paid by payer).
func ensureTokenAccount(payer, owner, mint solana.PublicKey) (solana.Instruction, solana.PublicKey, error) {
	addr, err := solanax.AssociatedTokenAddress(owner, mint)
	if err != nil {
		return nil, solana.PublicKey{}, err
	}
	ix, err := solanax.CreateAssociatedTokenAccountIdempotent(payer, owner, mint, solana.TokenProgramID)
	return ix, addr, err
}

// ensurePartyAccounts creates, when missing (paid by payer), the associated token accounts in
// the job's mint that its settlement pays: the buyer's, the worker's and the challenger's. A
// party that closed its account cannot block the others' payment.
func ensurePartyAccounts(payer solana.PublicKey, job *gen.Job) ([]solana.Instruction, error) {
	var ixs []solana.Instruction
	for _, owner := range []solana.PublicKey{job.Buyer, job.Worker, job.Challenger} {
		if owner.IsZero() {
			continue
		}
		ix, _, err := ensureTokenAccount(payer, owner, job.Mint)
		if err != nil {
			return nil, err
		}
		ixs = append(ixs, ix)
	}
	return ixs, nil
}
