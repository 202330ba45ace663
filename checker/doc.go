// Package checker is the ionet-checker daemon's library: a staked checker's re-execution of the
// jobs the jobs program's audits assign to it (issue #16). It watches Audit accounts naming its
// owner, fetches each job's published spec, runs it again with the worker's runtime
// (worker/runtime), computes the result digest under the spec's verify rule and submits the
// verdict, signed by its verdict key, before the slot's deadline. The time-driven audit steps
// (draw, assign, replace, settle, convict) are keeper duties (keeper/duties/audit.go) that the
// daemon runs beside it. Sub-package sim simulates the incentives.
package checker
