package workercli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/worker/gpu"
)

// InitReport is what `ionet-worker init` did and what the device still needs.
type InitReport struct {
	Device     string `json:"device"`
	Owner      string `json:"owner"`
	Class      string `json:"class"`
	GPUCount   uint64 `json:"gpuCount"`
	Registered bool   `json:"registeredNow"` // false: it was registered already
	KeyCreated bool   `json:"deviceKeyCreated"`
	Signature  string `json:"signature,omitempty"`
	Stake      uint64 `json:"stake"`
	Required   uint64 `json:"required"`
	// ClaimReserve is what each claim reserves of the device's free stake until the job ends
	// (the jobs program's worst-case penalty).
	ClaimReserve uint64 `json:"claimReserve"`
	// Missing is the stake still needed to be eligible and to claim one job.
	Missing  uint64    `json:"missing"`
	Eligible bool      `json:"eligible"`
	Reason   string    `json:"reason"`
	Host     gpu.Facts `json:"host"`
}

// WriteHuman prints the report for people.
func (r InitReport) WriteHuman(w io.Writer) error {
	what := "already registered"
	if r.Registered {
		what = "registered (" + r.Signature + ")"
	}
	io := func(v uint64) string { return solanax.FormatAmount(v, solanax.IODecimals) }
	_, err := fmt.Fprintf(w, "Device %s: %s as %d x %s, owner %s\nHost: %s\nDevice stake: %s IO of %s IO required\n",
		r.Device, what, r.GPUCount, r.Class, r.Owner, r.Host.Summary(), io(r.Stake), io(r.Required))
	if err != nil {
		return err
	}
	switch {
	case r.Missing == 0:
		_, err = fmt.Fprintf(w, "Eligible: the device may take jobs (each claim reserves %s IO of its free stake until the job ends).\n", io(r.ClaimReserve))
		return err
	case r.Eligible:
		_, err = fmt.Fprintf(w, "Eligible, but each claim reserves %s IO of free stake: stake %s IO more with `ionet device stake %s %s`.\n", io(r.ClaimReserve), io(r.Missing), r.Device, io(r.Missing))
		return err
	}
	_, err = fmt.Fprintf(w, "Not eligible yet: stake %s IO more with `ionet device stake %s %s` (eligibility, and %s IO of free stake that each claim reserves until its job ends).\n",
		io(r.Missing), r.Device, io(r.Missing), io(r.ClaimReserve))
	return err
}

func initDevice(c *ucli.Context, env *cli.Env) error {
	cfg, err := loadConfig(c, env)
	if err != nil {
		return err
	}
	if err := cfg.ValidateDevice(); err != nil {
		return err
	}
	owner, err := loadKey(cfg.OwnerKeypair, "owner")
	if err != nil {
		return err
	}
	device, created, err := deviceKeyOrNew(c.App.ErrWriter, cfg.DeviceKeypair)
	if err != nil {
		return err
	}
	facts := gpu.Default(c.Context, env.Log)
	if err := facts.Check(cfg.GPUClass, cfg.GPUCount); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	sx := solanax.New(cfg.RPCURL, cfg.WSURL, solanax.WithLogger(env.Log))
	defer sx.Close()
	jc, err := programs(c, cfg, sx).Jobs()
	if err != nil {
		return err
	}
	stk := jc.Staking
	scfg, err := stk.FetchConfig(c.Context)
	if err != nil {
		return fmt.Errorf("init: read the staking config: %w", err)
	}
	class, err := staking.ClassIndex(scfg, cfg.GPUClass)
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	r := InitReport{Device: device.PublicKey().String(), Owner: owner.PublicKey().String(), KeyCreated: created, Host: facts}
	dev, err := stk.FetchDevice(c.Context, device.PublicKey())
	switch {
	case errors.Is(err, staking.ErrNotFound):
		res, err := stk.RegisterDevice(c.Context, owner, device, class, cfg.GPUCount)
		if err != nil {
			return fmt.Errorf("init: %w", err)
		}
		r.Registered, r.Signature = true, res.Signature.String()
		if dev, err = stk.FetchDevice(c.Context, device.PublicKey()); err != nil {
			return fmt.Errorf("init: read the registered device: %w", err)
		}
	case err != nil:
		return fmt.Errorf("init: read the device: %w", err)
	case !dev.Owner.Equals(owner.PublicKey()):
		return fmt.Errorf("init: device %s is registered to %s, not to %s", device.PublicKey(), dev.Owner, owner.PublicKey())
	case dev.GpuClass != class || dev.GpuCount != cfg.GPUCount:
		return fmt.Errorf("init: device %s is registered as class index %d x %d, not %s x %d: fix the config to match the registration", device.PublicKey(), dev.GpuClass, dev.GpuCount, cfg.GPUClass, cfg.GPUCount)
	}
	e := staking.DeviceEligibility(scfg, dev)
	r.Class, r.GPUCount, r.Stake, r.Required, r.Eligible, r.Reason = e.Class, dev.GpuCount, e.Stake, e.Required, e.Eligible, e.Reason
	jcfg, err := jc.FetchConfig(c.Context)
	if err != nil {
		return fmt.Errorf("init: read the jobs config: %w", err)
	}
	r.ClaimReserve = jobs.WorstCasePenalty(jcfg)
	if need := max(e.Required, dev.JobReserve+r.ClaimReserve); need > e.Stake {
		r.Missing = need - e.Stake
	}
	return env.Print(r)
}

// deviceKeyOrNew loads the device keypair at path, or creates it there (saying so on w) when
// the file does not exist yet.
func deviceKeyOrNew(w io.Writer, path string) (solana.PrivateKey, bool, error) {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		key, err := loadKey(path, "device")
		return key, false, err
	}
	key, err := cli.NewKeypairFile(path, false)
	if err != nil {
		return nil, false, fmt.Errorf("create the device keypair: %w", err)
	}
	_, err = fmt.Fprintf(w, "Created the device keypair %s (device %s): keep it, it is the device's identity on-chain\n", path, key.PublicKey())
	return key, true, err
}
