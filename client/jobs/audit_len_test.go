package jobs

import (
	"bytes"
	"testing"

	binary "github.com/gagliardetto/binary"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// ListAudits filters by size: the constant must follow the generated layout (a stale one lists
// nothing, and the checker daemon then hears of its audits only by websocket).
func TestAuditAccountLen(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.Audit{}.MarshalWithEncoder(binary.NewBorshEncoder(&buf)))
	require.Equal(t, auditAccountLen, 8+buf.Len(), "discriminator and fields")
}
