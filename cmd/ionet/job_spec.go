package main

import (
	"fmt"
	"io"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
)

// jobPublishSpecCommand is `job publish-spec`: publishes (or finishes publishing) an open job's
// spec on-chain, which `job create` does by itself.
func jobPublishSpecCommand(programs func(...ucli.Flag) []ucli.Flag) *ucli.Command {
	return &ucli.Command{
		Name:      "publish-spec",
		Usage:     "publish your open job's spec on-chain, where workers read it (job create does this itself)",
		ArgsUsage: "ID",
		Flags:     programs(&ucli.StringFlag{Name: "spec", Required: true, Usage: "the job's spec file: its canonical SHA-256 must be the job's spec hash"}),
		Action:    cli.Action(runJobPublishSpec),
	}
}

type publishReport struct {
	Job         uint64 `json:"job"`
	SpecAccount string `json:"specAccount"`
	Bytes       int    `json:"bytes"`
}

func (r publishReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Job %d: spec published in %s (%d bytes); its rent returns when the job closes\n", r.Job, r.SpecAccount, r.Bytes)
	return err
}

func runJobPublishSpec(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	spec, err := readSpecFile(c.String("spec"))
	if err != nil {
		return err
	}
	key, client, err := signerAnd(c, env, jobsClient)
	if err != nil {
		return err
	}
	job, err := client.FetchJob(c.Context, id)
	if err != nil {
		return err
	}
	h, err := spec.Hash()
	if err != nil {
		return err
	}
	if h != job.SpecHash {
		return fmt.Errorf("--spec %s hashes to %x, not job %d's spec %x: give the spec the job was posted with", c.String("spec"), h, id, job.SpecHash)
	}
	if err := client.PublishSpec(c.Context, key, id, spec); err != nil {
		return err
	}
	canonical, err := spec.Canonical()
	if err != nil {
		return err
	}
	jobAddr, err := jobs.JobAddress(client.ProgramID, id)
	if err != nil {
		return err
	}
	addr, err := jobs.SpecAddress(client.ProgramID, jobAddr)
	if err != nil {
		return err
	}
	return env.Print(publishReport{Job: id, SpecAccount: addr.String(), Bytes: len(canonical)})
}
