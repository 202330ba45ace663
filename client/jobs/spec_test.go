package jobs

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSpecCanonicalForm(t *testing.T) {
	cases := []struct {
		name, in, canonical string
	}{
		{"key order and whitespace", `{ "inputs": ["s3://a"], "image": "pytorch:2", "environment": {"B": "2", "A": "1"} }`,
			`{"image":"pytorch:2","inputs":["s3://a"],"environment":{"A":"1","B":"2"}}`},
		{"command only, empty fields dropped", `{"command": ["python", "train.py"], "inputs": [], "environment": {}}`,
			`{"command":["python","train.py"]}`},
		{"escaping", `{"image": "a<b>&\u00e9"}`, `{"image":"a\u003cb\u003e\u0026é"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSpec([]byte(tc.in))
			require.NoError(t, err)
			got, err := s.Canonical()
			require.NoError(t, err)
			require.Equal(t, tc.canonical, string(got))
		})
	}
	s, err := ParseSpec([]byte(`{"command":["echo","hi"]}`))
	require.NoError(t, err)
	h, err := s.Hash()
	require.NoError(t, err)
	// sha256 of {"command":["echo","hi"]} (checked with sha256sum).
	require.Equal(t, "1ed1fd6d1ab6fa1ec5e0717ad6ab7a7ea66d78b42b8842c1a5a5f6924b9b7a2c", hex.EncodeToString(h[:]))

	for _, bad := range []string{`{}`, `{"image": "x", "gpu": 1}`, `{"image": "x"} {}`, `[1]`} {
		_, err := ParseSpec([]byte(bad))
		require.Error(t, err, bad)
	}
}
