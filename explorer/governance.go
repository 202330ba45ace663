package explorer

import (
	"context"
	"fmt"
	"time"

	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/staking"
	stkgen "github.com/ionet-oss/ionet/client/staking/gen"
)

// maxProposals bounds the proposals shown (the newest).
const maxProposals = 200

// ProposalRow is a proposal: its summary (the same as `ionet gov show`), actions and timeline.
type ProposalRow struct {
	governance.Summary
	Created   string   `json:"created"`
	Actions   []string `json:"actionsInWords"`
	Passing   bool     `json:"passing"` // yes > no
	QuorumMet bool     `json:"quorumMet"`
}

// Governance is the staking and governance page.
type Governance struct {
	Initialised     bool          `json:"initialised"`
	VotingPeriod    string        `json:"votingPeriod"`
	Quorum          string        `json:"quorum"` // of the active stake
	Timelock        string        `json:"timelock"`
	MinStake        string        `json:"minStakeToPropose"`
	Proposals       []ProposalRow `json:"proposals"` // newest first
	ActiveStake     string        `json:"activeStake"`
	Cooldown        string        `json:"cooldown"`
	RewardsFunded   string        `json:"rewardsFunded"`
	RewardsClaimed  string        `json:"rewardsClaimed"`
	MinDeviceStake  string        `json:"minDeviceStakePerGpu"`
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
		ActiveStake: ioText(cfg.TotalStake), Cooldown: durationText(cfg.CooldownSeconds),
		RewardsFunded: ioText(cfg.RewardsFunded), RewardsClaimed: ioText(cfg.RewardsClaimed),
		MinDeviceStake: ioText(cfg.MinDeviceStakePerGpu), SlashBurnShare: pctText(cfg.SlashBurnBps, 10_000),
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
	out.Quorum, out.MinStake = pctText(g.QuorumBps, 10_000), ioText(g.MinStakeToPropose)
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
	row := ProposalRow{
		Summary: governance.Summarize(p, now), Created: unixText(p.CreatedTs),
		Passing: p.Yes > p.No, QuorumMet: p.Yes+p.No+p.Abstain >= p.Quorum, Actions: []string{},
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
