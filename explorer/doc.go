// Package explorer is the library of `ionet explorer`: a local, read-only web server over a
// cluster's JSON-RPC that shows the network (supply equation, emission against the schedule,
// burns, pools, keeper health), devices (eligibility and why, liveness per epoch and why),
// jobs (open ones from their accounts, closed ones rebuilt from transactions and events),
// staking and governance, and everything that concerns one wallet.
//
// Every page is server-rendered with html/template (usable without JavaScript) and has a JSON
// twin under /api/ that the page's small script polls for live updates. All assets are embedded
// (go:embed); nothing is fetched from elsewhere. The server holds no key and sends no
// transaction. Inputs are bounded before they are parsed (path and query lengths, public keys
// by length before base58 decoding, page sizes and counts capped) and a failing request is
// answered on its own without stopping the server.
package explorer
