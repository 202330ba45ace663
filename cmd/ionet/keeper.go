package main

import (
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/keeper/keepercli"
)

// keeperCommands are `ionet keeper status`.
func keeperCommands() []*ucli.Command {
	return []*ucli.Command{keepercli.StatusCommand()}
}
