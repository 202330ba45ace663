package keeper_test

import (
	"os"
	"testing"
)

// TestMain removes the keeper binary the tests built, so a run leaves nothing in TMPDIR.
func TestMain(m *testing.M) {
	code := m.Run()
	if keeperBinDir != "" {
		_ = os.RemoveAll(keeperBinDir)
	}
	os.Exit(code)
}
