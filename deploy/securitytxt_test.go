package deploy

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

// TestArtefactsCarrySecurityTxt: every built program, v3 and v0, carries its security.txt where
// explorers look for it.
func TestArtefactsCarrySecurityTxt(t *testing.T) {
	for _, name := range ProgramNames {
		for _, v0 := range []bool{false, true} {
			elf, err := localnet.ProgramELF(name, v0)
			require.NoError(t, err)
			fields := SecurityTxt(elf)
			require.Equal(t, "ionet "+name, fields["name"], "%s (v0 %v)", name, v0)
			require.Equal(t, "https://github.com/ionet-oss/ionet", fields["project_url"])
			require.Equal(t, "https://github.com/ionet-oss/ionet/blob/main/SECURITY.md", fields["policy"])
			require.NotEmpty(t, fields["contacts"])
			require.NotEmpty(t, fields["source_code"])
			require.Regexp(t, `^v\d+\.\d+\.\d+$`, fields["source_release"])
			require.Equal(t, []string{"name", "project_url", "contacts", "policy", "source_code", "source_release"}, SecurityTxtKeys(fields))
		}
	}
}

func TestSecurityTxtParsing(t *testing.T) {
	const begin, end = securityTxtBegin, securityTxtEnd
	for name, tc := range map[string]struct {
		code string
		want map[string]string
	}{
		"fields":        {"\x7fELF..." + begin + "name\x00x\x00zz\x00y\x00" + end + "...", map[string]string{"name": "x", "zz": "y"}},
		"none":          {"\x7fELF no text", nil},
		"no end":        {begin + "name\x00x\x00", nil},
		"odd strings":   {begin + "name\x00" + end, nil},
		"unterminated":  {begin + "name\x00x" + end, nil},
		"empty but set": {begin + end, map[string]string{}},
	} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, tc.want, SecurityTxt([]byte(tc.code)))
		})
	}
}
