package jobs

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ErrNotFound means the account does not exist: the program is not initialised, or the job
// never existed or has closed (settled, cancelled, expired, resolved).
var ErrNotFound = anchor.ErrNotFound

// State is where a job is; closed jobs no longer exist.
type State uint8

const (
	StateOpen State = iota
	StateClaimed
	StateAttested
	StateChallenged
	// StateAudited: drawn for audit (or challenged, when not audit-exempt): checkers re-run it
	// and their majority decides.
	StateAudited
)

var stateNames = []string{"open", "claimed", "attested", "challenged", "audited"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("state(%d)", s)
}

// ParseState reads a state name (open, claimed, attested, challenged, audited).
func ParseState(name string) (State, error) {
	for i, n := range stateNames {
		if strings.EqualFold(n, name) {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown job state %q: choose one of %s", name, strings.Join(stateNames, ", "))
}

// Account sizes and field offsets (programs-idl/jobs.json), for getProgramAccounts filters.
const (
	jobAccountLen   = 8 + 8 + 10*32 + 14*8 + 8
	jobBuyerOffset  = 16
	jobDeviceOffset = 8 + 8 + 4*32
	jobStateOffset  = jobAccountLen - 7
)

// FetchConfig reads the program's config.
func (c *Client) FetchConfig(ctx context.Context) (*gen.JobsConfig, error) {
	return anchor.Fetch(ctx, c.sx.RPC, "jobs", c.ProgramID, c.Config, "config", gen.ParseAccount_JobsConfig)
}

// FetchJob reads job id (ErrNotFound once it has closed).
func (c *Client) FetchJob(ctx context.Context, id uint64) (*gen.Job, error) {
	addr, err := JobAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	j, err := anchor.Fetch(ctx, c.sx.RPC, "jobs", c.ProgramID, addr, fmt.Sprintf("job %d", id), gen.ParseAccount_Job)
	return j, anchor.Described(err, fmt.Sprintf("job %d does not exist: it was never posted, or it closed (settled, cancelled, expired or resolved)", id))
}

// Filter narrows ListJobs; zero fields match everything.
type Filter struct {
	State     *State
	Buyer     solana.PublicKey
	DeviceKey solana.PublicKey
}

// ListJobs lists the open (not yet closed) jobs matching f, by id, through getProgramAccounts
// with size and memcmp filters.
func (c *Client) ListJobs(ctx context.Context, f Filter) ([]*gen.Job, error) {
	// Only jobs have this size among the program's accounts (the decoder checks the
	// discriminator), which leaves three of the RPC's four filters for f.
	filters := []rpc.RPCFilter{{DataSize: jobAccountLen}}
	if f.State != nil {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: jobStateOffset, Bytes: []byte{byte(*f.State)}}})
	}
	if !f.Buyer.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: jobBuyerOffset, Bytes: f.Buyer[:]}})
	}
	if !f.DeviceKey.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: jobDeviceOffset, Bytes: f.DeviceKey[:]}})
	}
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64, Filters: filters,
	})
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	jobs := make([]*gen.Job, 0, len(res))
	for _, a := range res {
		j, err := gen.ParseAccount_Job(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list jobs: decode %s: %w", a.Pubkey, err)
		}
		jobs = append(jobs, j)
	}
	sort.Slice(jobs, func(i, k int) bool { return jobs[i].Id < jobs[k].Id })
	return jobs, nil
}

// FetchJobsAt reads the job accounts at addrs in batches: one entry per address, nil where the
// job has closed (or never was).
func (c *Client) FetchJobsAt(ctx context.Context, addrs []solana.PublicKey) ([]*gen.Job, error) {
	return anchor.FetchMany(ctx, c.sx.RPC, "jobs", c.ProgramID, addrs, "job", gen.ParseAccount_Job)
}

// FetchSpecHeadersAt reads the headers of the spec accounts at addrs in batches: one entry per
// address, nil where there is no spec account (closed, or none published).
func (c *Client) FetchSpecHeadersAt(ctx context.Context, addrs []solana.PublicKey) ([]*gen.JobSpec, error) {
	return anchor.FetchMany(ctx, c.sx.RPC, "jobs", c.ProgramID, addrs, "spec", ParseSpecHeader)
}
