//go:build ionet_testruntime

package runtime

// DishonestAllowed is true only in binaries built with -tags ionet_testruntime (the audit e2e
// tests and `make demo` build ionet-worker and ionet-checker so): Select accepts "dishonest".
const DishonestAllowed = true
