// Command ionet-keeper keeps the protocol moving: it cranks emission, settles jobs after their
// challenge window and expires abandoned jobs, for the tips, safely beside other keepers. The
// logic lives in package keeper; this is its command line.
package main

import (
	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/keeper/keepercli"
)

func main() {
	cli.Main(keepercli.App())
}
