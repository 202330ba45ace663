// Package keepercli is the command line of the keeper: the ionet-keeper app (run, --once,
// --dry-run) and `ionet keeper status`, sharing one set of program flags.
package keepercli
