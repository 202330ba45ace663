package keepercli

import (
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/keeper"
)

// StatusCommand is `ionet keeper status`: what is due now across the protocol.
func StatusCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "keeper",
		Usage:    "the keeper's view of the protocol's time-driven work",
		Category: cli.CategoryInfo,
		Subcommands: []*ucli.Command{{
			Name:   "status",
			Usage:  "what is due now (emission cranks, job settlements and expiries) and what comes next, from chain state alone",
			Flags:  programFlags(),
			Action: cli.Action(runStatus),
		}},
	}
}

func runStatus(c *ucli.Context, env *cli.Env) error {
	s, err := newDuties(c, env, env.Client())
	if err != nil {
		return err
	}
	st, err := keeper.Survey(c.Context, env.Client(), s.duties)
	if err != nil {
		return err
	}
	return env.Print(st)
}
