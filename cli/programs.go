package cli

import (
	"fmt"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/client/capacity"
	capacitygen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/governance"
	governancegen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// The protocol's programs, as deployments name them.
const (
	ProgramStaking    = "staking"
	ProgramJobs       = "jobs"
	ProgramEmission   = "emission"
	ProgramCapacity   = "capacity"
	ProgramGovernance = "governance"
)

// localnetIDs are the ids the generated bindings carry: the localnet's programs.
var localnetIDs = map[string]solana.PublicKey{
	ProgramStaking: stakinggen.ProgramID, ProgramJobs: jobsgen.ProgramID, ProgramEmission: emissiongen.ProgramID,
	ProgramCapacity: capacitygen.ProgramID, ProgramGovernance: governancegen.ProgramID,
}

// ProgramFlagName is the flag that overrides program's id: --staking-program, --jobs-program, ...
func ProgramFlagName(program string) string { return program + "-program" }

// ProgramFlag is --PROGRAM-program, program's id over the one of the --url cluster's deployment.
func ProgramFlag(program string) ucli.Flag {
	return &ucli.StringFlag{Name: ProgramFlagName(program),
		Usage: program + " program id (default: " + localnetIDs[program].String() + ", the localnet's)"}
}

// ProgramFlags are ProgramFlag of each program.
func ProgramFlags(programs ...string) []ucli.Flag {
	flags := make([]ucli.Flag, len(programs))
	for i, p := range programs {
		flags[i] = ProgramFlag(p)
	}
	return flags
}

// Programs makes the protocol's program clients for one cluster, the one wiring every binary
// uses. A program's id is its override when given (a --PROGRAM-program flag, a worker config
// key), else the cluster's deployment's (DeployedProgramIDs: --deployment, else the registry;
// where none is known, the localnet's ids). Each client is made once.
type Programs struct {
	c         *ucli.Context // for --deployment and the command's context; nil outside a command
	sx        *solanax.Client
	rpcURL    string
	overrides map[string]Override

	stk *staking.Client
	jc  *jobs.Client
	em  *emission.Client
	gov *governance.Client
	cp  *capacity.Client
}

// Override is a program id given in place of the deployment's: Text in base58, named Source in
// errors (a flag, a config key).
type Override struct {
	Text, Source string
}

// CommandPrograms is Programs for the running command's cluster (env's client); the
// --PROGRAM-program flags the command has override the deployment.
func CommandPrograms(c *ucli.Context, env *Env) *Programs {
	return NewPrograms(c, env.Client(), env.RPCURL, FlagOverrides(c))
}

// NewPrograms is Programs for sx's cluster at rpcURL, with overrides per program name.
func NewPrograms(c *ucli.Context, sx *solanax.Client, rpcURL string, overrides map[string]Override) *Programs {
	return &Programs{c: c, sx: sx, rpcURL: rpcURL, overrides: overrides}
}

// ID is program's id: its override, else the deployment's.
func (p *Programs) ID(program string) (solana.PublicKey, error) {
	if o, ok := p.overrides[program]; ok && o.Text != "" {
		id, err := solana.PublicKeyFromBase58(o.Text)
		if err != nil {
			return solana.PublicKey{}, fmt.Errorf("%s %q is not a base58 public key: %w", o.Source, o.Text, err)
		}
		return id, nil
	}
	ids, err := DeployedProgramIDs(p.c, p.sx.RPC, p.rpcURL, program)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("the %s program: %w", program, err)
	}
	return ids[0], nil
}

// Staking is the staking client.
func (p *Programs) Staking() (*staking.Client, error) {
	if p.stk != nil {
		return p.stk, nil
	}
	id, err := p.ID(ProgramStaking)
	if err != nil {
		return nil, err
	}
	p.stk, err = staking.New(p.sx, id)
	return p.stk, err
}

// Jobs is the jobs client (with its staking client).
func (p *Programs) Jobs() (*jobs.Client, error) {
	if p.jc != nil {
		return p.jc, nil
	}
	stk, err := p.Staking()
	if err != nil {
		return nil, err
	}
	id, err := p.ID(ProgramJobs)
	if err != nil {
		return nil, err
	}
	p.jc, err = jobs.New(p.sx, id, stk)
	return p.jc, err
}

// Emission is the emission client.
func (p *Programs) Emission() (*emission.Client, error) {
	if p.em != nil {
		return p.em, nil
	}
	id, stk, err := p.withStaking(ProgramEmission)
	if err != nil {
		return nil, err
	}
	p.em, err = emission.New(p.sx, id, stk)
	return p.em, err
}

// Governance is the governance client.
func (p *Programs) Governance() (*governance.Client, error) {
	if p.gov != nil {
		return p.gov, nil
	}
	id, stk, err := p.withStaking(ProgramGovernance)
	if err != nil {
		return nil, err
	}
	p.gov, err = governance.New(p.sx, id, stk)
	return p.gov, err
}

// Capacity is the capacity client.
func (p *Programs) Capacity() (*capacity.Client, error) {
	if p.cp != nil {
		return p.cp, nil
	}
	id, stk, err := p.withStaking(ProgramCapacity)
	if err != nil {
		return nil, err
	}
	p.cp, err = capacity.New(p.sx, id, stk)
	return p.cp, err
}

// withStaking is program's id and the staking program's (the programs that read stake take it).
func (p *Programs) withStaking(program string) (id, stakingID solana.PublicKey, err error) {
	stk, err := p.Staking()
	if err != nil {
		return id, stakingID, err
	}
	id, err = p.ID(program)
	return id, stk.ProgramID, err
}

// FlagOverrides are the --PROGRAM-program flags the command was given.
func FlagOverrides(c *ucli.Context) map[string]Override {
	overrides := map[string]Override{}
	for program := range localnetIDs {
		name := ProgramFlagName(program)
		if text := c.String(name); text != "" {
			overrides[program] = Override{Text: text, Source: "--" + name}
		}
	}
	return overrides
}
