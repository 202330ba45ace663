package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	ucli "github.com/urfave/cli/v2"
)

// version is set at link time: go build -ldflags "-X github.com/ionet-oss/ionet/cli.version=v1.2.3".
var version = ""

// Version is the build's version: the link-time value, else the module version, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// urfave's root version flag is --version or -V (-v is --verbose), and prints what the version
// command prints.
func init() {
	ucli.VersionFlag = &ucli.BoolFlag{Name: "version", Aliases: []string{"V"}, Usage: "print the version"}
	ucli.VersionPrinter = func(c *ucli.Context) {
		_ = versionReport(c.App.Name).WriteHuman(c.App.Writer)
	}
}

func versionReport(name string) VersionReport {
	return VersionReport{Name: name, Version: Version(), Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
}

// VersionReport is what the version command prints.
type VersionReport struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Go      string `json:"go"`
	OS      string `json:"os"`
	Arch    string `json:"arch"`
}

// WriteHuman prints one line.
func (v VersionReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s %s (%s, %s/%s)\n", v.Name, v.Version, v.Go, v.OS, v.Arch)
	return err
}

// VersionCommand is the version command every binary shares.
func VersionCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "version",
		Usage:    "print the version",
		Category: CategoryInfo,
		Action: Action(func(c *ucli.Context, env *Env) error {
			return env.Print(versionReport(c.App.Name))
		}),
	}
}
