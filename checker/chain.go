package checker

import (
	"context"
	"errors"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// JobsChain is the jobs program client as the checker's Chain: the audits naming Owner, and
// verdicts paid by Payer and signed by the verdict key.
type JobsChain struct {
	Jobs  *jobs.Client
	Owner solana.PublicKey
	Payer solana.PrivateKey
}

func (j JobsChain) ProgramID() solana.PublicKey { return j.Jobs.ProgramID }

func (j JobsChain) Audits(ctx context.Context) ([]Assigned, error) {
	list, err := j.Jobs.AuditsOf(ctx, j.Owner)
	if err != nil {
		return nil, err
	}
	out := make([]Assigned, len(list))
	for i, a := range list {
		out[i] = Assigned{Address: a.Address, Audit: a.Audit}
	}
	return out, nil
}

func (j JobsChain) Job(ctx context.Context, addr solana.PublicKey) (*gen.Job, error) {
	found, err := j.Jobs.FetchJobsAt(ctx, []solana.PublicKey{addr})
	if err != nil {
		return nil, err
	}
	if found[0] == nil {
		return nil, jobs.ErrNotFound
	}
	return found[0], nil
}

func (j JobsChain) Spec(ctx context.Context, job *gen.Job) (*jobs.Spec, error) {
	return j.Jobs.FetchSpec(ctx, job)
}

func (j JobsChain) Now(ctx context.Context) (int64, error) {
	return solanax.ChainTime(ctx, j.Jobs.Solana().RPC)
}

// SubmitVerdict commits to the verdict; a slot that no longer waits for one is ErrAnswered.
func (j JobsChain) SubmitVerdict(ctx context.Context, verdictKey solana.PrivateKey, job *gen.Job, digest [32]byte) (solana.Signature, error) {
	res, err := j.Jobs.SubmitVerdict(ctx, j.Payer, verdictKey, j.Owner, job.Id, digest)
	if err != nil {
		switch jobs.ErrorName(err) {
		case gen.Error_AlreadyVoted, gen.Error_VerdictTooLate, gen.Error_WrongChecker, gen.Error_WrongAudit, gen.Error_JobNotFound:
			return solana.Signature{}, errors.Join(ErrAnswered, err)
		}
		return solana.Signature{}, err
	}
	return res.Signature, nil
}

// RevealVerdict reveals the committed digest; a slot that no longer waits for it is ErrAnswered.
func (j JobsChain) RevealVerdict(ctx context.Context, verdictKey solana.PrivateKey, job *gen.Job, digest [32]byte) (solana.Signature, error) {
	res, err := j.Jobs.RevealVerdict(ctx, j.Payer, verdictKey, j.Owner, job.Id, digest)
	return answered(res, err)
}

// EscalateAudit raises job's sampled audit to three checkers, the verdict sealed.
func (j JobsChain) EscalateAudit(ctx context.Context, verdictKey solana.PrivateKey, job *gen.Job) (solana.Signature, error) {
	res, err := j.Jobs.EscalateAudit(ctx, j.Payer, verdictKey, j.Owner, job.Id)
	return answered(res, err)
}

// answered maps a refusal meaning the slot no longer waits (revealed, replaced, decided,
// closed, or the digest does not open the commitment) to ErrAnswered.
func answered(res *solanax.Result, err error) (solana.Signature, error) {
	if err != nil {
		switch jobs.ErrorName(err) {
		case gen.Error_VerdictNotCommitted, gen.Error_VerdictTooLate, gen.Error_WrongChecker, gen.Error_WrongAudit,
			gen.Error_JobNotFound, gen.Error_RevealMismatch, gen.Error_NotSampled:
			return solana.Signature{}, errors.Join(ErrAnswered, err)
		}
		return solana.Signature{}, err
	}
	return res.Signature, nil
}
