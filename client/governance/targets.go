package governance

import (
	"context"

	"github.com/ionet-oss/ionet/client/capacity"
	capacitygen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// The governed programs' update_params, as proposal targets (names as in `--set staking.…`).

// StakingTarget changes the staking program's Params.
func StakingTarget(stk *staking.Client) Target {
	return NewTarget(stk.ProgramID, stakinggen.Instruction_UpdateParams, func(ctx context.Context) (stakinggen.Params, error) {
		cfg, err := stk.FetchConfig(ctx)
		if err != nil {
			return stakinggen.Params{}, err
		}
		return stakinggen.Params{
			CooldownSeconds: cfg.CooldownSeconds, MinDeviceStakePerGpu: cfg.MinDeviceStakePerGpu,
			SlashBurnBps: cfg.SlashBurnBps, Slasher: cfg.Slasher,
			GpuClassCount: cfg.GpuClassCount, GpuClasses: cfg.GpuClasses,
		}, nil
	}, stk.UpdateParamsInstruction)
}

// JobsTarget changes the jobs program's Params.
func JobsTarget(j *jobs.Client) Target {
	return NewTarget(j.ProgramID, jobsgen.Instruction_UpdateParams, func(ctx context.Context) (jobsgen.Params, error) {
		cfg, err := j.FetchConfig(ctx)
		if err != nil {
			return jobsgen.Params{}, err
		}
		return jobs.ParamsOf(cfg), nil
	}, j.UpdateParamsInstruction)
}

// EmissionTarget changes the emission program's Settings.
func EmissionTarget(e *emission.Client) Target {
	return NewTarget(e.ProgramID, emissiongen.Instruction_UpdateParams, func(ctx context.Context) (emissiongen.Settings, error) {
		st, err := e.FetchState(ctx)
		if err != nil {
			return emissiongen.Settings{}, err
		}
		return emissiongen.Settings{
			StakerSplitBps: st.StakerSplitBps, CrankTip: st.CrankTip, MaxEpochsPerCrank: st.MaxEpochsPerCrank,
			Authority: st.Authority, TreasuryAuthority: st.TreasuryAuthority,
		}, nil
	}, e.UpdateParamsInstruction)
}

// CapacityTarget changes the capacity program's CapacityParams (per class n, k and deadline;
// validity and interval).
func CapacityTarget(cp *capacity.Client) Target {
	return NewTarget(cp.ProgramID, capacitygen.Instruction_UpdateParams, func(ctx context.Context) (capacitygen.CapacityParams, error) {
		cfg, err := cp.FetchConfig(ctx)
		if err != nil {
			return capacitygen.CapacityParams{}, err
		}
		return capacitygen.CapacityParams{ValidityEpochs: cfg.ValidityEpochs, IntervalSlots: cfg.IntervalSlots, Classes: cfg.Classes}, nil
	}, cp.UpdateParamsInstruction)
}

// CostakeTarget changes the staking program's co-staking parameters (update_costake_params:
// owner floor, commission-raise notice, maximum commission).
func CostakeTarget(stk *staking.Client) Target {
	t := NewTarget(stk.ProgramID, stakinggen.Instruction_UpdateCostakeParams, func(ctx context.Context) (staking.CostakeSettings, error) {
		p, err := stk.FetchCostakeParams(ctx)
		if err != nil {
			return staking.CostakeSettings{}, err
		}
		return staking.CostakeSettings{MinOwnerFloorBps: p.MinOwnerFloorBps, NoticeSeconds: p.NoticeSeconds, MaxCommissionBps: p.MaxCommissionBps}, nil
	}, stk.UpdateCostakeParamsInstruction)
	t.Secondary = true
	return t
}
