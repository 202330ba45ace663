// Package workercli is the ionet-worker command line: `run` (the daemon), `init` (register the
// device and show the stake it still needs) and `gpu` (what this host reports). Settings come
// from a YAML or JSON file (--config) with flags overriding it.
package workercli
