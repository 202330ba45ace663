// Package bootstrap initialises the protocol programs on a fresh localnet, as an operator would at
// launch: staking (its slasher is the jobs program), jobs (the operator is update authority and
// arbiter), and emission (it takes over the IO mint authority; epoch 1 starts now). The operator is
// the localnet's distribution wallet. Every step is skipped when its program is already
// initialised, so running it again on a kept ledger changes nothing.
package bootstrap

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission"
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
	steps := []struct {
		program string
		exists  func() error
		init    func() error
	}{
		{"staking", func() error { _, err := stk.FetchConfig(ctx); return err }, func() error {
			slasher, err := jobs.ConfigAddress(ids.jobs)
			if err != nil {
				return err
			}
			params, err := staking.DefaultParams(slasher)
			if err != nil {
				return err
			}
			_, err = stk.Initialize(ctx, operator, m.Mints.IO.Address, params)
			return err
		}},
		{"jobs", func() error { _, err := jb.FetchConfig(ctx); return err }, func() error {
			params := jobs.DefaultParams(operator.PublicKey(), operator.PublicKey())
			_, err := jb.Initialize(ctx, operator, m.Mints.IO.Address, m.Mints.USDC.Address, params)
			return err
		}},
		{"emission", func() error { _, err := em.FetchState(ctx); return err }, func() error {
			mintAuthority, err := m.MintAuthority.Load()
			if err != nil {
				return err
			}
			settings := emission.DefaultSettings(operator.PublicKey(), operator.PublicKey())
			_, err = em.Initialize(ctx, operator, mintAuthority, m.Mints.IO.Address, time.Now().Unix(), settings)
			return err
		}},
	}
	var done []Step
	for _, s := range steps {
		err := s.exists()
		switch {
		case err == nil:
			done = append(done, Step{Program: s.program})
			continue
		case !errors.Is(err, staking.ErrNotFound) && !errors.Is(err, jobs.ErrNotFound) && !errors.Is(err, emission.ErrNotFound):
			return done, fmt.Errorf("bootstrap: read the %s program's state: %w", s.program, err)
		}
		if err := s.init(); err != nil {
			return done, fmt.Errorf("bootstrap: initialise %s: %w", s.program, err)
		}
		done = append(done, Step{Program: s.program, Done: true})
	}
	return done, nil
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
