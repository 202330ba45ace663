package runtime

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		choice Choice
		name   string
		err    string
	}{
		{Choice{Kind: KindProcess}, "process", ""},
		{Choice{Kind: KindContainer}, "", "needs docker_socket"},
		{Choice{Kind: "vm"}, "", `runtime "vm": choose process or container`},
	} {
		rt, err := Select(context.Background(), tc.choice)
		if tc.err != "" {
			require.ErrorContains(t, err, tc.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.name, rt.Name())
	}
	rt, err := Select(context.Background(), Choice{Kind: KindDishonest})
	if DishonestAllowed {
		require.NoError(t, err)
		assert.Equal(t, "dishonest", rt.Name())
	} else {
		require.ErrorContains(t, err, "test-only runtime (build with -tags ionet_testruntime)")
	}
}
