package runtime

import (
	"context"
	"fmt"
	"time"
)

// Runtime kinds, as the worker's and the checker's settings name them.
const (
	KindProcess   = "process"
	KindContainer = "container"
	// KindDishonest is TEST-ONLY (Dishonest over the process runtime): refused unless
	// DishonestAllowed (a binary built with -tags ionet_testruntime).
	KindDishonest = "dishonest"
)

// Choice is a runtime as settings describe it.
type Choice struct {
	Kind         string
	DockerSocket string // container
	Limits       Limits
	PidsLimit    uint64 // container
}

// Check says what is wrong with the choice, without reaching any engine.
func (c Choice) Check() error {
	switch c.Kind {
	case KindProcess:
	case KindContainer:
		if c.DockerSocket == "" {
			return fmt.Errorf("the container runtime needs docker_socket (--docker-socket)")
		}
	case KindDishonest:
		if !DishonestAllowed {
			return fmt.Errorf("runtime %q is a test-only runtime (build with -tags ionet_testruntime): choose %s or %s", c.Kind, KindProcess, KindContainer)
		}
	default:
		return fmt.Errorf("runtime %q: choose %s or %s", c.Kind, KindProcess, KindContainer)
	}
	return nil
}

// Select makes the chosen runtime; the container runtime's engine must answer.
func Select(ctx context.Context, c Choice) (Runtime, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	process := Process{Limits: c.Limits, Grace: 5 * time.Second}
	switch c.Kind {
	case KindContainer:
		rt := NewContainer(c.DockerSocket)
		rt.Limits, rt.PidsLimit = c.Limits, c.PidsLimit
		if err := rt.Reachable(ctx); err != nil {
			return nil, fmt.Errorf("container runtime: %w (start the engine, or use --runtime process)", err)
		}
		return rt, nil
	case KindDishonest:
		return Dishonest{Inner: process}, nil
	}
	return process, nil
}
