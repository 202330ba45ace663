package cli

import (
	"fmt"
	"log/slog"

	ucli "github.com/urfave/cli/v2"
)

// FlagLogLevel is the daemons' --log-level.
const FlagLogLevel = "log-level"

// LogLevelFlag is --log-level, the daemons' log threshold.
func LogLevelFlag() ucli.Flag {
	return &ucli.StringFlag{Name: FlagLogLevel, Value: "info", Usage: "debug, info, warn or error (JSON logs on stderr)"}
}

// DaemonLogger is a daemon's logger: JSON lines on the app's stderr at --log-level.
func DaemonLogger(c *ucli.Context) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.String(FlagLogLevel))); err != nil {
		return nil, fmt.Errorf("--%s %q: use debug, info, warn or error", FlagLogLevel, c.String(FlagLogLevel))
	}
	return slog.New(slog.NewJSONHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level})), nil
}
