package checker

import (
	"context"
	"errors"
	"strings"

	"github.com/ionet-oss/ionet/client/staking"
)

// ClassMask turns comma-separated GPU class names into a checker's class bits (bit i = class i
// of the staking program's class table), for `ionet checker register` and ionet-checker.
func ClassMask(ctx context.Context, stk *staking.Client, names string) (uint8, error) {
	if strings.TrimSpace(names) == "" {
		return 0, errors.New("name the GPU classes this checker can re-run, such as H100,CPU-TEST")
	}
	cfg, err := stk.FetchConfig(ctx)
	if err != nil {
		return 0, err
	}
	var mask uint8
	for _, n := range strings.Split(names, ",") {
		i, err := staking.ClassIndex(cfg, strings.TrimSpace(n))
		if err != nil {
			return 0, err
		}
		mask |= 1 << i
	}
	return mask, nil
}
