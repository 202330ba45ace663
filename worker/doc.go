// Package worker is the GPU supplier's daemon behind cmd/ionet-worker: it learns of open jobs
// (program subscription, polling fallback), claims those that match its device, verifies and
// runs their specs through a runtime, hashes the outputs into a manifest, attests the result
// signed by the device key, and watches the job until it settles. Its progress is kept in a
// local store so that a restart neither double-claims nor double-attests.
//
// Subpackages hold the pieces: config (file and flags), gpu (NVML / nvidia-smi facts),
// runtime (process and container runtimes, output manifests), store (crash-safe state),
// metrics (Prometheus series and health), workercli (the command line).
package worker
