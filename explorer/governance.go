package explorer

import (
	"context"
	"fmt"
	"time"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/staking"
	stkgen "github.com/ionet-oss/ionet/client/staking/gen"
)

// maxProposals bounds the proposals shown (the newest).
const maxProposals = 200

// ProposalRow is a proposal as `ionet gov show` describes it (the same summary and action
// descriptions), with its timeline.
type ProposalRow struct {
	ID                uint64     `json:"id"`
	Title             string     `json:"title"`
	URI               string     `json:"uri"`
	Proposer          string     `json:"proposer"`
	State             string     `json:"state"`
	Yes               cli.Amount `json:"yes"`
	No                cli.Amount `json:"no"`
	Abstain           cli.Amount `json:"abstain"`
	Voters            uint64     `json:"voters"`
	Quorum            cli.Amount `json:"quorum"`
	QuorumProgressPct float64    `json:"quorumProgressPct"`
	QuorumMet         bool       `json:"quorumMet"`
	Passing           bool       `json:"passing"` // yes > no
	Created           time.Time  `json:"created"`
	VotingEnds        time.Time  `json:"votingEnds"`
	ExecutableAt      time.Time  `json:"executableAt"`
	TimeLeft          string     `json:"timeLeft"`
	Actions           []string   `json:"actionsInWords"`
}

// Governance is the staking and governance page.
type Governance struct {
	Initialised     bool          `json:"initialised"`
	VotingPeriod    string        `json:"votingPeriod"`
	Quorum          string        `json:"quorum"` // of the active stake
	Timelock        string        `json:"timelock"`
	MinStake        cli.Amount    `json:"minStakeToPropose"`
	Proposals       []ProposalRow `json:"proposals"` // newest first
	ActiveStake     cli.Amount    `json:"activeStake"`
	Cooldown        string        `json:"cooldown"`
	RewardsFunded   cli.Amount    `json:"rewardsFunded"`
	RewardsClaimed  cli.Amount    `json:"rewardsClaimed"`
	MinDeviceStake  cli.Amount    `json:"minDeviceStakePerGpu"`
	SlashBurnShare  string        `json:"slashBurnShare"`
	GPUClasses      []string      `json:"gpuClasses"`
	StakingProgram  string        `json:"stakingProgram"`
	GovernanceOwner string        `json:"governanceProgram"`
}

// ReadGovernance reads the staking parameters and totals, the governance settings and proposals.
func (c *Chain) ReadGovernance(ctx context.Context) (*Governance, error) {
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	out := &Governance{
		ActiveStake: cli.IO(cfg.TotalStake), Cooldown: durationText(cfg.CooldownSeconds),
		RewardsFunded: cli.IO(cfg.RewardsFunded), RewardsClaimed: cli.IO(cfg.RewardsClaimed),
		MinDeviceStake: cli.IO(cfg.MinDeviceStakePerGpu), SlashBurnShare: pctText(cfg.SlashBurnBps, 10_000),
		StakingProgram: c.Staking.ProgramID.String(), GovernanceOwner: c.Governance.ProgramID.String(), Proposals: []ProposalRow{},
	}
	for i := range min(int(cfg.GpuClassCount), len(cfg.GpuClasses)) {
		out.GPUClasses = append(out.GPUClasses, classText(cfg.GpuClasses[i]))
	}
	g, err := c.Governance.FetchGovernance(ctx)
	if isNotFound(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	out.Initialised = true
	out.VotingPeriod, out.Timelock = durationText(g.VotingPeriodSeconds), durationText(g.TimelockSeconds)
	out.Quorum, out.MinStake = pctText(g.QuorumBps, 10_000), cli.IO(g.MinStakeToPropose)
	now, err := c.Now(ctx)
	if err != nil {
		return nil, err
	}
	proposals, err := c.Governance.ListProposals(ctx)
	if err != nil {
		return nil, err
	}
	for i := len(proposals) - 1; i >= 0 && len(out.Proposals) < maxProposals; i-- {
		out.Proposals = append(out.Proposals, c.proposalRow(ctx, proposals[i], now))
	}
	return out, nil
}

func classText(class stkgen.GpuClass) string {
	return fmt.Sprintf("%s (x%s)", staking.ClassName(class), pctMultiplier(class.MultiplierBps))
}

func pctMultiplier(bps uint64) string { return fmt.Sprintf("%.2f", float64(bps)/10_000) }

func (c *Chain) proposalRow(ctx context.Context, p *govgen.Proposal, now time.Time) ProposalRow {
	s := governance.Summarize(p, now)
	row := ProposalRow{
		ID: s.ID, Title: s.Title, URI: s.URI, Proposer: s.Proposer.String(), State: s.State,
		Yes: cli.IO(p.Yes), No: cli.IO(p.No), Abstain: cli.IO(p.Abstain), Voters: s.Voters,
		Quorum: cli.IO(p.Quorum), QuorumProgressPct: s.QuorumProgressPct, QuorumMet: p.Yes+p.No+p.Abstain >= p.Quorum,
		Passing: p.Yes > p.No, Created: time.Unix(p.CreatedTs, 0).UTC(), VotingEnds: s.VotingEnds, ExecutableAt: s.ExecutableAt,
		TimeLeft: s.TimeLeft, Actions: []string{},
	}
	actions, err := governance.DescribeActions(ctx, c.targets(), p)
	if err != nil {
		row.Actions = append(row.Actions, fmt.Sprintf("%d actions that could not be described: %v", p.ActionCount, err))
		return row
	}
	for _, a := range actions {
		row.Actions = append(row.Actions, a.Lines()...)
	}
	return row
}

// targets are the governed programs, as proposals name them (`jobs.usdc_fee_bps`).
func (c *Chain) targets() map[string]governance.Target {
	return map[string]governance.Target{
		"staking": governance.StakingTarget(c.Staking), "jobs": governance.JobsTarget(c.Jobs), "emission": governance.EmissionTarget(c.Emission),
	}
}

// governanceDue counts the proposals the keeper should finalize or execute now.
func (c *Chain) governanceDue(ctx context.Context, n *Network) error {
	proposals, err := c.Governance.ListProposals(ctx)
	if err != nil {
		return err
	}
	now := n.ChainTime.Unix()
	for _, p := range proposals {
		switch governance.State(p.State) {
		case governance.Voting:
			if now >= p.VotingEndsTs {
				n.Keeper.ProposalsDue++
			}
		case governance.Succeeded:
			if now >= p.ExecutableTs {
				n.Keeper.ExecutionsDue++
			}
		}
	}
	return nil
}

// proposalTitle is p's title as text.
func proposalTitle(p *govgen.Proposal) string { return governance.Summarize(p, time.Time{}).Title }
