package workercli

import (
	"fmt"
	"io"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/worker/gpu"
)

// gpuReport is `ionet-worker gpu`'s output.
type gpuReport struct{ gpu.Facts }

// WriteHuman prints one line per GPU.
func (r gpuReport) WriteHuman(w io.Writer) error {
	if _, err := fmt.Fprintln(w, r.Summary()); err != nil {
		return err
	}
	for _, g := range r.GPUs {
		if _, err := fmt.Fprintf(w, "  %d %s %s %d MiB, %d%% busy, %d C\n", g.Index, g.Model, g.UUID, g.MemoryMiB, g.UtilisationPct, g.TemperatureC); err != nil {
			return err
		}
	}
	return nil
}

func showGPU(c *ucli.Context, env *cli.Env) error {
	return env.Print(gpuReport{gpu.Default(c.Context, env.Log)})
}
