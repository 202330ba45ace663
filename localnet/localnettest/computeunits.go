package localnettest

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ComputeUnits unwraps a send's result into the compute units its transaction consumed (the
// meta's computeUnitsConsumed: every instruction and the programs they called):
// ComputeUnits(t)(client.Send(...)). anchor.ComputeUnits reads one instruction's share from the
// logs instead.
func ComputeUnits(t testing.TB) func(*solanax.Result, error) uint64 {
	return func(res *solanax.Result, err error) uint64 {
		t.Helper()
		require.NoError(t, err)
		details, err := res.Details(Context(t))
		require.NoError(t, err)
		return details.ComputeUnits
	}
}

// ComputeUnitTable keeps, per case, the most compute units one program's instruction consumed
// (its top-level `consumed` log line: the CPIs it made included, other instructions of the same
// transaction not), for a package's TestMain to print. Safe for parallel tests.
type ComputeUnitTable struct {
	mu    sync.Mutex
	max   map[string]uint64
	order []string
}

// Record reads the landed transaction sig and keeps program's compute units under name.
func (c *ComputeUnitTable) Record(t testing.TB, sx *solanax.Client, program solana.PublicKey, name string, sig solana.Signature) {
	t.Helper()
	details, err := sx.TransactionDetails(Context(t), sig)
	require.NoError(t, err)
	units, ok := anchor.ComputeUnits(details.Logs, program)
	require.True(t, ok, "no consumed line for program %s in %v", program, details.Logs)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.max == nil {
		c.max = map[string]uint64{}
	}
	if _, seen := c.max[name]; !seen {
		c.order = append(c.order, name)
	}
	c.max[name] = max(c.max[name], units)
}

// String is the table in markdown, cases in the order first recorded ("" when empty).
func (c *ComputeUnitTable) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.order) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("| instruction | CU (most) |\n| --- | ---: |\n")
	for _, name := range c.order {
		fmt.Fprintf(&b, "| %s | %d |\n", name, c.max[name])
	}
	return b.String()
}
