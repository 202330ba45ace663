package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/deploy"
	"github.com/ionet-oss/ionet/localnet"
)

// categoryOperator groups the commands that set the protocol up on a cluster.
const categoryOperator = "Operator"

func deployCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "deploy",
		Usage:    "deploy or upgrade the protocol's five programs on the --url cluster and set them up (operator)",
		Category: categoryOperator,
		Description: "Deploys staking, jobs, emission and governance through the BPF Loader Upgradeable " +
			"(a buffer written in chunks, kept between runs so an interrupted deploy resumes without paying " +
			"twice, then deployed with twice the code's size as room to grow, or upgraded), with the program " +
			"keypairs in --program-keypairs (made when missing); creates the IO mint with the launch supply " +
			"to the distribution wallet (or checks a given one); then initialises the programs in order, " +
			"signed by the --keypair wallet, their upgrade authority, with the parameters of --params " +
			"(deploy.yaml; --print-params shows every one with its default and bounds). USDC is the cluster's " +
			"real mint (devnet, mainnet-beta), a stand-in on a localnet. --hand-over hands the programs to " +
			"governance; --hand-over-upgrades then moves every program's upgrade authority to the governance PDA. Every step reads the chain first: a second run changes nothing and says so. The " +
			"deployment (program ids, mints, code hashes) is registered under the cluster's genesis hash, so " +
			"every command given --url of this cluster finds it.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "program-keypairs", Usage: "directory of the program keypairs <program>-program.json (made when missing; keep it: the keys are the program ids)"},
			&ucli.StringFlag{Name: "params", Usage: "deploy.yaml with the programs' parameters (default: the defaults of --print-params)"},
			&ucli.BoolFlag{Name: "print-params", Usage: "print the documented deploy.yaml (every parameter, its default and bounds) and exit"},
			&ucli.BoolFlag{Name: "hand-over", Usage: "hand staking, jobs and emission to the governance PDA once initialised"},
			&ucli.BoolFlag{Name: "hand-over-upgrades", Usage: "then move every program's upgrade authority to the governance PDA (checked: governance must be initialised): from then on only a passed proposal upgrades them (ionet gov propose upgrade)"},
			&ucli.BoolFlag{Name: "dry-run", Usage: "say what would be done and what it would cost; send nothing"},
			&ucli.StringFlag{Name: "state", Usage: "directory kept between runs (buffer and new mint keypairs; default: --program-keypairs)"},
			artifactsFlag(), sbpfFlag(),
			&ucli.IntFlag{Name: "concurrency", Value: 8, Usage: "buffer chunks in flight at once"},
			&ucli.Uint64Flag{Name: "priority-fee", Usage: "compute-unit price in micro-lamports for the deploy's transactions (mainnet-beta under load); 0: base fee only"},
			&ucli.StringFlag{Name: "write-buffer", Usage: "only write PROGRAM's build into a buffer, for an upgrade by its upgrade authority (e.g. a governance proposal); prints the buffer and its hash"},
			&ucli.StringFlag{Name: "buffer-authority", Usage: "with --write-buffer: hand the written buffer to this key (the program's upgrade authority, e.g. the governance PDA)"},
		},
		Action: cli.Action(runDeploy),
	}
}

func artifactsFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "artifacts", Usage: "directory of built programs <program>.so (default: the artefacts built into ionet, as committed in localnet/programs)"}
}

func sbpfFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "sbpf", Value: "v3", Usage: "SBPF version of the artefacts: v3 (<program>.so) or v0 (<program>.v0.so)"}
}

// programELFs reads the five programs' ELFs of the --sbpf version from --artifacts, else the
// built-in artefacts.
func programELFs(c *ucli.Context) (map[string][]byte, error) {
	switch c.String("sbpf") {
	case "v3", "":
		return programELFsOf(c, false)
	case "v0":
		return programELFsOf(c, true)
	}
	return nil, fmt.Errorf("--sbpf %q: give v3 or v0", c.String("sbpf"))
}

// programELFsOf reads the five programs' SBPF v0 or v3 ELFs.
func programELFsOf(c *ucli.Context, v0 bool) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range deploy.ProgramNames {
		var elf []byte
		var err error
		if dir := c.String("artifacts"); dir != "" {
			file := name + ".so"
			if v0 {
				file = name + ".v0.so"
			}
			elf, err = os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				err = fmt.Errorf("--artifacts: %w", err)
			}
		} else {
			elf, err = localnet.ProgramELF(name, v0)
		}
		if err != nil {
			return nil, err
		}
		out[name] = elf
	}
	return out, nil
}

// programKeypairs loads <dir>/<name>-program.json for each program, writing new ones when missing.
func programKeypairs(dir string, log func(string)) (map[string]solana.PrivateKey, error) {
	out := map[string]solana.PrivateKey{}
	for _, name := range deploy.ProgramNames {
		path := filepath.Join(dir, name+"-program.json")
		key, err := cli.LoadKeypair(path)
		if errors.Is(err, os.ErrNotExist) {
			if key, err = cli.NewKeypairFile(path, false); err == nil {
				log(fmt.Sprintf("new program keypair %s: %s", path, key.PublicKey()))
			}
		}
		if err != nil {
			return nil, fmt.Errorf("program keypair of %s: %w", name, err)
		}
		out[name] = key
	}
	return out, nil
}

// isLocalURL reports whether the cluster runs on this machine (a USDC stand-in is allowed there).
func isLocalURL(rpcURL string) bool {
	u, err := url.Parse(rpcURL)
	if err != nil {
		return false
	}
	host := u.Hostname()
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

func runDeploy(c *ucli.Context, env *cli.Env) error {
	if c.Bool("print-params") {
		_, err := env.Out.Write(deploy.DefaultConfigYAML)
		return err
	}
	if c.NArg() > 0 {
		return fmt.Errorf("deploy takes no arguments (got %q)", c.Args().First())
	}
	if name := c.String("write-buffer"); name != "" {
		return runWriteBuffer(c, env, name)
	}
	dir := c.String("program-keypairs")
	if dir == "" {
		return errors.New("--program-keypairs DIR is required: the directory of the program keypairs (made when missing; keep it, the keys are the program ids)")
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	cfg, err := deploy.LoadConfig(c.String("params"))
	if err != nil {
		return err
	}
	params, err := cfg.Resolve(key.PublicKey())
	if err != nil {
		return err
	}
	elfs, err := programELFs(c)
	if err != nil {
		return err
	}
	say := func(line string) { fmt.Fprintln(c.App.ErrWriter, line) }
	keys, err := programKeypairs(dir, say)
	if err != nil {
		return err
	}
	var programs []deploy.Program
	for _, name := range deploy.ProgramNames {
		programs = append(programs, deploy.Program{Name: name, ELF: elfs[name], Keypair: keys[name]})
	}
	state := c.String("state")
	if state == "" {
		state = dir
	}
	d := &deploy.Deployer{
		Client: env.Client(), Authority: key, StateDir: state, Concurrency: c.Int("concurrency"),
		PriorityFee: c.Uint64("priority-fee"), Log: env.Log, Progress: progressPrinter(c.App.ErrWriter, env),
	}
	if c.Bool("dry-run") {
		planned, total, err := d.Plan(c.Context, programs)
		if err != nil {
			return err
		}
		return env.Print(dryRunReport{Programs: planned, Estimate: cli.NewAmount(total, solanax.SOLDecimals), Authority: key.PublicKey().String()})
	}
	rep, err := d.Run(c.Context, deploy.Plan{Programs: programs, Params: params, HandOver: c.Bool("hand-over"), HandOverUpgrades: c.Bool("hand-over-upgrades"),
		Localnet: isLocalURL(env.RPCURL), RPC: env.RPCURL})
	if err != nil {
		if rep != nil && rep.CostLamports > 0 {
			say("Spent so far: " + deploy.FormatSOL(rep.CostLamports) + "; rerun the same command to resume.")
		}
		if errors.Is(err, deploy.ErrELFRejected) {
			other := "v0"
			if c.String("sbpf") == "v0" {
				other = "v3"
			}
			return fmt.Errorf("%w; try the other build: rerun with --sbpf %s", err, other)
		}
		return err
	}
	return env.Print(newDeployReport(rep))
}

// runWriteBuffer is `deploy --write-buffer PROGRAM`.
func runWriteBuffer(c *ucli.Context, env *cli.Env, name string) error {
	state := firstNonEmpty(c.String("state"), c.String("program-keypairs"))
	if state == "" {
		return errors.New("--write-buffer needs --state DIR (or --program-keypairs DIR): the buffer's keypair is kept there until it is written")
	}
	var authority solana.PublicKey
	if text := c.String("buffer-authority"); text != "" {
		var err error
		if authority, err = solana.PublicKeyFromBase58(text); err != nil {
			return fmt.Errorf("--buffer-authority %q is not a base58 public key: %w", text, err)
		}
	}
	elfs, err := programELFs(c)
	if err != nil {
		return err
	}
	elf, ok := elfs[name]
	if !ok {
		return fmt.Errorf("--write-buffer %q: give one of %s", name, strings.Join(deploy.ProgramNames, ", "))
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	d := &deploy.Deployer{Client: env.Client(), Authority: key, StateDir: state, Concurrency: c.Int("concurrency"),
		PriorityFee: c.Uint64("priority-fee"), Log: env.Log, Progress: progressPrinter(c.App.ErrWriter, env)}
	res, err := d.WriteBuffer(c.Context, deploy.Program{Name: name, ELF: elf}, authority)
	if err != nil {
		return err
	}
	return env.Print(bufferReport{res})
}

type bufferReport struct{ *deploy.BufferResult }

func (r bufferReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Buffer %s holds the %s build (sha256 %s), authority %s\nCheck it: ionet verify --buffer %s --program %s\n",
		r.Buffer, r.Program, r.Hash, r.Authority, r.Buffer, r.Program)
	return err
}

// progressPrinter writes each step on its own line, and the buffer chunks at every tenth of a
// program (every chunk with --verbose).
func progressPrinter(w io.Writer, env *cli.Env) func(deploy.Event) {
	return func(e deploy.Event) {
		if e.Step == "chunk" {
			tenth := max(e.Total/10, 1)
			if e.Done%tenth == 0 || e.Done == e.Total {
				fmt.Fprintf(w, "  %s: %d/%d chunks written\n", e.Program, e.Done, e.Total)
			} else {
				env.Log.Debug("chunk written", "program", e.Program, "done", e.Done, "total", e.Total)
			}
			return
		}
		if e.Program != "" {
			fmt.Fprintf(w, "[%s] %s: %s\n", e.Step, e.Program, e.Message)
		} else {
			fmt.Fprintf(w, "[%s] %s\n", e.Step, e.Message)
		}
	}
}

type dryRunReport struct {
	Programs  []deploy.Planned `json:"programs"`
	Estimate  cli.Amount       `json:"estimate"`
	Authority string           `json:"authority"`
}

func (r dryRunReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROGRAM\tID\tWOULD\tCHUNKS\tSOL")
	for _, p := range r.Programs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", p.Name, p.ID, p.Action, p.Chunks, solanax.FormatAmount(p.Lamports, solanax.SOLDecimals))
	}
	fmt.Fprintf(tw, "\nDry run: nothing sent. The deploy would need up to %s SOL in %s (rent included; the buffers' rent comes back).\n", r.Estimate.UIAmountString, r.Authority)
	return tw.Flush()
}

type deployReport struct {
	Cluster            string                  `json:"cluster,omitempty"`
	GenesisHash        string                  `json:"genesisHash"`
	Programs           []*deploy.ProgramResult `json:"programs"`
	IOMint             string                  `json:"ioMint"`
	USDCMint           string                  `json:"usdcMint"`
	Initialised        []string                `json:"initialised"`
	HandedOver         []string                `json:"handedOver"`
	UpgradesHandedOver []string                `json:"upgradesHandedOver"`
	Changed            bool                    `json:"changed"`
	Estimate           cli.Amount              `json:"estimate"`
	Cost               cli.Amount              `json:"cost"`
	Deployment         string                  `json:"deployment"`
}

func newDeployReport(r *deploy.Report) deployReport {
	return deployReport{
		Cluster: r.Cluster, GenesisHash: r.GenesisHash.String(), Programs: r.Programs,
		IOMint: r.IOMint.String(), USDCMint: r.USDCMint.String(),
		Initialised: r.Initialised, HandedOver: r.HandedOver, UpgradesHandedOver: r.UpgradesHandedOver, Changed: r.Changed,
		Estimate: cli.NewAmount(r.EstimateLamports, solanax.SOLDecimals),
		Cost:     cli.NewAmount(r.CostLamports, solanax.SOLDecimals), Deployment: r.DeploymentPath,
	}
}

func (r deployReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROGRAM\tID\tACTION\tSHA256")
	for _, p := range r.Programs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Name, p.ID, p.Action, p.Hash)
	}
	fmt.Fprintf(tw, "\nIO mint\t%s\n", r.IOMint)
	fmt.Fprintf(tw, "USDC mint\t%s\n", r.USDCMint)
	if len(r.Initialised) > 0 {
		fmt.Fprintf(tw, "Initialised\t%s\n", strings.Join(r.Initialised, ", "))
	}
	if len(r.HandedOver) > 0 {
		fmt.Fprintf(tw, "Handed to governance\t%s\n", strings.Join(r.HandedOver, ", "))
	}
	if len(r.UpgradesHandedOver) > 0 {
		fmt.Fprintf(tw, "Upgrades handed to governance\t%s\n", strings.Join(r.UpgradesHandedOver, ", "))
	}
	fmt.Fprintf(tw, "Deployment\t%s (share it: ionet deployment import FILE)\n", r.Deployment)
	if !r.Changed {
		fmt.Fprintln(tw, "\nNothing to do: the protocol is deployed and set up as asked; nothing was sent.")
	} else {
		fmt.Fprintf(tw, "\nCost\t%s SOL (estimated up to %s SOL)\n", r.Cost.UIAmountString, r.Estimate.UIAmountString)
	}
	return tw.Flush()
}

// localnetDeployerFunds is what the localnet's upgrade authority is topped up to before it
// deploys: the programs' rent at twice their size, the buffers' while they are written, fees.
const localnetDeployerFunds = 20 * solana.LAMPORTS_PER_SOL

// localnetChunksInFlight: a local chain confirms fast and is not shared, so more chunks are in
// flight than on a public cluster.
const localnetChunksInFlight = 64

// setUpLocalnet deploys and initialises the protocol on a fresh localnet through `ionet deploy`'s
// code: the localnet's program keypairs, its upgrade authority deploys and initialises, its IO
// mint authority hands minting to emission, the distribution wallet is the operator, and the
// USDC is the genesis stand-in. Governance is deployed and left for `ionet gov init`. On a kept
// ledger it changes nothing (or upgrades the programs whose build changed).
func setUpLocalnet(c *ucli.Context, env *cli.Env, chain *localnet.Chain) (*deploy.Report, error) {
	m := chain.Manifest
	upgrader, err := m.UpgradeAuthority.Load()
	if err != nil {
		return nil, fmt.Errorf("the programs' upgrade authority: %w", err)
	}
	mintAuthority, err := m.MintAuthority.Load()
	if err != nil {
		return nil, fmt.Errorf("the IO mint authority: %w", err)
	}
	balance, err := chain.RPC.GetBalance(c.Context, upgrader.PublicKey(), rpc.CommitmentConfirmed)
	if err != nil {
		return nil, fmt.Errorf("the upgrade authority's balance: %w", solanax.WrapRPCError("getBalance", err))
	}
	if balance.Value < localnetDeployerFunds {
		if _, err := localnet.Fund(c.Context, chain.Client, m, upgrader.PublicKey(), localnet.Funding{Lamports: localnetDeployerFunds - balance.Value}); err != nil {
			return nil, fmt.Errorf("fund the upgrade authority: %w", err)
		}
	}
	var programs []deploy.Program
	for _, p := range chain.Programs {
		elf, err := os.ReadFile(p.SO)
		if err != nil {
			return nil, fmt.Errorf("read the program %s: %w", p.Name, err)
		}
		key, err := cli.LoadKeypair(p.Keypair)
		if err != nil {
			return nil, fmt.Errorf("the program keypair of %s: %w", p.Name, err)
		}
		programs = append(programs, deploy.Program{Name: p.Name, ELF: elf, Keypair: key})
	}
	params, err := deploy.DefaultConfig().Resolve(m.Distribution.Pubkey)
	if err != nil {
		return nil, err
	}
	// The deploy creates the IO mint, at the manifest's address: its keypair goes where the
	// deploy keeps a mint it creates.
	if err := placeIOMintKey(chain.LedgerDir, m.Mints.IO.Keypair); err != nil {
		return nil, err
	}
	params.USDCMint = &m.Mints.USDC.Address
	operator, err := m.Distribution.Load() // the operator: it links capacity into emission
	if err != nil {
		return nil, fmt.Errorf("the operator (distribution wallet): %w", err)
	}
	d := &deploy.Deployer{
		Client: chain.Client, Authority: upgrader, MintAuthority: mintAuthority, Operator: operator, StateDir: chain.LedgerDir,
		Concurrency: localnetChunksInFlight, Log: env.Log, Progress: progressPrinter(c.App.ErrWriter, env),
	}
	rep, err := d.Run(c.Context, deploy.Plan{Programs: programs, Params: params, Localnet: true, LeaveGovernance: true, RPC: chain.RPCURL})
	if err != nil {
		return rep, err
	}
	if !rep.IOMint.Equals(m.Mints.IO.Address) {
		return rep, fmt.Errorf("the deploy's IO mint %s is not the manifest's %s: restart with --reset", rep.IOMint, m.Mints.IO.Address)
	}
	if err := chain.FundWallets(c.Context); err != nil {
		return rep, fmt.Errorf("fund the named wallets: %w", err)
	}
	return rep, nil
}

// placeIOMintKey copies the localnet's IO mint keypair into the deploy's state directory, unless
// one is there already.
func placeIOMintKey(stateDir, keypair string) error {
	path := filepath.Join(stateDir, deploy.IOMintKeyFile)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	key, err := cli.LoadKeypair(keypair)
	if err != nil {
		return fmt.Errorf("the localnet's IO mint keypair: %w", err)
	}
	if err := cli.WriteKeypair(path, key, false); err != nil {
		return fmt.Errorf("place the IO mint keypair for the deploy: %w", err)
	}
	return nil
}
