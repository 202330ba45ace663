//go:build !ionet_testruntime

package runtime

// DishonestAllowed is false in production builds: Select refuses the test-only dishonest runtime.
const DishonestAllowed = false
