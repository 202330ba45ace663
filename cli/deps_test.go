package cli_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDaemonsDoNotLinkLocalnet: the daemons share package cli but not the local chain, whose
// command-line part lives in cli/localnetcli for ionet alone.
func TestDaemonsDoNotLinkLocalnet(t *testing.T) {
	const module = "github.com/ionet-oss/ionet/"
	cmd := exec.Command("go", "list", "-deps", module+"cmd/ionet-worker", module+"cmd/ionet-keeper")
	out, err := cmd.Output()
	var stderr string
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = string(ee.Stderr)
	}
	require.NoError(t, err, "go list -deps: %s", stderr)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, module+"cli", "the daemons are built on package cli")
	for _, dep := range deps {
		assert.False(t, dep == module+"localnet" || strings.HasPrefix(dep, module+"localnet/") || dep == module+"cli/localnetcli",
			"the daemons link %s", dep)
	}
}
