package deploy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Plan is what Run deploys.
type Plan struct {
	// Programs are the five protocol programs (ProgramNames), in any order.
	Programs []Program
	Params   *Params
	// HandOver hands staking, jobs and emission to governance once initialised.
	HandOver bool
	// HandOverUpgrades moves every program's upgrade authority to the governance PDA (after the
	// hand-over): from then on only a passed proposal upgrades them.
	HandOverUpgrades bool
	// Localnet allows a USDC stand-in when the cluster is not one whose USDC is known.
	Localnet bool
	// LeaveGovernance deploys governance but leaves its initialisation to a later `ionet gov
	// init` (the localnet's demo does it as one of its steps); no hand-over then.
	LeaveGovernance bool
	// RPC is recorded in the deployment file.
	RPC string
}

// Report is what Run did (or, for a dry run, would do).
type Report struct {
	Cluster     string           `json:"cluster,omitempty"`
	GenesisHash solana.Hash      `json:"genesisHash"`
	Programs    []*ProgramResult `json:"programs"`
	IOMint      solana.PublicKey `json:"ioMint"`
	USDCMint    solana.PublicKey `json:"usdcMint"`
	Initialised []string         `json:"initialised"`
	HandedOver  []string         `json:"handedOver"`
	// UpgradesHandedOver are the programs whose upgrade authority this run gave to governance.
	UpgradesHandedOver []string `json:"upgradesHandedOver"`
	// Changed is false when the run found everything in place and sent nothing.
	Changed bool `json:"changed"`
	// EstimateLamports is the SOL the run was expected to spend; CostLamports what the
	// authority's balance actually fell by (0 for a dry run).
	EstimateLamports uint64          `json:"estimateLamports"`
	CostLamports     uint64          `json:"costLamports"`
	Deployment       *cli.Deployment `json:"deployment,omitempty"`
	DeploymentPath   string          `json:"deploymentPath,omitempty"`
}

// Run deploys or upgrades the programs, creates or checks the mints, initialises the programs,
// hands them over when asked and registers the deployment. It can be run again at any time: it
// does only what is missing.
func (d *Deployer) Run(ctx context.Context, plan Plan) (*Report, error) {
	programs, err := orderPrograms(plan.Programs)
	if err != nil {
		return nil, err
	}
	if (plan.HandOver || plan.HandOverUpgrades) && plan.LeaveGovernance {
		return nil, errors.New("deploy: a hand-over needs governance initialised: do not leave it")
	}
	if plan.HandOver && !plan.Params.Operator.Equals(d.authority()) {
		return nil, fmt.Errorf("deploy: --hand-over needs the operator's signature: the operator %s is not the deploying keypair %s; hand over later with `ionet gov hand-over` as the operator", plan.Params.Operator, d.authority())
	}
	genesis, err := d.Client.RPC.GetGenesisHash(ctx)
	if err != nil {
		return nil, fmt.Errorf("deploy: ask the cluster for its genesis hash: %w", solanax.WrapRPCError("getGenesisHash", err))
	}
	rep := &Report{Cluster: cli.ClusterName(genesis), GenesisHash: genesis, Initialised: []string{}, HandedOver: []string{}, UpgradesHandedOver: []string{}}
	usdc, err := d.usdcMint(plan, genesis)
	if err != nil {
		return nil, err
	}
	est, err := d.Estimate(ctx, programs)
	if err != nil {
		return nil, err
	}
	rep.EstimateLamports = est
	before, err := d.balance(ctx)
	if err != nil {
		return nil, err
	}
	if before < est {
		return rep, fmt.Errorf("deploy: the deploying keypair %s holds %s SOL, the deploy may need up to %s SOL: fund it first (devnet: solana airdrop)",
			d.authority(), solanax.FormatAmount(before, solanax.SOLDecimals), solanax.FormatAmount(est, solanax.SOLDecimals))
	}
	defer func() {
		if after, err := d.balance(context.WithoutCancel(ctx)); err == nil && after < before {
			rep.CostLamports = before - after
		}
	}()

	ids := map[string]solana.PublicKey{}
	hashes := map[string]string{}
	for _, p := range programs {
		d.emit(Event{Step: "program", Program: p.Name, Message: fmt.Sprintf("%s, %d bytes, sha256 %s", p.ID(), len(p.ELF), CodeHash(p.ELF))})
		res, err := d.ensureProgram(ctx, p)
		if res != nil {
			rep.Programs = append(rep.Programs, res)
		}
		if err != nil {
			return rep, fmt.Errorf("deploy %s: %w", p.Name, err)
		}
		rep.Changed = rep.Changed || res.Action != ActionUnchanged
		ids[p.Name], hashes[p.Name] = p.ID(), res.Hash
	}
	// A program is invocable from the slot after its deploy.
	if rep.Changed {
		if err := d.nextSlot(ctx); err != nil {
			return rep, err
		}
	}

	ioMint, created, err := d.ioMint(ctx, plan.Params)
	if err != nil {
		return rep, err
	}
	rep.IOMint, rep.Changed = ioMint, rep.Changed || created
	if usdc == nil {
		mint, created, err := d.ensureMint(ctx, mintSpec{label: "USDC stand-in", keyFile: usdcMintKeyFile, decimals: solanax.USDCDecimals})
		if err != nil {
			return rep, err
		}
		usdc, rep.Changed = &mint, rep.Changed || created
	} else if err := d.checkMint(ctx, "USDC", *usdc, solanax.USDCDecimals); err != nil {
		return rep, err
	}
	rep.USDCMint = *usdc

	c, err := d.clients(ids)
	if err != nil {
		return rep, err
	}
	if rep.Initialised, err = d.initialise(ctx, c, plan.Params, ioMint, *usdc, plan.LeaveGovernance); err != nil {
		return rep, fmt.Errorf("deploy: %w", err)
	}
	rep.Changed = rep.Changed || len(rep.Initialised) > 0
	if plan.HandOver {
		if rep.HandedOver, err = d.handOver(ctx, c); err != nil {
			return rep, fmt.Errorf("deploy: %w", err)
		}
		rep.Changed = rep.Changed || len(rep.HandedOver) > 0
	}
	if plan.HandOverUpgrades {
		if rep.UpgradesHandedOver, err = d.handOverUpgrades(ctx, c, ids); err != nil {
			return rep, fmt.Errorf("deploy: %w", err)
		}
		rep.Changed = rep.Changed || len(rep.UpgradesHandedOver) > 0
	}
	upgrader, err := d.upgradeAuthority(ctx, ids, c.gov.Governance)
	if err != nil {
		return rep, fmt.Errorf("deploy: %w", err)
	}

	dep := &cli.Deployment{
		Cluster: rep.Cluster, GenesisHash: genesis, RPC: plan.RPC, Programs: ids, ProgramHashes: hashes,
		Mints:            cli.DeploymentMints{IO: ioMint, USDC: *usdc},
		UpgradeAuthority: upgrader, Operator: plan.Params.Operator, Governance: c.gov.Governance,
		UpdatedAt: time.Now().UTC().Truncate(time.Second),
	}
	rep.Deployment = dep
	old, path, found, err := cli.LookupDeployment(genesis)
	if err == nil && found {
		dep.Manifest = old.Manifest // a localnet's stays one
	}
	if err == nil && found && sameDeployment(old, dep) {
		rep.Deployment, rep.DeploymentPath = old, path // nothing changed: the file stays as it was
		d.emit(Event{Step: "deployment", Message: "already registered " + path})
		return rep, nil
	}
	if rep.DeploymentPath, err = cli.RegisterDeployment(dep); err != nil {
		return rep, err
	}
	d.emit(Event{Step: "deployment", Message: "registered " + rep.DeploymentPath})
	return rep, nil
}

// sameDeployment compares two deployments but for their time.
func sameDeployment(a, b *cli.Deployment) bool {
	x, y := *a, *b
	x.UpdatedAt, y.UpdatedAt = time.Time{}, time.Time{}
	x.RPC, y.RPC = "", ""
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// ioMint is the configured IO mint, checked, or the one the deploy creates.
func (d *Deployer) ioMint(ctx context.Context, p *Params) (solana.PublicKey, bool, error) {
	if p.IOMint != nil {
		return *p.IOMint, false, d.checkMint(ctx, "IO", *p.IOMint, solanax.IODecimals)
	}
	return d.ensureMint(ctx, mintSpec{label: "IO", keyFile: ioMintKeyFile, decimals: solanax.IODecimals, supply: p.LaunchSupply, holder: p.Distribution})
}

// usdcMint is the configured USDC, else the cluster's; nil means a stand-in is to be made.
func (d *Deployer) usdcMint(plan Plan, genesis solana.Hash) (*solana.PublicKey, error) {
	if plan.Params.USDCMint != nil {
		return plan.Params.USDCMint, nil
	}
	switch genesis {
	case cli.GenesisMainnetBeta:
		return &USDCMainnetBeta, nil
	case cli.GenesisDevnet:
		return &USDCDevnet, nil
	}
	if plan.Localnet {
		return nil, nil
	}
	return nil, fmt.Errorf("deploy: the cluster (genesis hash %s) has no known USDC mint: set usdc.mint in deploy.yaml", genesis)
}

// orderPrograms checks that the five programs are there, each once, and puts them in order.
func orderPrograms(in []Program) ([]Program, error) {
	byName := map[string]Program{}
	for _, p := range in {
		if _, dup := byName[p.Name]; dup {
			return nil, fmt.Errorf("deploy: program %s given twice", p.Name)
		}
		byName[p.Name] = p
	}
	out := make([]Program, 0, len(ProgramNames))
	var missing []string
	for _, name := range ProgramNames {
		p, ok := byName[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		if len(p.ELF) == 0 || p.Keypair == nil {
			return nil, fmt.Errorf("deploy: program %s has no ELF or no keypair", name)
		}
		out = append(out, p)
		delete(byName, name)
	}
	if len(missing) > 0 || len(byName) > 0 {
		return nil, fmt.Errorf("deploy: the protocol is exactly %v; missing %v", ProgramNames, missing)
	}
	return out, nil
}

func (d *Deployer) balance(ctx context.Context) (uint64, error) {
	b, err := d.Client.RPC.GetBalance(ctx, d.authority(), d.Client.Commitment())
	if err != nil {
		return 0, fmt.Errorf("deploy: balance of %s: %w", d.authority(), solanax.WrapRPCError("getBalance", err))
	}
	return b.Value, nil
}

// nextSlot waits until the chain is past the current slot.
func (d *Deployer) nextSlot(ctx context.Context) error {
	start, err := d.Client.RPC.GetSlot(ctx, rpc.CommitmentProcessed)
	if err != nil {
		return fmt.Errorf("deploy: get slot: %w", solanax.WrapRPCError("getSlot", err))
	}
	for {
		slot, err := d.Client.RPC.GetSlot(ctx, rpc.CommitmentProcessed)
		if err == nil && slot > start {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.Join(ctx.Err(), err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
