package deploy

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/staking"
)

// setCostake creates staking's co-staking parameters (deploy.yaml costake: floor, notice,
// maximum commission) when they do not exist yet: set_costake_params, signed by staking's
// authority (the operator, while it still holds it), which also creates the co-staking reward
// vault. Parameters already there are left as they are (governance changes them); without the
// operator's key the deploy says so and leaves co-staking off until the operator sets them.
func (d *Deployer) setCostake(ctx context.Context, c *clients, s staking.CostakeSettings, operator, ioMint solana.PublicKey) error {
	p, err := c.stk.FetchCostakeParams(ctx)
	switch {
	case err == nil:
		d.emit(Event{Step: "init", Program: "staking", Message: fmt.Sprintf("co-staking parameters already set (floor %d bps, notice %ds, maximum commission %d bps)",
			p.MinOwnerFloorBps, p.NoticeSeconds, p.MaxCommissionBps)})
		return nil
	case !errors.Is(err, staking.ErrNotFound):
		return fmt.Errorf("read staking's co-staking parameters: %w", err)
	}
	cfg, err := c.stk.FetchConfig(ctx)
	if err != nil {
		return fmt.Errorf("read staking's config: %w", err)
	}
	signer := d.Operator
	if d.Authority.PublicKey().Equals(operator) {
		signer = d.Authority
	}
	if !cfg.Authority.Equals(operator) || signer == nil || !signer.PublicKey().Equals(operator) {
		d.emit(Event{Step: "init", Program: "staking", Message: "co-staking parameters not set: staking's authority " + cfg.Authority.String() +
			" must send set_costake_params (until then no device can open a co-staking offer)"})
		return nil
	}
	if _, err := c.stk.SetCostakeParams(ctx, signer, ioMint, s.MinOwnerFloorBps, s.NoticeSeconds, s.MaxCommissionBps); err != nil {
		return fmt.Errorf("set staking's co-staking parameters: %w", err)
	}
	d.emit(Event{Step: "init", Program: "staking", Message: fmt.Sprintf("co-staking parameters set (floor %d bps, notice %ds, maximum commission %d bps)",
		s.MinOwnerFloorBps, s.NoticeSeconds, s.MaxCommissionBps)})
	return nil
}
