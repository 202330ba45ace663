package main

import (
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/staking"
)

// The --PROGRAM-program flags and the program clients of a command: cli.Programs, the wiring
// every binary shares (the flag's id, else the --url cluster's deployment's).

func stakingProgramFlag() ucli.Flag    { return cli.ProgramFlag(cli.ProgramStaking) }
func jobsProgramFlag() ucli.Flag       { return cli.ProgramFlag(cli.ProgramJobs) }
func emissionProgramFlag() ucli.Flag   { return cli.ProgramFlag(cli.ProgramEmission) }
func governanceProgramFlag() ucli.Flag { return cli.ProgramFlag(cli.ProgramGovernance) }

// withPrograms makes a command's flag list: the --PROGRAM-program flags of programs, then extra.
func withPrograms(programs ...string) func(extra ...ucli.Flag) []ucli.Flag {
	return func(extra ...ucli.Flag) []ucli.Flag { return append(cli.ProgramFlags(programs...), extra...) }
}

// stakingClient is the staking client for the command's cluster and programs.
func stakingClient(c *ucli.Context, env *cli.Env) (*staking.Client, error) {
	return cli.CommandPrograms(c, env).Staking()
}

// jobsClient is the jobs client for the command's cluster and programs.
func jobsClient(c *ucli.Context, env *cli.Env) (*jobs.Client, error) {
	return cli.CommandPrograms(c, env).Jobs()
}

// emissionClient is the emission client for the command's cluster and programs.
func emissionClient(c *ucli.Context, env *cli.Env) (*emission.Client, error) {
	return cli.CommandPrograms(c, env).Emission()
}

// govClient is the governance client for the command's cluster and programs.
func govClient(c *ucli.Context, env *cli.Env) (*governance.Client, error) {
	return cli.CommandPrograms(c, env).Governance()
}

// capacityClient is the capacity client and its staking client for the command's cluster and programs.
func capacityClient(c *ucli.Context, env *cli.Env) (*capacity.Client, *staking.Client, error) {
	p := cli.CommandPrograms(c, env)
	stk, err := p.Staking()
	if err != nil {
		return nil, nil, err
	}
	cp, err := p.Capacity()
	return cp, stk, err
}
