package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"
)

// record is an action that prints what the command was given: its name, arguments, the
// resolved cluster and output, and its own flags.
func record(c *ucli.Context, env *Env) error {
	var own []string
	for _, name := range []string{"bond", "owner", "program", "fraud"} {
		if c.IsSet(name) {
			own = append(own, fmt.Sprintf("%s=%v", name, c.Value(name)))
		}
	}
	_, err := fmt.Fprintf(env.Out, "%s args=%q url=%s output=%s %s\n", c.Command.HelpName, c.Args().Slice(), env.RPCURL, env.Output, strings.Join(own, " "))
	return err
}

// shapesApp has the shapes of the ionet command tree: a command with an action and
// subcommands (stake), groups (gov, job), value and bool flags.
func shapesApp(stdout, stderr *bytes.Buffer) *ucli.App {
	program := func() ucli.Flag { return &ucli.StringFlag{Name: "program"} }
	stake := &ucli.Command{Name: "stake", ArgsUsage: "AMOUNT", Flags: []ucli.Flag{program()}, Action: Action(record),
		Subcommands: []*ucli.Command{
			{Name: "show", Flags: []ucli.Flag{program(), &ucli.StringFlag{Name: "owner"}}, Action: Action(record)},
			{Name: "fund", ArgsUsage: "AMOUNT", Flags: []ucli.Flag{program()}, Action: Action(record)},
		}}
	gov := &ucli.Command{Name: "gov", Subcommands: []*ucli.Command{
		{Name: "show", ArgsUsage: "ID", Action: Action(record)},
		{Name: "vote", ArgsUsage: "ID CHOICE", Action: Action(record)},
	}}
	job := &ucli.Command{Name: "job", Subcommands: []*ucli.Command{
		{Name: "challenge", ArgsUsage: "ID", Flags: []ucli.Flag{&ucli.StringFlag{Name: "bond", Required: true}}, Action: Action(record)},
		{Name: "resolve", ArgsUsage: "ID", Flags: []ucli.Flag{&ucli.BoolFlag{Name: "fraud"}}, Action: Action(record)},
	}}
	app := NewApp("tool", "test tool", stake, gov, job, VersionCommand())
	app.Writer, app.ErrWriter = stdout, stderr
	return app
}

func TestFlagsAfterArguments(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	const local, devnet = "http://127.0.0.1:8899", "https://api.devnet.solana.com"
	tests := []struct {
		name   string
		args   string
		stdout string // exact; "" with code 1
		code   int
		stderr string // contained
	}{
		{"flag after the amount", "stake 1.5 --url localhost",
			`tool stake args=["1.5"] url=` + local + " output=human \n", 0, ""},
		{"flag before the amount", "stake --url devnet 1.5",
			`tool stake args=["1.5"] url=` + devnet + " output=human \n", 0, ""},
		{"flags on both sides", "stake -u devnet 2 --program P",
			`tool stake args=["2"] url=` + devnet + " output=human program=P\n", 0, ""},
		{"short output flag after the id", "gov show 3 -o json",
			`tool gov show args=["3"] url=` + local + " output=json \n", 0, ""},
		{"two arguments with flags between", "gov vote 3 -o json yes -u devnet",
			`tool gov vote args=["3" "yes"] url=` + devnet + " output=json \n", 0, ""},
		{"value flag after the id", "job challenge 7 --bond 1",
			`tool job challenge args=["7"] url=` + local + " output=human bond=1\n", 0, ""},
		{"value flag with =", "job challenge 7 --bond=1 -u=devnet",
			`tool job challenge args=["7"] url=` + devnet + " output=human bond=1\n", 0, ""},
		{"bool flag after the id", "job resolve 7 --fraud",
			`tool job resolve args=["7"] url=` + local + " output=human fraud=true\n", 0, ""},
		{"bool flag takes no value", "job resolve --fraud 7",
			`tool job resolve args=["7"] url=` + local + " output=human fraud=true\n", 0, ""},
		{"a value that looks like an argument", "stake show --owner 3",
			`tool stake show args=[] url=` + local + " output=human owner=3\n", 0, ""},
		{"a value that names a subcommand", "stake --program show 1",
			`tool stake args=["1"] url=` + local + " output=human program=show\n", 0, ""},
		{"a value that looks like a flag", "job challenge --bond -5 7",
			`tool job challenge args=["7"] url=` + local + " output=human bond=-5\n", 0, ""},
		{"subcommand of a command with an action", "stake show -o json",
			`tool stake show args=[] url=` + local + " output=json \n", 0, ""},
		{"global flags before the command stay global", "-u devnet stake fund 3",
			`tool stake fund args=["3"] url=` + devnet + " output=human \n", 0, ""},
		{"-- ends the flags", "stake -- -5",
			`tool stake args=["-5"] url=` + local + " output=human \n", 0, ""},
		{"flags before --, arguments after", "stake -u devnet -- -5 --url localhost",
			`tool stake args=["-5" "--url" "localhost"] url=` + devnet + " output=human \n", 0, ""},
		{"argument, then -- and a negative number", "stake 1 -o json -- -2",
			`tool stake args=["1" "-2"] url=` + local + " output=json \n", 0, ""},
		{"a lone dash is an argument", "stake - -o json",
			`tool stake args=["-"] url=` + local + " output=json \n", 0, ""},
		{"help after the amount", "stake 1 --help", "…", 0, ""},
		{"-h after the id", "job challenge 7 -h", "…", 0, ""},
		{"help command", "help stake", "…", 0, ""},
		{"a negative number without -- is an unknown flag", "stake -5", "", 1,
			"flag provided but not defined: -5 (see tool stake --help)"},
		{"unknown flag after the amount is named", "stake 1 --nope", "", 1,
			"flag provided but not defined: -nope (see tool stake --help)"},
		{"unknown command in a group, flags after it", "gov frobnicate --url devnet", "", 1,
			`unknown command "frobnicate" (see tool gov --help)`},
		{"unknown command at the root", "frobnicate -o json", "", 1, `unknown command "frobnicate" (see tool --help)`},
		{"missing value at the end", "stake 1 --url", "", 1, "flag needs an argument: -url"},
		{"required flag after the id", "job challenge 7", "", 1, `Required flag "bond" not set`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), shapesApp(&stdout, &stderr), append([]string{"tool"}, strings.Fields(tt.args)...))
			require.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
			switch tt.stdout {
			case "…": // help
				assert.Contains(t, stdout.String(), "USAGE:")
				assert.Empty(t, stderr.String())
			case "":
				assert.NotContains(t, stdout.String(), " args=", "the command must not run")
			default:
				assert.Equal(t, tt.stdout, stdout.String())
			}
			assert.Contains(t, stderr.String(), tt.stderr)
		})
	}
}

func TestFlagsFirst(t *testing.T) {
	var stdout, stderr bytes.Buffer
	app := shapesApp(&stdout, &stderr)
	tests := []struct{ in, want string }{
		{"stake 1.5 --url localhost", "stake --url localhost 1.5"},
		{"gov show 3 -o json", "gov show -o json 3"},
		{"job challenge 7 --bond 1 -k /k.json", "job challenge --bond 1 -k /k.json 7"},
		{"stake -- -5", "stake -- -5"},
		{"stake -- 5", "stake 5"},
		{"stake 1 --help", "stake --help"},
		{"stake 1 -o json -h 2", "stake -o json -h"},
		{"stake 1 --url", "stake --url"},
		{"gov frob -u x", "gov frob -u x"},
		{"help stake -u x", "help stake -u x"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := flagsFirst(app, append([]string{"tool"}, strings.Fields(tt.in)...))
			assert.Equal(t, append([]string{"tool"}, strings.Fields(tt.want)...), got)
		})
	}
}
