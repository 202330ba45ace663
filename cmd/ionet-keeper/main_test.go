package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/keeper/keepercli"
)

// The shared cli app gives ionet-keeper --version and -V (the version command says the same).
func TestVersionAndFlags(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	for _, args := range [][]string{{"--version"}, {"-V"}, {"version"}, {"version", "-o", "human"}} {
		var stdout, stderr bytes.Buffer
		app := keepercli.App()
		app.Writer, app.ErrWriter = &stdout, &stderr
		code := cli.Run(context.Background(), app, append([]string{"ionet-keeper"}, args...))
		assert.Equal(t, 0, code, "%v: %s", args, stderr.String())
		assert.Regexp(t, `^ionet-keeper \S+ \(go\S+, \w+/\w+\)\n$`, stdout.String(), "%v", args)
		assert.Empty(t, stderr.String())
	}
}
