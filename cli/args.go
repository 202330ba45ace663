package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"
)

// flagsFirst reorders a command line so that flags may follow positional arguments, the way
// the Solana CLI and spl-token take them (`ionet stake 1.5 --url localhost`): urfave/cli stops
// parsing flags at a command's first positional argument. args[0] is the program name.
//
// Each command's flags move in front of its positional arguments, in their order, with their
// values: a flag that takes a value takes the next argument whatever it looks like. `--` still
// ends the flags; positional arguments after it stay positional (`ionet stake -- -5`). An unknown
// flag moves too, so that urfave names it. With --help, or a value flag missing its value at the
// end, the arguments are dropped: urfave shows the help, or says what is missing. A positional
// argument that is not a subcommand of a command group (or is `help`) ends the reordering: the
// group reports it as it always did. The root is a group: its arguments name commands.
func flagsFirst(app *ucli.App, args []string) []string {
	if len(args) == 0 {
		return args
	}
	root := node{flags: app.Flags, subs: app.Commands, group: true}
	return append([]string{args[0]}, root.reorder(args[1:])...)
}

// node is one level of the command tree: its flags and subcommands. A group has no action of
// its own: its positional arguments name subcommands.
type node struct {
	flags []ucli.Flag
	subs  []*ucli.Command
	group bool
}

func commandNode(cmd *ucli.Command) node {
	return node{flags: cmd.Flags, subs: cmd.Subcommands, group: isGroup(cmd)}
}

// isGroup reports whether cmd only holds subcommands: prepare gives every command with an action
// the global flags, so a command with subcommands and no flags but help is a group.
func isGroup(cmd *ucli.Command) bool {
	if len(cmd.Subcommands) == 0 {
		return false
	}
	for _, f := range cmd.Flags {
		if f != ucli.HelpFlag {
			return false
		}
	}
	return true
}

// reorder returns args (the arguments after this node's name) with this node's flags first.
func (n node) reorder(args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if isFlag(arg) {
			flags = append(flags, arg)
			if !n.takesValue(arg) {
				if isHelp(arg) {
					return flags // help, not a help topic
				}
				continue
			}
			if i+1 == len(args) {
				return flags // urfave says the flag needs a value
			}
			i++
			flags = append(flags, args[i])
			continue
		}
		if len(positional) == 0 && len(n.subs) > 0 {
			if sub := findCommand(n.subs, arg); sub != nil {
				return append(append(flags, arg), commandNode(sub).reorder(args[i+1:])...)
			}
			if n.group || arg == "help" {
				return append(flags, args[i:]...)
			}
		}
		positional = append(positional, arg)
	}
	for _, p := range positional {
		if isFlag(p) || p == "--" {
			return append(append(flags, "--"), positional...)
		}
	}
	return append(flags, positional...)
}

// isFlag reports whether arg is a flag to Go's flag package ("-" alone is an argument).
func isFlag(arg string) bool {
	return len(arg) > 1 && arg[0] == '-' && arg != "--"
}

// isHelp reports whether arg asks for help: the arguments of a command are then dropped, since
// urfave reads them as a help topic.
func isHelp(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	for _, n := range ucli.HelpFlag.Names() {
		if name == n {
			return true
		}
	}
	return false
}

// takesValue reports whether arg is a flag of this node, given without "=value", whose value is
// the next argument. Unknown flags and bool flags take none.
func (n node) takesValue(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	for _, f := range n.flags {
		for _, fn := range f.Names() {
			if fn == name {
				v, ok := f.(interface{ TakesValue() bool })
				return ok && v.TakesValue()
			}
		}
	}
	return false
}

func findCommand(cmds []*ucli.Command, name string) *ucli.Command {
	for _, c := range cmds {
		for _, n := range c.Names() {
			if n == name {
				return c
			}
		}
	}
	return nil
}
