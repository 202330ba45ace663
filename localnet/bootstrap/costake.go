package bootstrap

import (
	"context"
	"errors"
	"fmt"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

// Costake sets the staking program's co-staking parameters (the defaults: 10% owner floor,
// 7-day commission notice, 50% maximum commission) when they are not set yet, the operator (the
// staking authority Protocol names) signing and paying.
func Costake(ctx context.Context, sx *solanax.Client, m *localnet.Manifest) error {
	s, err := staking.New(sx, m.Programs["staking"])
	if err != nil {
		return err
	}
	if _, err := s.FetchCostakeParams(ctx); !errors.Is(err, staking.ErrNotFound) {
		return err
	}
	operator, err := m.Distribution.Load()
	if err != nil {
		return fmt.Errorf("the operator (staking authority): %w", err)
	}
	_, err = s.SetCostakeParams(ctx, operator, m.Mints.IO.Address,
		staking.DefaultMinOwnerFloorBps, staking.DefaultNoticeSeconds, staking.DefaultMaxCommissionBps)
	return err
}
