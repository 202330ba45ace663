// Command ionet-checker runs a staked checker (issue #16): it re-runs the jobs the jobs
// program's audits assign to it, submits its verdicts before their deadlines, and sends the
// audit steps that are due (draw, assign, replace, settle or convict). The logic lives in
// package checker; this is its command line.
package main

import (
	"github.com/ionet-oss/ionet/checker/checkercli"
	"github.com/ionet-oss/ionet/cli"
)

func main() {
	cli.Main(checkercli.App())
}
