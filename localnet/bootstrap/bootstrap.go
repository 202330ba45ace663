// Package bootstrap initialises the protocol programs on a fresh localnet, as an operator would at
// launch, through `ionet deploy`'s code (deploy.Deployer.Initialise): staking (its slasher is the
// jobs program), jobs (the operator is update authority and arbiter), emission (it takes over
// the IO mint authority; epoch 1 starts now) and capacity (capacity.DefaultParams; staking's
// slasher registry admits its config PDA), with deploy.yaml's defaults but for the capacity link:
// emission's heartbeat does not need a capacity challenge here (`ionet localnet up` links it).
// The programs' upgrade
// authority signs each initialize (the programs accept no one else) and names the operator, the
// localnet's distribution wallet, as authority. Governance is left for `ionet gov init`. A
// program already initialised is left alone when its authority is the operator, or the
// governance PDA after the hand-over, so running it again on a kept ledger changes nothing; any
// other authority means someone else set the program up, and Protocol fails saying so.
package bootstrap

import (
	"context"
	"fmt"
	"slices"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/deploy"
	"github.com/ionet-oss/ionet/localnet"
)

// Step is one program's set-up and whether this run did it.
type Step struct {
	Program string `json:"program"`
	Done    bool   `json:"done"` // false: it was initialised already
}

// ErrForeignAuthority means a program is already initialised with an authority that is neither
// the operator nor the governance PDA.
var ErrForeignAuthority = deploy.ErrForeignAuthority

// upgraderFunds is the balance the upgrade authority is topped up to: it pays the rent of every
// account the initialisations create.
const upgraderFunds = solana.LAMPORTS_PER_SOL

// protocolPrograms are the programs Protocol sets up, in order.
var protocolPrograms = []string{"staking", "jobs", "emission", "capacity"}

// Protocol initialises every deployed protocol program that is not initialised yet.
func Protocol(ctx context.Context, sx *solanax.Client, m *localnet.Manifest) ([]Step, error) {
	for _, name := range protocolPrograms {
		if _, ok := m.Programs[name]; !ok {
			return nil, fmt.Errorf("bootstrap: the localnet did not deploy the %s program: run make programs and keep localnet/keys/%s-program.json", name, name)
		}
	}
	params, err := deploy.DefaultConfig().Resolve(m.Distribution.Pubkey)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	params.IOMint, params.USDCMint = &m.Mints.IO.Address, &m.Mints.USDC.Address
	// Unlike `ionet localnet up`, capacity stays out of emission's heartbeat: the tests built on
	// this heartbeat devices that were never challenged (the capacity tests link it themselves).
	params.LinkCapacity = false
	upgrader, err := upgradeAuthority(ctx, sx, m)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	mintAuthority, err := m.MintAuthority.Load()
	if err != nil {
		return nil, fmt.Errorf("bootstrap: the IO mint authority: %w", err)
	}
	d := &deploy.Deployer{Client: sx, Authority: upgrader, MintAuthority: mintAuthority}
	done, err := d.Initialise(ctx, m.Programs, params, m.Mints.IO.Address, m.Mints.USDC.Address, true)
	var steps []Step
	for _, name := range protocolPrograms {
		if slices.Contains(done, name) {
			steps = append(steps, Step{Program: name, Done: true})
		} else if err == nil {
			steps = append(steps, Step{Program: name})
		}
	}
	if err != nil {
		return steps, fmt.Errorf("bootstrap: %w (on a localnet: start afresh with ionet localnet up --reset)", err)
	}
	return steps, nil
}

// upgradeAuthority loads the programs' upgrade authority and tops it up to upgraderFunds from
// the distribution wallet.
func upgradeAuthority(ctx context.Context, sx *solanax.Client, m *localnet.Manifest) (solana.PrivateKey, error) {
	key, err := m.UpgradeAuthority.Load()
	if err != nil {
		return nil, fmt.Errorf("the programs' upgrade authority (only it may initialise them): %w", err)
	}
	balance, err := sx.RPC.GetBalance(ctx, key.PublicKey(), rpc.CommitmentConfirmed)
	if err != nil {
		return nil, fmt.Errorf("the upgrade authority's balance: %w", solanax.WrapRPCError("getBalance", err))
	}
	if balance.Value < upgraderFunds {
		if _, err := localnet.Fund(ctx, sx, m, key.PublicKey(), localnet.Funding{Lamports: upgraderFunds - balance.Value}); err != nil {
			return nil, fmt.Errorf("fund the upgrade authority: %w", err)
		}
	}
	return key, nil
}
