package jobs

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// FailureDomain starts the message of a failed run's attestation: the same fields as an
// attestation under its own domain, so neither signature passes for the other.
const FailureDomain = "ionet-failed-v1\x00"

// FailureMessage is the canonical bytes the device key signs to attest that its run of the job
// failed: Message with FailureDomain in place of AttestationDomain.
func (a Attestation) FailureMessage(job solana.PublicKey, jobID uint64) []byte {
	m := a.Message(job, jobID)
	copy(m, FailureDomain)
	return m
}

// AttestFailureInstructions are the ed25519 verify instruction over a's failure message,
// signed by deviceKey, and attest_failure for job (whose buyer is refunded at once).
func (c *Client) AttestFailureInstructions(deviceKey solana.PrivateKey, job *gen.Job, a Attestation) ([]solana.Instruction, error) {
	addr, err := JobAddress(c.ProgramID, job.Id)
	if err != nil {
		return nil, err
	}
	msg := a.FailureMessage(addr, job.Id)
	verify, err := Ed25519VerifyInstruction(deviceKey.PublicKey(), ed25519.Sign(ed25519.PrivateKey(deviceKey), msg), msg)
	if err != nil {
		return nil, err
	}
	fail, err := c.AttestFailureInstruction(job, a)
	if err != nil {
		return nil, err
	}
	return []solana.Instruction{verify, fail}, nil
}

// AttestFailureInstruction is attest_failure alone (its verify instruction must precede it).
func (c *Client) AttestFailureInstruction(job *gen.Job, a Attestation) (solana.Instruction, error) {
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewAttestFailureInstruction(a.ResultHash, a.StartedTs, a.EndedTs, a.MetricsDigest, c.Config, addr,
		job.Escrow, tokens.Buyer, solana.TokenProgramID, solana.SysVarInstructionsPubkey)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// AttestFailure attests that device's run of job id failed (a's result hash covers its exit
// code, times and logs): the buyer is refunded at once (its token account is created when
// missing), the device takes no expiry penalty, and the job settles after its challenge window
// paying the worker nothing. payer pays the fees.
func (c *Client) AttestFailure(ctx context.Context, payer, device solana.PrivateKey, id uint64, a Attestation) (*solanax.Result, error) {
	what := fmt.Sprintf("attest job %d failed", id)
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	create, _, err := ensureTokenAccount(payer.PublicKey(), job.Buyer, job.Mint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ixs, err := c.AttestFailureInstructions(device, job, a)
	return c.sendOne(ctx, what, payer, append([]solana.Instruction{create}, ixs...), err)
}
