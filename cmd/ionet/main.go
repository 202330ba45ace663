// Command ionet is the user CLI of the ionet toolkit: wallet balances, a local chain, and (as
// the protocol programs land) staking, devices, jobs, emission and governance.
package main

import (
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
)

func main() {
	cli.Main(newApp())
}

// newApp is the whole command tree. Each area adds its command group here from its own file
// (stake.go, device.go, job.go, emission.go, gov.go, keeper.go) as its program client lands.
func newApp() *ucli.App {
	cmds := []*ucli.Command{balanceCommand(), keygenCommand(), localnetCommand()}
	cmds = append(cmds, stakeCommands()...)
	cmds = append(cmds, deviceCommands()...)
	cmds = append(cmds, costakeCommands()...)
	cmds = append(cmds, capacityCommands()...)
	cmds = append(cmds, emissionCommands()...)
	cmds = append(cmds, jobCommands()...)
	cmds = append(cmds, checkerCommands()...)
	cmds = append(cmds, govCommands()...)
	cmds = append(cmds, keeperCommands()...)
	cmds = append(cmds, explorerCommand())
	cmds = append(cmds, deployCommand(), verifyCommand(), deploymentCommand())
	cmds = append(cmds, cli.VersionCommand())
	return cli.NewApp("ionet", "io.net-style GPU compute network on Solana", cmds...)
}
