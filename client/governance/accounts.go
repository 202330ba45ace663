package governance

import (
	"context"
	"fmt"
	"sort"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ErrNotFound means the account does not exist (not initialised, no such proposal, no vote).
var ErrNotFound = anchor.ErrNotFound

// ProposalSize is the byte size of a Proposal account (programs/governance/src/state.rs).
const ProposalSize = 3088

func fetch[T any](ctx context.Context, c *Client, addr solana.PublicKey, what string, parse func([]byte) (*T, error)) (*T, error) {
	return anchor.Fetch(ctx, c.sx.RPC, "governance", c.ProgramID, addr, what, parse)
}

// FetchGovernance reads the governance settings.
func (c *Client) FetchGovernance(ctx context.Context) (*gen.Governance, error) {
	g, err := fetch(ctx, c, c.Governance, "settings", gen.ParseAccount_Governance)
	return g, anchor.Described(err, "governance is not initialised on this cluster (its upgrade authority runs `ionet gov init`)")
}

// FetchProposal reads proposal id.
func (c *Client) FetchProposal(ctx context.Context, id uint64) (*gen.Proposal, error) {
	addr, err := ProposalAddress(c.ProgramID, id)
	if err != nil {
		return nil, err
	}
	p, err := fetch(ctx, c, addr, "proposal", gen.ParseAccount_Proposal)
	return p, anchor.Described(err, fmt.Sprintf("proposal %d does not exist (see `ionet gov list`)", id))
}

// FetchVoteRecord reads the vote of voter's stake position on proposal id.
func (c *Client) FetchVoteRecord(ctx context.Context, id uint64, voter solana.PublicKey) (*gen.VoteRecord, error) {
	addr, err := c.voteRecordOf(id, voter)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, c, addr, "vote record", gen.ParseAccount_VoteRecord)
}

// ListProposals reads every proposal, by id.
func (c *Client) ListProposals(ctx context.Context) ([]*gen.Proposal, error) {
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed,
		Encoding:   solana.EncodingBase64,
		Filters: []rpc.RPCFilter{
			{DataSize: ProposalSize},
			{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_Proposal[:]}},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("list governance proposals: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	out := make([]*gen.Proposal, 0, len(res))
	for _, a := range res {
		p, err := gen.ParseAccount_Proposal(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("decode governance proposal %s: %w", a.Pubkey, err)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Id < out[j].Id })
	return out, nil
}
