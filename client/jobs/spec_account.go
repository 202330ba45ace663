package jobs

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Published specs: the buyer writes the job's canonical spec into the PDA ["spec", job]
// (publish_spec), which the program accepts as complete only when the bytes hash to the job's
// spec hash; workers read it from there. Its rent returns to the buyer when the job closes.
const (
	// SpecHeaderLen is the spec account's header before the spec bytes.
	SpecHeaderLen = 88
	// MaxSpecLen is the longest spec the program accepts.
	MaxSpecLen = 10_000
	// specChunk is how many spec bytes one publish_spec transaction carries.
	specChunk = 800
)

var seedSpec = []byte("spec")

// ErrSpecIncomplete means the spec account exists but its buyer has not finished writing it.
var ErrSpecIncomplete = errors.New("the job's spec is not completely published yet")

// SpecAddress is the spec account of the job at job.
func SpecAddress(programID, job solana.PublicKey) (solana.PublicKey, error) {
	return anchor.PDA(programID, seedSpec, job.Bytes())
}

// PublishSpecInstructions write canonical, the job's canonical spec, from offset from on: one
// publish_spec per chunk, each for its own transaction, in order.
func (c *Client) PublishSpecInstructions(buyer solana.PublicKey, id uint64, canonical []byte, from int) ([]solana.Instruction, error) {
	if len(canonical) == 0 || len(canonical) > MaxSpecLen {
		return nil, fmt.Errorf("publish spec: %d bytes; a published spec has 1 to %d", len(canonical), MaxSpecLen)
	}
	job, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	spec, bump, err := anchor.PDAWithBump(c.ProgramID, seedSpec, job.Bytes())
	if err != nil {
		return nil, err
	}
	var ixs []solana.Instruction
	for at := from; at < len(canonical); at += specChunk {
		end := min(at+specChunk, len(canonical))
		ix, err := gen.NewPublishSpecInstruction(uint32(len(canonical)), uint32(at), canonical[at:end], bump, buyer, job, spec, solana.SystemProgramID)
		if ix, err = anchor.At("jobs", c.ProgramID, ix, err); err != nil {
			return nil, err
		}
		ixs = append(ixs, ix)
	}
	return ixs, nil
}

// PublishSpec publishes spec for open job id, whose buyer signs and pays the account's rent;
// after an interruption it goes on from what was written. A complete spec is left as it is.
func (c *Client) PublishSpec(ctx context.Context, buyer solana.PrivateKey, id uint64, spec *Spec) error {
	canonical, err := spec.Canonical()
	if err != nil {
		return err
	}
	head, _, err := c.fetchSpecAccount(ctx, id)
	from := 0
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return fmt.Errorf("publish spec of job %d: %w", id, err)
	case head.Complete != 0:
		return nil
	default:
		from = int(head.Written)
	}
	ixs, err := c.PublishSpecInstructions(buyer.PublicKey(), id, canonical, from)
	if err != nil {
		return fmt.Errorf("publish spec of job %d: %w", id, err)
	}
	for i, ix := range ixs {
		if _, err := c.sendOne(ctx, fmt.Sprintf("publish spec of job %d (%d/%d)", id, i+1, len(ixs)), buyer, []solana.Instruction{ix}, nil); err != nil {
			return err
		}
	}
	return nil
}

// FetchSpec reads job's published spec: ErrNotFound when none was published, ErrSpecIncomplete
// while it is being written. The bytes are checked against the job's spec hash again.
func (c *Client) FetchSpec(ctx context.Context, job *gen.Job) (*Spec, error) {
	head, body, err := c.fetchSpecAccount(ctx, job.Id)
	if err != nil {
		return nil, err
	}
	if head.Complete == 0 {
		return nil, ErrSpecIncomplete
	}
	if sha256.Sum256(body) != job.SpecHash {
		return nil, fmt.Errorf("job %d's published spec does not hash to its spec hash", job.Id)
	}
	spec, err := ParseSpec(body)
	if err != nil {
		return nil, fmt.Errorf("job %d's published spec: %w", job.Id, err)
	}
	return spec, nil
}

func (c *Client) fetchSpecAccount(ctx context.Context, id uint64) (*gen.JobSpec, []byte, error) {
	job, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, nil, err
	}
	addr, err := SpecAddress(c.ProgramID, job)
	if err != nil {
		return nil, nil, err
	}
	res, err := c.sx.RPC.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if errors.Is(err, rpc.ErrNotFound) || (err == nil && (res == nil || res.Value == nil)) {
		return nil, nil, fmt.Errorf("spec of job %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("spec of job %d: %w", id, solanax.WrapRPCError("getAccountInfo", err))
	}
	if !res.Value.Owner.Equals(c.ProgramID) {
		return nil, nil, fmt.Errorf("spec of job %d: %w", id, ErrNotFound)
	}
	data := res.Value.Data.GetBinary()
	if len(data) < SpecHeaderLen {
		return nil, nil, fmt.Errorf("spec of job %d: account of %d bytes is too short", id, len(data))
	}
	head, err := gen.ParseAccount_JobSpec(data[:SpecHeaderLen])
	if err != nil {
		return nil, nil, fmt.Errorf("spec of job %d: %w", id, err)
	}
	if len(data) != SpecHeaderLen+int(head.Len) || head.Written > head.Len {
		return nil, nil, fmt.Errorf("spec of job %d: inconsistent account", id)
	}
	return head, data[SpecHeaderLen : SpecHeaderLen+int(head.Written)], nil
}

// CloseSpecInstruction returns the rent of job's spec account to the job's buyer; buyerSigns
// when the job still exists (then only its buyer may).
func (c *Client) CloseSpecInstruction(job *gen.Job, buyerSigns bool) (solana.Instruction, error) {
	addr, err := JobAddress(c.ProgramID, job.Id)
	if err != nil {
		return nil, err
	}
	spec, err := SpecAddress(c.ProgramID, addr)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewCloseSpecInstruction(spec, addr, job.Buyer)
	if ix, err = anchor.At("jobs", c.ProgramID, ix, err); err != nil {
		return nil, err
	}
	if buyerSigns {
		ix.Accounts()[2].IsSigner = true
	}
	return ix, nil
}

// withSpecClose appends close_spec to ixs, which close job, when job has a spec account: the
// rent returns to the buyer in the same transaction.
func (c *Client) withSpecClose(ctx context.Context, ixs []solana.Instruction, job *gen.Job) []solana.Instruction {
	if _, _, err := c.fetchSpecAccount(ctx, job.Id); err != nil {
		return ixs
	}
	ix, err := c.CloseSpecInstruction(job, false)
	if err != nil {
		return ixs
	}
	return append(ixs, ix)
}

// PublishedSpec is a spec account as the keeper lists it.
type PublishedSpec struct {
	Address solana.PublicKey
	Header  *gen.JobSpec
}

// ListSpecs lists every spec account of the program.
func (c *Client) ListSpecs(ctx context.Context) ([]PublishedSpec, error) {
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64,
		Filters: []rpc.RPCFilter{{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_JobSpec[:]}}},
	})
	if err != nil {
		return nil, fmt.Errorf("list specs: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	out := make([]PublishedSpec, 0, len(res))
	for _, a := range res {
		head, err := ParseSpecHeader(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list specs: decode %s: %w", a.Pubkey, err)
		}
		out = append(out, PublishedSpec{Address: a.Pubkey, Header: head})
	}
	return out, nil
}

// ParseSpecHeader reads a spec account's header.
func ParseSpecHeader(data []byte) (*gen.JobSpec, error) {
	if len(data) < SpecHeaderLen {
		return nil, fmt.Errorf("spec account of %d bytes is too short", len(data))
	}
	return gen.ParseAccount_JobSpec(data[:SpecHeaderLen])
}

// CloseSpecFor is close_spec for the spec account at spec of the job at job, whose rent goes to
// buyer: for a job that has closed (anyone may send it).
func (c *Client) CloseSpecFor(spec, job, buyer solana.PublicKey) (solana.Instruction, error) {
	ix, err := gen.NewCloseSpecInstruction(spec, job, buyer)
	return anchor.At("jobs", c.ProgramID, ix, err)
}
