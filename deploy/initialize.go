package deploy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission"
	emgen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/staking"
)

// Initialising: each program's initialize is signed by its upgrade authority (the programs
// accept no one else) and names the operator as the program's authority. A program already
// initialised is left alone when its authority is the operator or the governance PDA; any other
// authority means someone else set it up, and the deploy stops saying so.

// ErrForeignAuthority means a program is initialised with an authority that is neither the
// operator nor the governance PDA.
var ErrForeignAuthority = errors.New("already initialised with another authority")

// clients are the programs' clients on the deployed ids.
type clients struct {
	stk *staking.Client
	jb  *jobs.Client
	em  *emission.Client
	cp  *capacity.Client
	gov *governance.Client
}

func (d *Deployer) clients(ids map[string]solana.PublicKey) (*clients, error) {
	stk, err := staking.New(d.Client, ids["staking"])
	if err != nil {
		return nil, err
	}
	jb, err := jobs.New(d.Client, ids["jobs"], stk)
	if err != nil {
		return nil, err
	}
	em, err := emission.New(d.Client, ids["emission"], ids["staking"])
	if err != nil {
		return nil, err
	}
	cp, err := capacity.New(d.Client, ids["capacity"], ids["staking"])
	if err != nil {
		return nil, err
	}
	gov, err := governance.New(d.Client, ids["governance"], ids["staking"])
	if err != nil {
		return nil, err
	}
	return &clients{stk, jb, em, cp, gov}, nil
}

// initStep is one program's initialisation.
type initStep struct {
	program   string
	authority func(ctx context.Context) (solana.PublicKey, error) // of the existing state
	init      func(ctx context.Context) error
}

func notFound(err error) bool {
	return errors.Is(err, staking.ErrNotFound) || errors.Is(err, jobs.ErrNotFound) ||
		errors.Is(err, emission.ErrNotFound) || errors.Is(err, capacity.ErrNotFound) ||
		errors.Is(err, governance.ErrNotFound)
}

// Initialise initialises the deployed programs ids (by name: staking, jobs, emission, capacity,
// governance) that are not yet, in order, and returns those it initialised: Run's set-up step
// alone, for programs deployed otherwise (the Go tests' localnet deploys at start).
func (d *Deployer) Initialise(ctx context.Context, ids map[string]solana.PublicKey, p *Params, ioMint, usdcMint solana.PublicKey, leaveGovernance bool) ([]string, error) {
	c, err := d.clients(ids)
	if err != nil {
		return nil, err
	}
	return d.initialise(ctx, c, p, ioMint, usdcMint, leaveGovernance)
}

// initialise runs the initialisations in order and returns the programs it initialised.
func (d *Deployer) initialise(ctx context.Context, c *clients, p *Params, ioMint, usdcMint solana.PublicKey, leaveGovernance bool) ([]string, error) {
	operator := p.Operator
	gov := c.gov.Governance
	steps := []initStep{
		{"staking", func(ctx context.Context) (solana.PublicKey, error) {
			cfg, err := c.stk.FetchConfig(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return cfg.Authority, nil
		}, func(ctx context.Context) error {
			slasher, err := jobs.ConfigAddress(c.jb.ProgramID)
			if err != nil {
				return err
			}
			s := p.Staking
			params, err := staking.NewParams(s.CooldownSeconds, s.MinDeviceStakePerGPU, s.SlashBurnBps, slasher, s.Classes)
			if err != nil {
				return err
			}
			_, err = c.stk.Initialize(ctx, d.Authority, operator, ioMint, params)
			return err
		}},
		{"jobs", func(ctx context.Context) (solana.PublicKey, error) {
			cfg, err := c.jb.FetchConfig(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return cfg.Authority, nil
		}, func(ctx context.Context) error {
			j := p.Jobs
			params := jobs.DefaultParams(operator, j.Arbiter)
			params.ReservationFeeBps, params.UsdcFeeBps = j.ReservationFeeBps, j.USDCFeeBps
			params.ChallengeWindowSeconds, params.ExpiryGraceSeconds = j.ChallengeWindowSeconds, j.ExpiryGraceSeconds
			params.ExpiryPenalty, params.FraudPenalty = j.ExpiryPenalty, j.FraudPenalty
			params.MinBondBps, params.MinCheckerStake = j.MinBondBps, j.MinChecker
			params.AuditRateBps, params.AuditFeeBps, params.VerdictSeconds = j.AuditRateBps, j.AuditFeeBps, j.VerdictSeconds
			params.CheckerMissPenalty, params.CheckerMinorityPenalty = j.CheckerMissPenalty, j.CheckerMinorityPenalty
			_, err := c.jb.Initialize(ctx, d.Authority, ioMint, usdcMint, params)
			return err
		}},
		{"emission", func(ctx context.Context) (solana.PublicKey, error) {
			st, err := c.em.FetchState(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return st.Authority, nil
		}, func(ctx context.Context) error {
			if err := d.checkMintAuthority(ctx, ioMint); err != nil {
				return err
			}
			e := p.Emission
			settings := emgen.Settings{
				StakerSplitBps: e.StakerSplitBps, CrankTip: e.CrankTip, MaxEpochsPerCrank: e.MaxEpochsPerCrank,
				Authority: operator, TreasuryAuthority: e.TreasuryAuthority,
			}
			start := p.EmissionStartUnix
			if start == 0 {
				start = time.Now().Unix()
			}
			_, err := c.em.Initialize(ctx, d.Authority, d.mintAuthority(), ioMint, start, settings)
			return err
		}},
		{"capacity", func(ctx context.Context) (solana.PublicKey, error) {
			cfg, err := c.cp.FetchConfig(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return cfg.Authority, nil
		}, func(ctx context.Context) error {
			_, err := c.cp.Initialize(ctx, d.Authority, operator, capacity.DefaultParams())
			return err
		}},
		// Staking's slasher registry admits the capacity config PDA (it slashes proven capacity
		// faults); add_slasher takes staking's upgrade authority. Its own step: a run that stopped
		// after capacity's initialize registers it on the next run.
		{"capacity slasher", func(ctx context.Context) (solana.PublicKey, error) {
			_, err := c.stk.FetchSlasherEntry(ctx, c.cp.Config)
			return operator, err
		}, func(ctx context.Context) error {
			_, err := c.stk.AddSlasher(ctx, d.Authority, c.cp.Config)
			return err
		}},
		{"governance", func(ctx context.Context) (solana.PublicKey, error) {
			if _, err := c.gov.FetchGovernance(ctx); err != nil {
				return solana.PublicKey{}, err
			}
			return gov, nil // governance has no authority: initialised is ours
		}, func(ctx context.Context) error {
			g := p.Governance
			_, err := c.gov.Initialize(ctx, d.Authority, c.jb.ProgramID, c.em.ProgramID, c.cp.ProgramID, govgen.GovernanceParams{
				VotingPeriodSeconds: g.VotingPeriodSeconds, QuorumBps: g.QuorumBps,
				TimelockSeconds: g.TimelockSeconds, MinStakeToPropose: g.MinStakeToPropose,
			})
			return err
		}},
	}
	if leaveGovernance {
		steps = steps[:len(steps)-1]
	}
	ours := map[solana.PublicKey]bool{operator: true, gov: true}
	var done []string
	for _, s := range steps {
		authority, err := s.authority(ctx)
		switch {
		case err == nil && ours[authority]:
			d.emit(Event{Step: "init", Program: s.program, Message: "already initialised (authority " + authority.String() + ")"})
			continue
		case err == nil:
			return done, fmt.Errorf("the %s program is %w %s (the operator is %s): someone else set it up; deploy with new program keypairs, or with that authority as operator",
				s.program, ErrForeignAuthority, authority, operator)
		case !notFound(err):
			return done, fmt.Errorf("read the %s program's state: %w", s.program, err)
		}
		if err := s.init(ctx); err != nil {
			return done, fmt.Errorf("initialise %s: %w", s.program, err)
		}
		d.emit(Event{Step: "init", Program: s.program, Message: "initialised (authority " + operator.String() + ")"})
		done = append(done, s.program)
	}
	if err := d.setCostake(ctx, c, p.Costake, operator, ioMint); err != nil {
		return done, err
	}
	if p.LinkCapacity {
		return done, d.linkCapacity(ctx, c, operator)
	}
	return done, nil
}

// checkMintAuthority refuses an IO mint the deployer cannot hand to emission.
func (d *Deployer) checkMintAuthority(ctx context.Context, mint solana.PublicKey) error {
	m, err := d.Client.FetchMint(ctx, mint)
	if err != nil {
		return fmt.Errorf("the IO mint %s: %w", mint, err)
	}
	if want := d.mintAuthority().PublicKey(); m.MintAuthority == nil || !m.MintAuthority.Equals(want) {
		return fmt.Errorf("the IO mint %s has mint authority %v, not %s: emission must take it over, so deploy with that key or move its mint authority to %s first",
			mint, m.MintAuthority, want, want)
	}
	return nil
}

// handOver gives the governance PDA the update authority of staking, jobs and emission (those
// whose authority is still the operator, who must be the deploying keypair); it returns those
// handed over.
func (d *Deployer) handOver(ctx context.Context, c *clients) ([]string, error) {
	gov := c.gov.Governance
	var done []string
	stkCfg, err := c.stk.FetchConfig(ctx)
	if err != nil {
		return done, fmt.Errorf("hand over staking: %w", err)
	}
	if !stkCfg.Authority.Equals(gov) {
		if _, err := c.stk.SetAuthority(ctx, d.Authority, gov); err != nil {
			return done, fmt.Errorf("hand over staking: %w", err)
		}
		done = append(done, "staking")
	}
	cpCfg, err := c.cp.FetchConfig(ctx)
	if err != nil {
		return done, fmt.Errorf("hand over capacity: %w", err)
	}
	if !cpCfg.Authority.Equals(gov) {
		if _, err := c.cp.SetAuthority(ctx, d.Authority, gov); err != nil {
			return done, fmt.Errorf("hand over capacity: %w", err)
		}
		done = append(done, "capacity")
	}
	jcfg, err := c.jb.FetchConfig(ctx)
	if err != nil {
		return done, fmt.Errorf("hand over jobs: %w", err)
	}
	est, err := c.em.FetchState(ctx)
	if err != nil {
		return done, fmt.Errorf("hand over emission: %w", err)
	}
	for _, t := range []struct {
		name    string
		current solana.PublicKey
		target  governance.Target
	}{{"jobs", jcfg.Authority, governance.JobsTarget(c.jb)}, {"emission", est.Authority, governance.EmissionTarget(c.em)}} {
		if t.current.Equals(gov) {
			continue
		}
		ix, err := c.gov.HandOverInstruction(ctx, t.target, d.authority())
		if err == nil {
			_, err = d.send(ctx, "hand over "+t.name, []solana.Instruction{ix})
		}
		if err != nil {
			return done, fmt.Errorf("hand over %s: %w", t.name, err)
		}
		done = append(done, t.name)
	}
	for _, name := range done {
		d.emit(Event{Step: "handOver", Program: name, Message: "update authority handed to the governance PDA " + gov.String()})
	}
	return done, nil
}
