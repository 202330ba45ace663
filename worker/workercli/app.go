package workercli

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/worker"
	"github.com/ionet-oss/ionet/worker/config"
	"github.com/ionet-oss/ionet/worker/gpu"
	"github.com/ionet-oss/ionet/worker/metrics"
	"github.com/ionet-oss/ionet/worker/runtime"
	"github.com/ionet-oss/ionet/worker/store"
)

// App is the ionet-worker command line.
func App() *ucli.App {
	return cli.NewApp("ionet-worker",
		"run a GPU supplier's device: take matching jobs, run them, attest, get paid",
		&ucli.Command{Name: "run", Usage: "work until stopped (SIGTERM or Ctrl-C: the running job gets a grace period)",
			Flags: workerFlags(), Action: cli.Action(runWorker)},
		&ucli.Command{Name: "init", Usage: "register the device (class and count checked against this host) and show the stake it still needs",
			Flags: workerFlags(), Action: cli.Action(initDevice)},
		&ucli.Command{Name: "gpu", Usage: "show this host's GPU facts (NVML, else nvidia-smi)", Action: cli.Action(showGPU)},
		cli.VersionCommand())
}

// shutdownGrace is how long a running job may go on after SIGTERM.
const shutdownGrace = 20 * time.Second

func runWorker(c *ucli.Context, env *cli.Env) error {
	cfg, err := loadConfig(c, env)
	if err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log, err := cli.DaemonLogger(c)
	if err != nil {
		return err
	}
	owner, err := loadKey(cfg.OwnerKeypair, "owner")
	if err != nil {
		return err
	}
	device, err := loadKey(cfg.DeviceKeypair, "device")
	if err != nil {
		return err
	}
	sx := solanax.New(cfg.RPCURL, cfg.WSURL, solanax.WithLogger(log))
	defer sx.Close()
	programs := programs(c, cfg, sx)
	jc, err := programs.Jobs()
	if err != nil {
		return err
	}
	em, err := programs.Emission()
	if err != nil {
		return err
	}
	rt, err := newRuntime(c.Context, cfg)
	if err != nil {
		return err
	}
	if cfg.SpecDir == "" {
		cfg.SpecDir = filepath.Join(cfg.WorkDir, "specs")
	}
	st, err := store.Open(stateDir(cfg.WorkDir))
	if err != nil {
		return err
	}
	defer st.Close()
	fixed, err := jc.Fixed(c.Context)
	if err != nil {
		return err
	}
	base, err := cfg.Floors()
	if err != nil {
		return err
	}
	floors := map[solana.PublicKey]uint64{fixed.IOMint: base["IO"], fixed.USDCMint: base["USDC"]}
	m := metrics.New()
	facts := gpu.Default(c.Context, log)
	var liveness worker.Liveness = em
	if _, err := em.FetchState(c.Context); err != nil {
		log.Warn("no liveness heartbeats: the emission program's state cannot be read", "program", em.ProgramID, "err", err)
		liveness = nil
	}
	w, err := worker.New(c.Context, jc, worker.Options{
		Owner: owner, Device: device, Runtime: rt, Store: st, Specs: worker.SpecDir(cfg.SpecDir),
		WorkDir: cfg.WorkDir, PriceFloor: floors, GPUs: facts, WSURL: cfg.WSURL, Poll: cfg.PollInterval,
		Margin: cfg.SafetyMargin, ShutdownGrace: shutdownGrace, Liveness: liveness, ClaimEvery: cfg.ClaimInterval,
		Metrics: m, Log: log,
	})
	if err != nil {
		return err
	}
	stop, err := cli.Serve(cfg.MetricsAddr, flagMetrics, m.Handler(max(10*cfg.PollInterval, time.Minute)), log)
	if err != nil {
		return err
	}
	defer stop()
	go recordGPU(c.Context, m, facts, log)
	startCapacity(c.Context, programs, owner, device, log)
	return w.Run(c.Context)
}

func newRuntime(ctx context.Context, cfg config.Config) (runtime.Runtime, error) {
	return runtime.Select(ctx, runtime.Choice{Kind: cfg.Runtime, DockerSocket: cfg.DockerSocket, PidsLimit: cfg.PidsLimit,
		Limits: runtime.Limits{MemoryBytes: cfg.MemoryLimit, FileBytes: cfg.FileLimit, OpenFiles: cfg.OpenFiles}})
}

// recordGPU refreshes the GPU gauges every minute.
func recordGPU(ctx context.Context, m *metrics.Metrics, facts gpu.Facts, log *slog.Logger) {
	for {
		for _, g := range facts.GPUs {
			m.GPUUtil.WithLabelValues(g.UUID).Set(float64(g.UtilisationPct))
			m.GPUTemp.WithLabelValues(g.UUID).Set(float64(g.TemperatureC))
			m.GPUMemory.WithLabelValues(g.UUID).Set(float64(g.MemoryMiB))
		}
		if len(facts.GPUs) == 0 {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute):
		}
		facts = gpu.Default(ctx, log)
	}
}

// stateDir is where the store lives inside the work directory.
func stateDir(workDir string) string { return filepath.Join(workDir, "state") }
