package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ionet-oss/ionet/checker/checkercli"
	"github.com/ionet-oss/ionet/cli"
)

// The shared cli app gives ionet-checker --version and -V; bad settings are refused before
// anything is read from the chain.
func TestVersionAndRefusals(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	for _, args := range [][]string{{"--version"}, {"-V"}, {"version"}} {
		var stdout, stderr bytes.Buffer
		app := checkercli.App()
		app.Writer, app.ErrWriter = &stdout, &stderr
		code := cli.Run(context.Background(), app, append([]string{"ionet-checker"}, args...))
		assert.Equal(t, 0, code, "%v: %s", args, stderr.String())
		assert.Regexp(t, `^ionet-checker \S+ \(go\S+, \w+/\w+\)\n$`, stdout.String(), "%v", args)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run"}, `Required flag "verdict-keypair" not set`},
		{[]string{"run", "--verdict-keypair", "/nonexistent.json", "--keypair", "/nonexistent.json"}, "load keypair"},
	} {
		var stdout, stderr bytes.Buffer
		app := checkercli.App()
		app.Writer, app.ErrWriter = &stdout, &stderr
		code := cli.Run(context.Background(), app, append([]string{"ionet-checker"}, tc.args...))
		assert.NotEqual(t, 0, code)
		assert.Contains(t, stderr.String(), tc.want)
	}
}
