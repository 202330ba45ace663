// Package checkercli is the ionet-checker command line: flags, keys and the wiring of package
// checker (the verdict loop) with the keeper's audit duties in one process.
package checkercli
