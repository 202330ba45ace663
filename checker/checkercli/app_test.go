package checkercli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/keeper/duties"
)

func TestDutyKinds(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{"none", nil, ""},
		{"audit_draw, audit_finalize,audit_draw", []string{duties.KindAuditDraw, duties.KindAuditFinalize}, ""},
		{"audit_draw,settle_job", nil, `--duties: unknown kind "settle_job": choose from audit_draw, audit_assign, audit_replace, audit_finalize, or none`},
	} {
		got, err := dutyKinds(tc.in)
		if tc.err != "" {
			require.EqualError(t, err, tc.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, tc.in)
	}
	all, err := dutyKinds(runFlagsDefault(t, flagDuties))
	require.NoError(t, err)
	assert.Equal(t, duties.AuditKinds, all, "by default every audit duty")
}

// runFlagsDefault is the default value of the run command's flag name.
func runFlagsDefault(t *testing.T, name string) string {
	t.Helper()
	for _, f := range runFlags() {
		if f.Names()[0] == name {
			if g, ok := f.(interface{ GetValue() string }); ok {
				return g.GetValue()
			}
		}
	}
	t.Fatalf("no flag %s", name)
	return ""
}
