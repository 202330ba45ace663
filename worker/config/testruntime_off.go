//go:build !ionet_testruntime

package config

// testRuntimes is empty in production builds: runtime "dishonest" is refused.
var testRuntimes = map[string]bool{}
