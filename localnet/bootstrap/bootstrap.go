// Package bootstrap initialises the protocol programs on a fresh localnet, as an operator would at
// launch: staking (its slasher is the jobs program), jobs (the operator is update authority and
// arbiter), and emission (it takes over the IO mint authority; epoch 1 starts now). The programs'
// upgrade authority signs each initialize (the programs accept no one else) and names the
// operator, the localnet's distribution wallet, as authority. A program already initialised is
// left alone when its authority is the operator, or the governance PDA after the hand-over, so
// running it again on a kept ledger changes nothing; any other authority means someone else set
// the program up, and Protocol fails saying so.
package bootstrap

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

// Step is one program's set-up and whether this run did it.
type Step struct {
	Program string `json:"program"`
	Done    bool   `json:"done"` // false: it was initialised already
}

// ErrForeignAuthority means a program is already initialised with an authority that is neither
// the operator nor the governance PDA.
var ErrForeignAuthority = errors.New("already initialised with another authority")

// upgraderFunds is the balance the upgrade authority is topped up to: it pays the rent of every
// account the initialisations create.
const upgraderFunds = solana.LAMPORTS_PER_SOL

// Protocol initialises every deployed protocol program that is not initialised yet.
func Protocol(ctx context.Context, sx *solanax.Client, m *localnet.Manifest) ([]Step, error) {
	ids, err := programIDs(m)
	if err != nil {
		return nil, err
	}
	operator, err := m.Distribution.Load()
	if err != nil {
		return nil, fmt.Errorf("bootstrap: operator key: %w", err)
	}
	stk, err := staking.New(sx, ids.staking)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	jb, err := jobs.New(sx, ids.jobs, stk)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	em, err := emission.New(sx, ids.emission, ids.staking)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	capacityID, hasCapacity := m.Programs["capacity"]
	cp, err := capacity.New(sx, capacityID, ids.staking)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	ours, err := ownAuthorities(m, operator.PublicKey())
	if err != nil {
		return nil, err
	}
	var upgrader solana.PrivateKey // loaded and funded at the first initialisation
	signer := func() (solana.PrivateKey, error) {
		if upgrader == nil {
			key, err := upgradeAuthority(ctx, sx, m)
			if err != nil {
				return nil, err
			}
			upgrader = key
		}
		return upgrader, nil
	}
	steps := []initStep{
		{"staking", func() (solana.PublicKey, error) {
			cfg, err := stk.FetchConfig(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return cfg.Authority, nil
		}, func(upgrader solana.PrivateKey) error {
			slasher, err := jobs.ConfigAddress(ids.jobs)
			if err != nil {
				return err
			}
			params, err := staking.DefaultParams(slasher)
			if err != nil {
				return err
			}
			_, err = stk.Initialize(ctx, upgrader, operator.PublicKey(), m.Mints.IO.Address, params)
			return err
		}},
		{"jobs", func() (solana.PublicKey, error) {
			cfg, err := jb.FetchConfig(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return cfg.Authority, nil
		}, func(upgrader solana.PrivateKey) error {
			params := jobs.DefaultParams(operator.PublicKey(), operator.PublicKey())
			_, err := jb.Initialize(ctx, upgrader, m.Mints.IO.Address, m.Mints.USDC.Address, params)
			return err
		}},
		{"emission", func() (solana.PublicKey, error) {
			st, err := em.FetchState(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return st.Authority, nil
		}, func(upgrader solana.PrivateKey) error {
			mintAuthority, err := m.MintAuthority.Load()
			if err != nil {
				return err
			}
			settings := emission.DefaultSettings(operator.PublicKey(), operator.PublicKey())
			_, err = em.Initialize(ctx, upgrader, mintAuthority, m.Mints.IO.Address, time.Now().Unix(), settings)
			return err
		}},
	}
	if hasCapacity {
		steps = append(steps, initStep{"capacity", func() (solana.PublicKey, error) {
			cfg, err := cp.FetchConfig(ctx)
			if err != nil {
				return solana.PublicKey{}, err
			}
			return cfg.Authority, nil
		}, func(upgrader solana.PrivateKey) error {
			_, err := cp.Initialize(ctx, upgrader, operator.PublicKey(), capacity.DefaultParams())
			return err
		}})
	}
	var done []Step
	for _, s := range steps {
		authority, err := s.authority()
		switch {
		case err == nil && ours[authority]:
			done = append(done, Step{Program: s.program})
			continue
		case err == nil:
			return done, fmt.Errorf("bootstrap: the %s program is %w %s (the operator is %s): this ledger was set up by someone else; start afresh (ionet localnet up --reset) or use that authority's keypair",
				s.program, ErrForeignAuthority, authority, operator.PublicKey())
		case !errors.Is(err, staking.ErrNotFound) && !errors.Is(err, jobs.ErrNotFound) && !errors.Is(err, emission.ErrNotFound) && !errors.Is(err, capacity.ErrNotFound):
			return done, fmt.Errorf("bootstrap: read the %s program's state: %w", s.program, err)
		}
		key, err := signer()
		if err == nil {
			err = s.init(key)
		}
		if err != nil {
			return done, fmt.Errorf("bootstrap: initialise %s: %w", s.program, err)
		}
		done = append(done, Step{Program: s.program, Done: true})
	}
	return done, nil
}

// initStep initialises one program when its state does not exist yet.
type initStep struct {
	program   string
	authority func() (solana.PublicKey, error) // of the existing state
	init      func(upgrader solana.PrivateKey) error
}

// ownAuthorities is the authorities a set-up of ours leaves: the operator, and the governance PDA
// once the operator has handed the programs over (when governance is deployed).
func ownAuthorities(m *localnet.Manifest, operator solana.PublicKey) (map[solana.PublicKey]bool, error) {
	ours := map[solana.PublicKey]bool{operator: true}
	if id, ok := m.Programs["governance"]; ok {
		pda, err := governance.GovernanceAddress(id)
		if err != nil {
			return nil, fmt.Errorf("bootstrap: %w", err)
		}
		ours[pda] = true
	}
	return ours, nil
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

type ids struct{ staking, jobs, emission solana.PublicKey }

func programIDs(m *localnet.Manifest) (ids, error) {
	var out ids
	for name, into := range map[string]*solana.PublicKey{"staking": &out.staking, "jobs": &out.jobs, "emission": &out.emission} {
		id, ok := m.Programs[name]
		if !ok {
			return out, fmt.Errorf("bootstrap: the localnet did not deploy the %s program: run make programs and keep localnet/keys/%s-program.json", name, name)
		}
		*into = id
	}
	return out, nil
}
