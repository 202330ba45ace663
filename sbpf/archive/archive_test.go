package archive_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/archive"
	"github.com/ionet-oss/ionet/sbpf/internal/asmtest"
)

const defines = "\t.section .text.%s,\"ax\",@progbits\n\t.globl %s\n%s:\n\texit\n"

func def(name string) string { return strings.ReplaceAll(defines, "%s", name) }

func TestParseMembersAndSymbolIndex(t *testing.T) {
	long := "a_member_name_longer_than_sixteen_characters.o"
	a := asmtest.Archive(t, "libx.a",
		asmtest.Member{Name: "short.o", Src: def("alpha")},
		asmtest.Member{Name: long, Src: def("beta") + def("gamma")},
	)
	require.Len(t, a.Members, 2)
	assert.Equal(t, "short.o", a.Members[0].Name)
	assert.Equal(t, long, a.Members[1].Name)
	assert.Equal(t, map[string]int{"alpha": 0, "beta": 1, "gamma": 1}, a.Symbols)
	assert.True(t, archive.IsArchive([]byte("!<arch>\n")))
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"no magic", "hello", "x.a: not an ar archive"},
		{"truncated header", "!<arch>\nshort", "x.a: truncated member header at offset 8"},
		{"bad size", "!<arch>\n" + "m.o/            0           0     0     644     99999     `\n", "x.a: bad member size at offset 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := archive.Parse("x.a", []byte(tt.data))
			require.ErrorContains(t, err, tt.want)
		})
	}
}
