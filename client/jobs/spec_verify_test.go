package jobs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpecVerify(t *testing.T) {
	cases := []struct {
		name, in  string
		rule      Verify
		exempt    bool
		canonical string
		err       string
	}{
		{"absent is exact", `{"command":["echo"]}`, Verify{Mode: VerifyExact}, false, `{"command":["echo"]}`, ""},
		{"exact", `{"verify":{"mode":"exact"},"command":["echo"]}`, Verify{Mode: VerifyExact}, false,
			`{"command":["echo"],"verify":{"mode":"exact"}}`, ""},
		{"rounded", `{"command":["echo"],"verify":{"digits":6,"mode":"rounded"}}`, Verify{Mode: VerifyRounded, Digits: 6}, false,
			`{"command":["echo"],"verify":{"mode":"rounded","digits":6}}`, ""},
		{"none exempts", `{"image":"x","verify":{"mode":"none"}}`, Verify{Mode: VerifyNone}, true,
			`{"image":"x","verify":{"mode":"none"}}`, ""},
		{"rounded without digits", `{"image":"x","verify":{"mode":"rounded"}}`, Verify{}, false, "", "needs digits between 1 and 17, not 0"},
		{"rounded too many digits", `{"image":"x","verify":{"mode":"rounded","digits":18}}`, Verify{}, false, "", "not 18"},
		{"digits on exact", `{"image":"x","verify":{"mode":"exact","digits":3}}`, Verify{}, false, "", `mode "exact" takes no digits`},
		{"unknown mode", `{"image":"x","verify":{"mode":"fuzzy"}}`, Verify{}, false, "", `verify mode "fuzzy": choose exact, rounded (with digits) or none`},
		{"unknown verify field", `{"image":"x","verify":{"mode":"exact","tolerance":1}}`, Verify{}, false, "", "unknown field"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSpec([]byte(tc.in))
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.rule, s.VerifyRule())
			assert.Equal(t, tc.exempt, s.AuditExempt())
			got, err := s.Canonical()
			require.NoError(t, err)
			assert.Equal(t, tc.canonical, string(got))
		})
	}
	assert.Equal(t, "rounded 6", Verify{Mode: VerifyRounded, Digits: 6}.String())
	assert.Equal(t, "exact", (*Spec)(nil).VerifyRule().String())
}
