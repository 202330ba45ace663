package explorer

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// Programs are the protocol's program ids; a zero id means the IDL's (the localnet's) address.
type Programs struct {
	Staking    solana.PublicKey
	Jobs       solana.PublicKey
	Emission   solana.PublicKey
	Governance solana.PublicKey
}

// Chain is the read side of every protocol client over one RPC node.
type Chain struct {
	SX         *solanax.Client
	Staking    *staking.Client
	Jobs       *jobs.Client
	Emission   *emission.Client
	Governance *governance.Client
}

// NewChain builds the program clients over sx.
func NewChain(sx *solanax.Client, p Programs) (*Chain, error) {
	em, err := emission.New(sx, p.Emission, p.Staking)
	if err != nil {
		return nil, fmt.Errorf("explorer: emission client: %w", err)
	}
	jb, err := jobs.New(sx, p.Jobs, em.Staking)
	if err != nil {
		return nil, fmt.Errorf("explorer: jobs client: %w", err)
	}
	gov, err := governance.New(sx, p.Governance, em.Staking.ProgramID)
	if err != nil {
		return nil, fmt.Errorf("explorer: governance client: %w", err)
	}
	return &Chain{SX: sx, Staking: em.Staking, Jobs: jb, Emission: em, Governance: gov}, nil
}

// Now is the cluster's clock (cooldowns, windows and epochs run by it, not by this machine's).
func (c *Chain) Now(ctx context.Context) (time.Time, error) {
	ts, err := solanax.ChainTime(ctx, c.SX.RPC)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(ts, 0).UTC(), nil
}
