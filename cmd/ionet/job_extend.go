package main

import (
	"fmt"
	"io"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
)

// jobExtendCommand is `job extend`: more hours for an open or running job at the same price.
func jobExtendCommand(programs func(...ucli.Flag) []ucli.Flag) *ucli.Command {
	return &ucli.Command{
		Name:      "extend",
		Usage:     "add hours to your open or running job at the same price (the escrow grows; the worker keeps running)",
		ArgsUsage: "ID",
		Flags:     programs(&ucli.StringFlag{Name: "hours", Required: true, Usage: "hours to add (decimal, whole seconds: 1.5)"}),
		Action:    cli.Action(runJobExtend),
	}
}

type extendReport struct {
	Job         uint64     `json:"job"`
	MaxDuration string     `json:"maxDuration"`
	Added       cli.Amount `json:"added"`
	Escrowed    cli.Amount `json:"escrowed"`
	txRef
}

func (r extendReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Job %d extended to %s: %s added to the escrow, now %s (%s)\n", r.Job, r.MaxDuration, r.Added, r.Escrowed, r.Signature)
	return err
}

func runJobExtend(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	seconds, err := parseHours(c.String("hours"))
	if err != nil {
		return fmt.Errorf("--hours: %w", err)
	}
	key, client, err := signerAnd(c, env, jobsClient)
	if err != nil {
		return err
	}
	job, err := client.FetchJob(c.Context, id)
	if err != nil {
		return err
	}
	cost, err := jobs.ExtensionCost(job, seconds)
	if err != nil {
		return err
	}
	res, err := client.ExtendJob(c.Context, key, id, seconds)
	if err != nil {
		return err
	}
	cfg, err := client.FetchConfig(c.Context)
	if err != nil {
		return err
	}
	io, usdc, err := client.FetchCurrencies(c.Context, cfg)
	if err != nil {
		return err
	}
	decimals := jobs.Pick(job.Mint)(io, usdc).Decimals
	return env.Print(extendReport{Job: id, MaxDuration: fmt.Sprint(time.Duration(job.MaxDurationSeconds+seconds) * time.Second),
		Added: cli.NewAmount(cost, decimals), Escrowed: cli.NewAmount(job.Escrowed+cost, decimals), txRef: refOf(res)})
}
