package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/localnet"
)

func localnetWarpCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "warp",
		Usage:     "move the localnet clock forward (past a cooldown, a challenge window, emission hours)",
		ArgsUsage: "DURATION (e.g. 14d, 3h, 90m, 45s)",
		Description: "Only on the embedded localnet that the manifest describes: any other cluster is " +
			"refused. Time only moves forward.",
		Flags:  []ucli.Flag{localnetcli.ManifestFlag()},
		Action: cli.Action(runLocalnetWarp),
	}
}

func runLocalnetWarp(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 1 {
		return fmt.Errorf("give one DURATION, e.g. `ionet localnet warp 14d`")
	}
	d, err := parseDays(c.Args().First())
	if err != nil {
		return err
	}
	if _, err := localnetcli.LocalnetTarget(c.Context, c, env); err != nil {
		return fmt.Errorf("localnet warp: %w", err)
	}
	w, err := localnet.Warp(c.Context, env.Client().RPC, d)
	if err != nil {
		return err
	}
	return env.Print(warpReport{By: d.String(), Slot: w.Slot, UnixTimestamp: w.UnixTimestamp})
}

// parseDays is time.ParseDuration that also takes whole days ("14d").
func parseDays(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseUint(days, 10, 16)
		if err != nil || n == 0 {
			return 0, fmt.Errorf("duration %q: give a positive whole number of days, e.g. 14d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Second {
		return 0, fmt.Errorf("duration %q: give at least one second, e.g. 14d, 3h, 90m or 45s", s)
	}
	return d, nil
}

type warpReport struct {
	By            string `json:"by"`
	Slot          uint64 `json:"slot"`
	UnixTimestamp int64  `json:"unixTimestamp"`
}

func (r warpReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Clock moved forward by %s: now %s (slot %d)\n", r.By,
		time.Unix(r.UnixTimestamp, 0).UTC().Format(time.RFC3339), r.Slot)
	return err
}
