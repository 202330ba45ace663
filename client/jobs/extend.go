package jobs

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ExtensionCost is what extending job by extraSeconds adds to its escrow: the quote of the new
// maximum duration less what is escrowed, as the program computes it.
func ExtensionCost(job *gen.Job, extraSeconds uint64) (uint64, error) {
	q, err := NewQuote(job.PricePerHour, job.MaxDurationSeconds+extraSeconds, job.FeeBps)
	if err != nil {
		return 0, err
	}
	if q.Escrow < job.Escrowed {
		return 0, fmt.Errorf("extension cost: the new quote %d is below the escrow %d", q.Escrow, job.Escrowed)
	}
	return q.Escrow - job.Escrowed, nil
}

// ExtendJobInstruction adds extraSeconds to job at its price, the buyer paying from its
// associated account in the job's mint.
func (c *Client) ExtendJobInstruction(job *gen.Job, extraSeconds uint64) (solana.Instruction, error) {
	addr, tokens, err := c.jobAccounts(job)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewExtendJobInstruction(extraSeconds, job.Buyer, c.Config, addr, job.Escrow, tokens.Buyer, solana.TokenProgramID)
	return anchor.At("jobs", c.ProgramID, ix, err)
}

// ExtendJob extends buyer's open or running job id by extraSeconds at the same price: the
// escrow grows by ExtensionCost and the deadline moves.
func (c *Client) ExtendJob(ctx context.Context, buyer solana.PrivateKey, id, extraSeconds uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("extend job %d", id)
	job, err := c.FetchJob(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ExtendJobInstruction(job, extraSeconds)
	return c.sendOne(ctx, what, buyer, []solana.Instruction{ix}, err)
}
