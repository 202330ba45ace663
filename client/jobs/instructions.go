package jobs

import (
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// Instruction builders: gen's builders with PDAs, recorded accounts and fixed programs filled in, each put at
// c.ProgramID by anchor.At (gen's builders name the IDL's address).

// Terms are what a buyer asks for and pays.
type Terms struct {
	SpecHash           [32]byte
	GPUClass           uint8 // index into the staking program's class table
	GPUCount           uint64
	PricePerHour       uint64 // base units of the payment mint
	MaxDurationSeconds uint64
	// AuditExempt: the spec opts out of re-execution (verify mode none): the job is never drawn
	// for audit and its challenges go to the arbiter.
	AuditExempt bool
}

// InitializeInstruction creates the config and treasuries for ioMint and usdcMint, reading
// devices from and slashing through the staking client's program; payer, who must be the
// program's upgrade authority, signs and pays (params name the authority and the arbiter).
func (c *Client) InitializeInstruction(payer, ioMint, usdcMint solana.PublicKey, params gen.Params) (solana.Instruction, error) {
	ioTreasury, err := TreasuryAddress(c.ProgramID, ioMint)
	if err != nil {
		return nil, err
	}
	usdcTreasury, err := TreasuryAddress(c.ProgramID, usdcMint)
	if err != nil {
		return nil, err
	}
	programData, err := anchor.ProgramDataAddress(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewInitializeInstruction(params, payer, c.Config, ioMint, usdcMint, ioTreasury, usdcTreasury, c.CheckerVault, c.Registry,
		c.Staking.ProgramID, programData, solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

func (c *Client) UpdateParamsInstruction(authority solana.PublicKey, params gen.Params) (solana.Instruction, error) {
	ix, err := gen.NewUpdateParamsInstruction(params, authority, c.Config)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// CheckParamsInstruction asks whether update_params(params), signed by authority, would be
// accepted and leave authority the authority (return data).
func (c *Client) CheckParamsInstruction(authority solana.PublicKey, params gen.Params) (solana.Instruction, error) {
	ix, err := gen.NewCheckParamsInstruction(params, c.Config, authority)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// CreateJobInstruction creates job id (the config's next id) paid from buyerToken in mint.
// It passes the job's and escrow's canonical bumps: the program takes them without a search.
func (c *Client) CreateJobInstruction(buyer, buyerToken, mint solana.PublicKey, id uint64, t Terms) (solana.Instruction, error) {
	job, jobBump, err := jobPDA(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	escrow, escrowBump, err := escrowPDA(c.ProgramID, job)
	if err != nil {
		return nil, err
	}
	exempt := uint8(0)
	if t.AuditExempt {
		exempt = 1
	}
	ix, err := gen.NewCreateJobInstruction(id, t.SpecHash, t.GPUClass, t.GPUCount, t.PricePerHour, t.MaxDurationSeconds, exempt,
		jobBump, escrowBump, buyer, c.Config, job, escrow, mint, buyerToken, solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// TokenAccounts are the associated token accounts, in a job's mint, that its instructions pay:
// the buyer's (refunds), the worker's (payment) and the challenger's (bond returned on fraud).
// The program accepts any token account of the right owner and mint; these are the defaults.
type TokenAccounts struct {
	Buyer, Worker, Challenger solana.PublicKey
}

// JobTokenAccounts are job's parties' associated token accounts in its mint (zero for a party
// the job does not have yet).
func JobTokenAccounts(job *gen.Job) (TokenAccounts, error) {
	var out TokenAccounts
	for _, p := range []struct {
		owner solana.PublicKey
		out   *solana.PublicKey
	}{{job.Buyer, &out.Buyer}, {job.Worker, &out.Worker}, {job.Challenger, &out.Challenger}} {
		if p.owner.IsZero() {
			continue
		}
		addr, err := solanax.AssociatedTokenAddress(p.owner, job.Mint)
		if err != nil {
			return out, err
		}
		*p.out = addr
	}
	return out, nil
}

// jobAccounts are job's PDA and its parties' token accounts.
func (c *Client) jobAccounts(job *gen.Job) (solana.PublicKey, TokenAccounts, error) {
	addr, err := JobAddress(c.ProgramID, job.Id)
	if err != nil {
		return addr, TokenAccounts{}, err
	}
	tokens, err := JobTokenAccounts(job)
	return addr, tokens, err
}

func (c *Client) CancelJobInstruction(job *gen.Job) (solana.Instruction, error) {
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewCancelJobInstruction(job.Buyer, addr, job.Escrow, tokens.Buyer, solana.TokenProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// ClaimJobInstruction claims job id for deviceKey (which signs); the device's owner becomes the
// job's worker, and the job's worst-case penalty is reserved in the device's stake.
func (c *Client) ClaimJobInstruction(id uint64, deviceKey solana.PublicKey) (solana.Instruction, error) {
	addr, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	device, err := c.deviceAddress(deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewClaimJobInstruction(deviceKey, c.Config, addr, c.Staking.Addresses.Config, device, c.Staking.ProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

func (c *Client) deviceAddress(deviceKey solana.PublicKey) (solana.PublicKey, error) {
	return staking.DeviceAddress(c.Staking.ProgramID, deviceKey)
}

// SubmitAttestationInstructions are the ed25519 verify instruction (deviceKey signs a's
// message) and submit_attestation right after it, as the program requires.
func (c *Client) SubmitAttestationInstructions(deviceKey solana.PrivateKey, id uint64, a Attestation) ([]solana.Instruction, error) {
	addr, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	verify, err := SignAttestation(deviceKey, addr, id, a)
	if err != nil {
		return nil, err
	}
	submit, err := c.SubmitAttestationInstruction(id, a)
	if err != nil {
		return nil, err
	}
	return []solana.Instruction{verify, submit}, nil
}

// SubmitAttestationInstruction is submit_attestation alone (its verify instruction must precede it).
func (c *Client) SubmitAttestationInstruction(id uint64, a Attestation) (solana.Instruction, error) {
	addr, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewSubmitAttestationInstruction(a.ResultHash, a.StartedTs, a.EndedTs, a.MetricsDigest, c.Config, addr, solana.SysVarInstructionsPubkey)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// SettleJobInstruction settles job; treasury is the config's treasury for the job's mint.
func (c *Client) SettleJobInstruction(job *gen.Job, treasury solana.PublicKey) (solana.Instruction, error) {
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	ix, err := gen.NewSettleJobInstruction(c.Config, addr, job.Escrow, tokens.Worker, treasury, tokens.Buyer, job.Buyer, solana.TokenProgramID,
		s.ProgramID, s.Addresses.Config, job.Device)
	return c.withOffer(anchor.At("jobs", c.ProgramID, ix, err))(job)
}

// LapseChallengeInstruction applies the default outcome to job's challenge after its resolution
// deadline (anyone); treasury is the config's treasury for the job's mint.
func (c *Client) LapseChallengeInstruction(job *gen.Job, treasury solana.PublicKey) (solana.Instruction, error) {
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	ix, err := gen.NewLapseChallengeInstruction(c.Config, addr, job.Escrow, tokens.Worker, treasury, tokens.Buyer, job.Buyer, tokens.Challenger,
		solana.TokenProgramID, s.ProgramID, s.Addresses.Config, job.Device)
	return c.withOffer(anchor.At("jobs", c.ProgramID, ix, err))(job)
}

// ExpireJobInstruction expires job; beneficiary receives the paid share of the penalty and must
// be the config's IO treasury (Fixed.IOTreasury); the burned share goes through ledger
// (Fixed.Ledger).
func (c *Client) ExpireJobInstruction(job *gen.Job, ioMint, beneficiary solana.PublicKey, ledger staking.BurnLedger) (solana.Instruction, error) {
	if err := checkLedger(ledger); err != nil {
		return nil, err
	}
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	ix, err := gen.NewExpireJobInstruction(c.Config, addr, job.Escrow, tokens.Buyer, job.Buyer, solana.TokenProgramID,
		s.ProgramID, s.Addresses.Config, job.Device, s.Addresses.StakeVault, ioMint, beneficiary, ledger.Program, ledger.State)
	return c.withOffer(anchor.At("jobs", c.ProgramID, ix, err))(job)
}

// ChallengeJobInstruction challenges job with bond from challengerToken (in the job's mint). A job
// that is not audit-exempt goes to a 3-checker audit (the challenger pays its Audit's rent).
func (c *Client) ChallengeJobInstruction(challenger, challengerToken solana.PublicKey, job *gen.Job, bond uint64) (solana.Instruction, error) {
	addr, err := JobAddress(c.ProgramID, job.Id)
	if err != nil {
		return nil, err
	}
	position, err := staking.PositionAddress(c.Staking.ProgramID, challenger)
	if err != nil {
		return nil, err
	}
	audit, err := AuditAddress(c.ProgramID, addr)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewChallengeJobInstruction(bond, challenger, c.Config, addr, job.Escrow, challengerToken, position, solana.TokenProgramID,
		audit, solana.SystemProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// ResolveChallengeInstruction resolves job's challenge; beneficiary is the challenger's IO
// token account (paid share of a fraud slash); the burned share goes through ledger.
func (c *Client) ResolveChallengeInstruction(arbiter solana.PublicKey, job *gen.Job, treasury, ioMint, beneficiary solana.PublicKey, fraud bool, ledger staking.BurnLedger) (solana.Instruction, error) {
	if err := checkLedger(ledger); err != nil {
		return nil, err
	}
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	ix, err := gen.NewResolveChallengeInstruction(fraud, arbiter, c.Config, addr, job.Escrow, tokens.Worker, treasury, tokens.Buyer, job.Buyer,
		tokens.Challenger, solana.TokenProgramID, s.ProgramID, s.Addresses.Config, job.Device, s.Addresses.StakeVault, ioMint, beneficiary,
		ledger.Program, ledger.State)
	return c.withOffer(anchor.At("jobs", c.ProgramID, ix, err))(job)
}

// withOffer appends the job device's co-staking offer (staking.OfferAddress) to a
// built instruction that ends a claimed job: the staking program needs it for a device with an
// offer (the job's outcome in its reliability record; a slash's first loss to the owner, then
// co-stake) and ignores it otherwise.
func (c *Client) withOffer(ix solana.Instruction, err error) func(job *gen.Job) (solana.Instruction, error) {
	return func(job *gen.Job) (solana.Instruction, error) {
		if err != nil {
			return nil, err
		}
		offer, err := staking.OfferAddress(c.Staking.ProgramID, job.DeviceKey)
		if err != nil {
			return nil, err
		}
		data, err := ix.Data()
		if err != nil {
			return nil, fmt.Errorf("build jobs instruction: %w", err)
		}
		accounts := append(append(solana.AccountMetaSlice{}, ix.Accounts()...), solana.Meta(offer).WRITE())
		return solana.NewInstruction(ix.ProgramID(), accounts, data), nil
	}
}

// checkLedger refuses a zero burn ledger (Fixed.Ledger before the emission program is set up):
// the slash these instructions may make burns through it.
func checkLedger(ledger staking.BurnLedger) error {
	if ledger.Program.IsZero() || ledger.State.IsZero() {
		return fmt.Errorf("no burn ledger: the emission program is not set up (it must hold the IO mint authority) and slashes burn through it")
	}
	return nil
}
