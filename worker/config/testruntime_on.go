//go:build ionet_testruntime

package config

// testRuntimes are the TEST-ONLY runtimes a binary built with the ionet_testruntime tag accepts
// (the audit e2e tests build ionet-worker so): "dishonest" tampers with every result.
var testRuntimes = map[string]bool{RuntimeDishonest: true}
