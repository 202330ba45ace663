package jobs

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// The steps anyone may take on a job once it is due (the keeper's duties, the CLI's commands):
// each is its set-up, the parties' token accounts in the job's mint that the step pays, created
// when missing (paid by payer, idempotent), and its main instruction.

// SettleJobInstructions are settle_job for job after its challenge window, with its set-up.
func (c *Client) SettleJobInstructions(payer solana.PublicKey, fixed *Fixed, job *gen.Job) (setup []solana.Instruction, main solana.Instruction, err error) {
	treasury, err := fixed.TreasuryFor(job.Mint)
	if err != nil {
		return nil, nil, err
	}
	if setup, err = ensurePartyAccounts(payer, job); err != nil {
		return nil, nil, err
	}
	main, err = c.SettleJobInstruction(job, treasury)
	return setup, main, err
}

// ExpireJobInstructions are expire_job for job past its deadline and grace, with its set-up.
// The paid share of the device's penalty goes to the IO treasury, never the caller.
func (c *Client) ExpireJobInstructions(payer solana.PublicKey, fixed *Fixed, job *gen.Job) (setup []solana.Instruction, main solana.Instruction, err error) {
	if setup, err = ensurePartyAccounts(payer, job); err != nil {
		return nil, nil, err
	}
	main, err = c.ExpireJobInstruction(job, fixed.IOMint, fixed.IOTreasury, fixed.Ledger)
	return setup, main, err
}

// LapseChallengeInstructions are lapse_challenge for job past its resolution deadline, with
// its set-up: the job settles as unchallenged and the bond returns.
func (c *Client) LapseChallengeInstructions(payer solana.PublicKey, fixed *Fixed, job *gen.Job) (setup []solana.Instruction, main solana.Instruction, err error) {
	treasury, err := fixed.TreasuryFor(job.Mint)
	if err != nil {
		return nil, nil, err
	}
	if setup, err = ensurePartyAccounts(payer, job); err != nil {
		return nil, nil, err
	}
	main, err = c.LapseChallengeInstruction(job, treasury)
	return setup, main, err
}

// SettleAuditedInstructions are settle_audited for job once audit says honest, with its set-up
// (the parties' accounts, and those of the checkers who matched, in the job's mint).
func (c *Client) SettleAuditedInstructions(payer solana.PublicKey, fixed *Fixed, job *gen.Job, audit *gen.Audit) (setup []solana.Instruction, main solana.Instruction, err error) {
	treasury, err := fixed.TreasuryFor(job.Mint)
	if err != nil {
		return nil, nil, err
	}
	if setup, err = ensurePartyAccounts(payer, job); err != nil {
		return nil, nil, err
	}
	for _, slot := range FilledSlots(audit) {
		if audit.Verdicts[slot] != VerdictMatch {
			continue
		}
		ix, _, err := ensureTokenAccount(payer, audit.Checkers[slot], job.Mint)
		if err != nil {
			return nil, nil, err
		}
		setup = append(setup, ix)
	}
	main, err = c.SettleAuditedInstruction(job, audit, treasury)
	return setup, main, err
}

// ConvictAuditedInstructions are convict_audited for job once two of its audit's checkers found
// another result, with its set-up.
func (c *Client) ConvictAuditedInstructions(payer solana.PublicKey, fixed *Fixed, job *gen.Job, audit *gen.Audit) (setup []solana.Instruction, main solana.Instruction, err error) {
	if setup, err = ensurePartyAccounts(payer, job); err != nil {
		return nil, nil, err
	}
	main, err = c.ConvictAuditedInstruction(job, audit, fixed.IOMint, fixed.Ledger)
	return setup, main, err
}
