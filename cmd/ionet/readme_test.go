package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"
)

// TestReadmeCommands: every `ionet ...` line in README's shell blocks names commands that exist,
// with flags those commands take (placeholders and `[--optional]` brackets allowed), so the
// walk-throughs work as written.
func TestReadmeCommands(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	app := newApp()
	lines := readmeCommands(string(data))
	require.NotEmpty(t, lines)
	checked := 0
	for _, line := range lines {
		words := strings.Fields(line)
		if words[0] != "ionet" {
			continue
		}
		checked++
		if problem := checkCommandLine(app, words[1:]); problem != "" {
			t.Errorf("README: `%s`: %s", line, problem)
		}
	}
	t.Logf("%d ionet command lines checked", checked)

	for line, want := range map[string]string{
		"deploy --url devnet --hand-over-upgrades":         "",
		"gov propose upgrade --program jobs --buffer x.so": "",
		"--url devnet gov show 0":                          "",
		"deploy --hand-over-everything":                    "no flag --hand-over-everything on deploy",
		"gov propose upgrade --set a=b":                    "no flag --set on upgrade",
		"gov":                                              "gov is a command group: name one of its commands",
		"govern show 0":                                    "no command govern",
		"job resolve 42 --fraud|--no-fraud|--maybe":        "no flag --maybe on resolve",
	} {
		require.Equal(t, want, checkCommandLine(app, strings.Fields(line)), line)
	}
}

// readmeCommands are the command lines of the ```sh blocks of a markdown text, without comments,
// `bin/` prefixes and env assignments.
func readmeCommands(text string) []string {
	var out []string
	inBlock := false
	comment := regexp.MustCompile(`\s+#.*$`)
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```sh"):
			inBlock = true
			continue
		case strings.HasPrefix(trimmed, "```"):
			inBlock = false
			continue
		}
		if !inBlock {
			continue
		}
		trimmed = strings.TrimSpace(comment.ReplaceAllString(trimmed, ""))
		trimmed = strings.TrimPrefix(trimmed, "bin/")
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			out = append(out, trimmed)
		}
	}
	return out
}

// checkCommandLine walks args (after `ionet`) down app's commands and checks each flag (each of
// `--a|--b` alternatives); "" when the line is valid. A value flag's next word is its value.
func checkCommandLine(app *ucli.App, args []string) string {
	var cmd *ucli.Command
	subs, flags := app.Commands, app.Flags
	positional := false
	for i := 0; i < len(args); i++ {
		word := strings.Trim(args[i], "[]")
		if strings.HasPrefix(word, "-") && word != "--" {
			takesValue := false
			for _, alt := range strings.Split(word, "|") {
				name, _, hasValue := strings.Cut(strings.TrimLeft(alt, "-"), "=")
				f := findFlag(append(append([]ucli.Flag{}, flags...), app.Flags...), name)
				if f == nil {
					return "no flag --" + name + " on " + commandName(cmd)
				}
				_, isBool := f.(*ucli.BoolFlag)
				takesValue = !isBool && !hasValue
			}
			if takesValue {
				i++
			}
			continue
		}
		if positional || strings.ContainsAny(word, "|<>") {
			positional = true
			continue
		}
		if sub := findSub(subs, word); sub != nil {
			cmd, subs, flags = sub, sub.Subcommands, sub.Flags
			continue
		}
		if cmd == nil {
			return "no command " + word
		}
		positional = true
	}
	if cmd == nil {
		return "no command"
	}
	if len(cmd.Subcommands) > 0 && len(cmd.Flags) <= 1 {
		return commandName(cmd) + " is a command group: name one of its commands"
	}
	return ""
}

func findFlag(flags []ucli.Flag, name string) ucli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func findSub(cmds []*ucli.Command, name string) *ucli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

func commandName(cmd *ucli.Command) string {
	if cmd == nil {
		return "ionet"
	}
	return cmd.Name
}
