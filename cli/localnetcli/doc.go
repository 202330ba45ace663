// Package localnetcli is what `ionet` needs of a local chain on the command line and nothing
// else does: --manifest and the manifest of the --url chain (manifest.go), and the registry
// entry `ionet localnet up` writes so that its chain is one deployment among others
// (localnets.go). It lives apart from package cli so that the daemons, which share cli, do not
// link the localnet.
package localnetcli
