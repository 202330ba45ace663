package explorer

import (
	"context"
	"fmt"
	"sort"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// maxWalletRows bounds each table of the wallet page.
const maxWalletRows = 200

// voteVoterOffset is VoteRecord.voter's offset: discriminator, proposal, position.
const voteVoterOffset = 8 + 32 + 32

// Balance is one balance of the wallet.
type Balance struct {
	Asset  string     `json:"asset"`
	Amount cli.Amount `json:"amount"`
}

// Position is the wallet's stake position.
type Position struct {
	Exists      bool          `json:"exists"`
	Address     string        `json:"address"`
	Active      cli.Amount    `json:"active"`
	Claimable   cli.Amount    `json:"claimable"`
	Claimed     cli.Amount    `json:"claimed"`
	LockedUntil string        `json:"lockedUntil"` // a governance vote lock, "-" when none
	Cooldowns   []CooldownRow `json:"cooldowns"`
}

// VoteRow is one of the wallet's votes.
type VoteRow struct {
	Proposal uint64     `json:"proposal"`
	Title    string     `json:"title"`
	Choice   string     `json:"choice"`
	Weight   cli.Amount `json:"weight"`
	Time     string     `json:"time"`
}

// Wallet is everything that concerns one public key.
type Wallet struct {
	Address  string      `json:"address"`
	Balances []Balance   `json:"balances"`
	Position Position    `json:"position"`
	Devices  []DeviceRow `json:"devices"` // owned by the wallet, or the wallet's own device key
	Jobs     []JobRow    `json:"jobs"`    // as buyer: open, then closed (newest first)
	Votes    []VoteRow   `json:"votes"`
}

// ReadWallet reads what concerns key.
func (c *Chain) ReadWallet(ctx context.Context, h *History, key solana.PublicKey) (*Wallet, error) {
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	views, err := c.jobViews(ctx)
	if err != nil {
		return nil, err
	}
	out := &Wallet{Address: key.String(), Devices: []DeviceRow{}, Votes: []VoteRow{}}
	bal, err := c.SX.WalletBalances(ctx, key, views.cfg.IoMint, views.cfg.UsdcMint)
	if err != nil {
		return nil, err
	}
	out.Balances = []Balance{{"SOL", cli.NewAmount(bal.Lamports, solanax.SOLDecimals)}}
	for i, name := range []string{"IO", "USDC"} {
		out.Balances = append(out.Balances, Balance{name, cli.NewAmount(bal.Tokens[i].Amount, bal.Tokens[i].Decimals)})
	}
	if out.Position, err = c.position(ctx, key); err != nil {
		return nil, err
	}
	epoch, err := c.Emission.CurrentEpoch(ctx)
	if err != nil {
		return nil, err
	}
	live, err := c.liveDevices(ctx, epoch)
	if err != nil {
		return nil, err
	}
	owned, err := c.listDevices(ctx, key)
	if err != nil {
		return nil, err
	}
	if d, err := c.Staking.FetchDevice(ctx, key); err == nil {
		owned = append(owned, d) // the key is itself a device
	} else if !isNotFound(err) {
		return nil, err
	}
	rel := outcomesByDevice(h.Receipts(nil))
	for _, d := range owned[:min(len(owned), maxWalletRows)] {
		out.Devices = append(out.Devices, deviceRow(cfg, d, live[d.DeviceKey.String()], rel[d.DeviceKey]))
	}
	open, err := c.Jobs.ListJobs(ctx, jobs.Filter{Buyer: key})
	if err != nil {
		return nil, err
	}
	out.Jobs = views.openRows(open)
	closed := views.receiptRows(h.Receipts(func(r *Receipt) bool { return r.Buyer == key && r.Closed }))
	out.Jobs = append(out.Jobs, closed...)
	out.Jobs = out.Jobs[:min(len(out.Jobs), maxWalletRows)]
	if out.Votes, err = c.votes(ctx, key); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Chain) position(ctx context.Context, owner solana.PublicKey) (Position, error) {
	addr, err := staking.PositionAddress(c.Staking.ProgramID, owner)
	if err != nil {
		return Position{}, err
	}
	out := Position{Address: addr.String(), Cooldowns: []CooldownRow{}, LockedUntil: "-"}
	p, err := c.Staking.FetchPosition(ctx, owner)
	if isNotFound(err) {
		return out, nil
	}
	if err != nil {
		return Position{}, err
	}
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return Position{}, err
	}
	now, err := c.Now(ctx)
	if err != nil {
		return Position{}, err
	}
	out.Exists = true
	out.Active, out.Claimable, out.Claimed = cli.IO(p.Active), cli.IO(staking.Claimable(cfg, p)), cli.IO(p.Claimed)
	out.Cooldowns = cooldownRows(p.Cooldowns[:], now)
	if staking.IsLocked(p, now) {
		out.LockedUntil = unixText(staking.LockedUntil(p))
	}
	return out, nil
}

// votes are voter's vote records (getProgramAccounts on the voter field), newest proposal first.
func (c *Chain) votes(ctx context.Context, voter solana.PublicKey) ([]VoteRow, error) {
	res, err := c.SX.RPC.GetProgramAccountsWithOpts(ctx, c.Governance.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64,
		Filters: []rpc.RPCFilter{
			{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: govgen.Account_VoteRecord[:]}},
			{Memcmp: &rpc.RPCFilterMemcmp{Offset: voteVoterOffset, Bytes: voter[:]}},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("votes of %s: %w", voter, solanax.WrapRPCError("getProgramAccounts", err))
	}
	proposals, err := c.Governance.ListProposals(ctx)
	if err != nil {
		return nil, err
	}
	byAddr := map[solana.PublicKey]*govgen.Proposal{}
	for _, p := range proposals {
		if addr, err := governance.ProposalAddress(c.Governance.ProgramID, p.Id); err == nil {
			byAddr[addr] = p
		}
	}
	out := []VoteRow{}
	for _, a := range res[:min(len(res), maxWalletRows)] {
		v, err := govgen.ParseAccount_VoteRecord(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("votes of %s: decode %s: %w", voter, a.Pubkey, err)
		}
		row := VoteRow{Choice: governance.Choice(v.Choice).String(), Weight: cli.IO(v.Weight), Time: unixText(v.VotedTs)}
		if p, ok := byAddr[v.Proposal]; ok {
			row.Proposal, row.Title = p.Id, proposalTitle(p)
		}
		out = append(out, row)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Proposal > out[k].Proposal })
	return out, nil
}
