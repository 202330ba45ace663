// Package keeper runs the protocol's time-driven, permissionless steps (emission cranks, job
// settlements and expiries) for whoever runs it, safely beside any number of other keepers.
//
// Work is found from chain state alone: each Duty scans its program (getProgramAccounts), a
// websocket programSubscribe keeps that view current between scans, and a periodic full rescan
// repairs whatever a dropped connection or a restart missed. Every due step is read afresh just
// before it is sent, so a step another keeper already did is skipped (or fails in preflight with
// the program's own "already done" error) and counted as a lost race, never retried.
package keeper
