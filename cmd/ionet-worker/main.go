// Command ionet-worker runs a GPU supplier's device: it registers the device, takes matching
// jobs, runs them, attests the results and follows them to payment. The logic lives in
// package worker; this is its command line.
package main

import (
	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/worker/workercli"
)

func main() {
	cli.Main(workercli.App())
}
