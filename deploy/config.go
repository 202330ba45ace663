package deploy

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"
	"gopkg.in/yaml.v3"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// DefaultConfigYAML is the documented deploy.yaml: every parameter, its default and its bounds.
//
//go:embed deploy.yaml
var DefaultConfigYAML []byte

// Config is a deploy.yaml. Text fields keep the file's spelling; Resolve checks them.
type Config struct {
	Operator string `yaml:"operator"`
	IO       struct {
		Mint         string `yaml:"mint"`
		LaunchSupply string `yaml:"launchSupply"`
		Distribution string `yaml:"distribution"`
	} `yaml:"io"`
	USDC struct {
		Mint string `yaml:"mint"`
	} `yaml:"usdc"`
	Staking struct {
		Cooldown             string     `yaml:"cooldown"`
		MinDeviceStakePerGPU string     `yaml:"minDeviceStakePerGPU"`
		SlashBurnBps         uint64     `yaml:"slashBurnBps"`
		GPUClasses           []gpuClass `yaml:"gpuClasses"`
	} `yaml:"staking"`
	Jobs struct {
		Arbiter           string `yaml:"arbiter"`
		ReservationFeeBps uint64 `yaml:"reservationFeeBps"`
		USDCFeeBps        uint64 `yaml:"usdcFeeBps"`
		ChallengeWindow   string `yaml:"challengeWindow"`
		ExpiryGrace       string `yaml:"expiryGrace"`
		ExpiryPenalty     string `yaml:"expiryPenalty"`
		FraudPenalty      string `yaml:"fraudPenalty"`
		MinBondBps        uint64 `yaml:"minBondBps"`
		MinCheckerStake   string `yaml:"minCheckerStake"`
		// Audits (#16).
		AuditRateBps           uint64 `yaml:"auditRateBps"`
		AuditFeeBps            uint64 `yaml:"auditFeeBps"`
		VerdictTime            string `yaml:"verdictTime"`
		CheckerMissPenalty     string `yaml:"checkerMissPenalty"`
		CheckerMinorityPenalty string `yaml:"checkerMinorityPenalty"`
	} `yaml:"jobs"`
	Emission struct {
		StakerSplitBps    uint64 `yaml:"stakerSplitBps"`
		CrankTip          string `yaml:"crankTip"`
		MaxEpochsPerCrank uint64 `yaml:"maxEpochsPerCrank"`
		TreasuryAuthority string `yaml:"treasuryAuthority"`
		Start             string `yaml:"start"`
	} `yaml:"emission"`
	Governance struct {
		VotingPeriod      string `yaml:"votingPeriod"`
		QuorumBps         uint64 `yaml:"quorumBps"`
		Timelock          string `yaml:"timelock"`
		MinStakeToPropose string `yaml:"minStakeToPropose"`
	} `yaml:"governance"`
	Capacity struct {
		LinkRewards bool `yaml:"linkRewards"`
	} `yaml:"capacity"`
	Costake struct {
		MinOwnerFloorBps uint64 `yaml:"minOwnerFloorBps"`
		Notice           string `yaml:"notice"`
		MaxCommissionBps uint64 `yaml:"maxCommissionBps"`
	} `yaml:"costake"`
}

type gpuClass struct {
	Name          string `yaml:"name"`
	MultiplierBps uint64 `yaml:"multiplierBps"`
}

// DefaultConfig is deploy.yaml's defaults.
func DefaultConfig() Config {
	var c Config
	if err := yaml.Unmarshal(DefaultConfigYAML, &c); err != nil {
		panic(fmt.Sprintf("deploy: the embedded deploy.yaml does not parse: %v", err))
	}
	return c
}

// LoadConfig reads path over the defaults (path "" gives the defaults). Unknown keys are refused,
// so a misspelt parameter is not silently left at its default.
func LoadConfig(path string) (Config, error) {
	c := DefaultConfig()
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("deploy: read the parameters: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) { // an empty file: all defaults
		return c, fmt.Errorf("deploy: parse %s: %w (see `ionet deploy --print-config` for every key)", path, err)
	}
	return c, nil
}

// Params are a Config checked against the programs' bounds, with every key resolved.
type Params struct {
	Operator          solana.PublicKey
	IOMint            *solana.PublicKey // nil: create one
	LaunchSupply      uint64
	Distribution      solana.PublicKey
	USDCMint          *solana.PublicKey // nil: the cluster's
	Staking           StakingParams
	Jobs              JobsParams
	Emission          EmissionParams
	Governance        GovernanceParams
	EmissionStartUnix int64 // 0: the time of the step
	// LinkCapacity: emission's heartbeat needs a passed capacity challenge (set_capacity_program
	// at set-up, signed by the operator).
	LinkCapacity bool
	// Costake: staking's co-staking parameters (set_costake_params at set-up, by the operator).
	Costake staking.CostakeSettings
}

// StakingParams are staking's initialize parameters less the slasher (the jobs program's PDA).
type StakingParams struct {
	CooldownSeconds      int64
	MinDeviceStakePerGPU uint64
	SlashBurnBps         uint64
	Classes              []staking.GPUClass
}

// JobsParams are jobs' initialize parameters less the authority (the operator).
type JobsParams struct {
	Arbiter                                             solana.PublicKey
	ReservationFeeBps, USDCFeeBps                       uint64
	ChallengeWindowSeconds, ExpiryGraceSeconds          int64
	ExpiryPenalty, FraudPenalty, MinBondBps, MinChecker uint64
	AuditRateBps, AuditFeeBps                           uint64
	VerdictSeconds                                      int64
	CheckerMissPenalty, CheckerMinorityPenalty          uint64
}

// EmissionParams are emission's settings less the authority (the operator).
type EmissionParams struct {
	StakerSplitBps, CrankTip, MaxEpochsPerCrank uint64
	TreasuryAuthority                           solana.PublicKey
}

// GovernanceParams are governance's initialize parameters.
type GovernanceParams struct {
	VotingPeriodSeconds, TimelockSeconds int64
	QuorumBps, MinStakeToPropose         uint64
}

// The programs' bounds (programs/*/src/instruction.rs).
const (
	bps               = 10_000
	day               = 24 * time.Hour
	maxCooldown       = 365 * day
	maxWindow         = 30 * day
	maxMultiplierBps  = 1_000 * bps
	maxEpochsPerCrank = 3_600
	maxCrankTip       = 100_000_000 // 1 IO
	// Co-staking (programs/staking/src/processor/costake_params.rs).
	minCostakeFloorBps      = 500
	maxCostakeNotice        = 30 * day
	maxCostakeCommissionBps = 5_000
)

// Resolve checks c against the programs' bounds; deployer is the deploying keypair's address,
// the default operator.
func (c Config) Resolve(deployer solana.PublicKey) (*Params, error) {
	var errs []error
	bad := func(key string, err error) { errs = append(errs, fmt.Errorf("%s: %w", key, err)) }
	key := func(name, text string, def solana.PublicKey) solana.PublicKey {
		if text == "" {
			return def
		}
		k, err := solana.PublicKeyFromBase58(text)
		if err != nil {
			bad(name, fmt.Errorf("%q is not a base58 public key", text))
		}
		return k
	}
	optKey := func(name, text string) *solana.PublicKey {
		if text == "" {
			return nil
		}
		k := key(name, text, solana.PublicKey{})
		return &k
	}
	ioAmount := func(name, text string, positive bool) uint64 {
		v, err := solanax.ParseAmount(text, solanax.IODecimals)
		switch {
		case err != nil:
			bad(name, err)
		case positive && v == 0:
			bad(name, errors.New("must be above 0"))
		}
		return v
	}
	dur := func(name, text string, lo, hi time.Duration) int64 {
		d, err := parseDuration(text)
		if err != nil {
			bad(name, err)
			return 0
		}
		if d < lo || d > hi {
			bad(name, fmt.Errorf("%s is outside %s to %s", text, lo, hi))
		}
		return int64(d / time.Second)
	}
	atMost := func(name string, v, hi uint64) uint64 {
		if v > hi {
			bad(name, fmt.Errorf("%d is over %d", v, hi))
		}
		return v
	}

	p := &Params{}
	p.Operator = key("operator", c.Operator, deployer)
	p.IOMint = optKey("io.mint", c.IO.Mint)
	p.LaunchSupply = ioAmount("io.launchSupply", c.IO.LaunchSupply, false)
	p.Distribution = key("io.distribution", c.IO.Distribution, p.Operator)
	p.USDCMint = optKey("usdc.mint", c.USDC.Mint)
	p.LinkCapacity = c.Capacity.LinkRewards
	p.Costake.MinOwnerFloorBps = c.Costake.MinOwnerFloorBps
	if p.Costake.MinOwnerFloorBps < minCostakeFloorBps || p.Costake.MinOwnerFloorBps > bps {
		bad("costake.minOwnerFloorBps", fmt.Errorf("%d is outside %d to %d", p.Costake.MinOwnerFloorBps, minCostakeFloorBps, bps))
	}
	p.Costake.NoticeSeconds = dur("costake.notice", c.Costake.Notice, day, maxCostakeNotice)
	p.Costake.MaxCommissionBps = atMost("costake.maxCommissionBps", c.Costake.MaxCommissionBps, maxCostakeCommissionBps)

	s := &p.Staking
	s.CooldownSeconds = dur("staking.cooldown", c.Staking.Cooldown, 0, maxCooldown)
	s.MinDeviceStakePerGPU = ioAmount("staking.minDeviceStakePerGPU", c.Staking.MinDeviceStakePerGPU, true)
	s.SlashBurnBps = atMost("staking.slashBurnBps", c.Staking.SlashBurnBps, bps)
	if n := len(c.Staking.GPUClasses); n == 0 || n > staking.MaxGPUClasses {
		bad("staking.gpuClasses", fmt.Errorf("%d classes: give 1 to %d", n, staking.MaxGPUClasses))
	}
	for i, g := range c.Staking.GPUClasses {
		if g.Name == "" || len(g.Name) > 16 {
			bad(fmt.Sprintf("staking.gpuClasses[%d].name", i), fmt.Errorf("%q: give 1 to 16 bytes", g.Name))
		}
		if g.MultiplierBps == 0 || g.MultiplierBps > maxMultiplierBps {
			bad(fmt.Sprintf("staking.gpuClasses[%d].multiplierBps", i), fmt.Errorf("%d is outside 1 to %d", g.MultiplierBps, maxMultiplierBps))
		}
		s.Classes = append(s.Classes, staking.GPUClass{Name: g.Name, MultiplierBps: g.MultiplierBps})
	}

	j := &p.Jobs
	j.Arbiter = key("jobs.arbiter", c.Jobs.Arbiter, p.Operator)
	j.ReservationFeeBps, j.USDCFeeBps = c.Jobs.ReservationFeeBps, c.Jobs.USDCFeeBps
	if j.ReservationFeeBps > bps || j.USDCFeeBps > bps || j.ReservationFeeBps+j.USDCFeeBps > bps {
		bad("jobs.reservationFeeBps + jobs.usdcFeeBps", fmt.Errorf("%d + %d is over %d", j.ReservationFeeBps, j.USDCFeeBps, bps))
	}
	j.ChallengeWindowSeconds = dur("jobs.challengeWindow", c.Jobs.ChallengeWindow, 0, maxWindow)
	j.ExpiryGraceSeconds = dur("jobs.expiryGrace", c.Jobs.ExpiryGrace, 0, maxWindow)
	j.ExpiryPenalty = ioAmount("jobs.expiryPenalty", c.Jobs.ExpiryPenalty, false)
	j.FraudPenalty = ioAmount("jobs.fraudPenalty", c.Jobs.FraudPenalty, false)
	j.MinBondBps = atMost("jobs.minBondBps", c.Jobs.MinBondBps, bps)
	j.MinChecker = ioAmount("jobs.minCheckerStake", c.Jobs.MinCheckerStake, false)
	j.AuditRateBps = atMost("jobs.auditRateBps", c.Jobs.AuditRateBps, bps)
	j.AuditFeeBps = atMost("jobs.auditFeeBps", c.Jobs.AuditFeeBps, bps)
	j.VerdictSeconds = dur("jobs.verdictTime", c.Jobs.VerdictTime, time.Second, 7*day)
	j.CheckerMissPenalty = ioAmount("jobs.checkerMissPenalty", c.Jobs.CheckerMissPenalty, false)
	j.CheckerMinorityPenalty = ioAmount("jobs.checkerMinorityPenalty", c.Jobs.CheckerMinorityPenalty, false)

	e := &p.Emission
	e.StakerSplitBps = atMost("emission.stakerSplitBps", c.Emission.StakerSplitBps, bps)
	e.CrankTip = atMost("emission.crankTip (base units)", ioAmount("emission.crankTip", c.Emission.CrankTip, false), maxCrankTip)
	e.MaxEpochsPerCrank = c.Emission.MaxEpochsPerCrank
	if e.MaxEpochsPerCrank == 0 || e.MaxEpochsPerCrank > maxEpochsPerCrank {
		bad("emission.maxEpochsPerCrank", fmt.Errorf("%d is outside 1 to %d", e.MaxEpochsPerCrank, maxEpochsPerCrank))
	}
	e.TreasuryAuthority = key("emission.treasuryAuthority", c.Emission.TreasuryAuthority, p.Operator)
	if c.Emission.Start != "" {
		t, err := time.Parse(time.RFC3339, c.Emission.Start)
		if err != nil {
			bad("emission.start", fmt.Errorf("%q is not an RFC 3339 time, e.g. 2026-12-24T00:00:00Z", c.Emission.Start))
		}
		p.EmissionStartUnix = t.Unix()
	}

	g := &p.Governance
	g.VotingPeriodSeconds = dur("governance.votingPeriod", c.Governance.VotingPeriod, time.Hour, maxWindow)
	g.QuorumBps = c.Governance.QuorumBps
	if g.QuorumBps == 0 || g.QuorumBps > bps {
		bad("governance.quorumBps", fmt.Errorf("%d is outside 1 to %d", g.QuorumBps, bps))
	}
	g.TimelockSeconds = dur("governance.timelock", c.Governance.Timelock, 0, maxWindow)
	g.MinStakeToPropose = ioAmount("governance.minStakeToPropose", c.Governance.MinStakeToPropose, true)

	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("deploy: parameters refused, nothing sent:\n%w", err)
	}
	return p, nil
}

// parseDuration reads a Go duration (90m, 3h) or whole days (14d); "0" is zero.
func parseDuration(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseUint(days, 10, 16)
		if err != nil {
			return 0, fmt.Errorf("%q: give whole days, e.g. 14d", s)
		}
		return time.Duration(n) * day, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q: give a duration such as 14d, 3h or 90m", s)
	}
	return d, nil
}
