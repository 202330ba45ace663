// Package portable holds the black-box test of a built ionet binary copied away from the
// repository: it builds cmd/ionet and runs it as a person would, reading only its JSON output.
// It is a package of its own so that its build and npm install run beside cmd/ionet's tests
// (which set the environment, so run one at a time) instead of in their line.
package portable
