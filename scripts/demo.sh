#!/usr/bin/env bash
# make demo: the protocol's life cycle on the embedded localnet, driven through the real `ionet`
# CLI exactly as a user would. Each step prints the command it runs and what it answered.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ionet=$root/bin/ionet
tmp=$(mktemp -d)
port=${DEMO_PORT:-18899}
ledger=$tmp/ledger
manifest=$ledger/manifest.json

"$ionet" localnet up --port "$port" --ledger "$ledger" --reset --slot-ms 200 >"$tmp/localnet.log" 2>&1 &
chain=$!
cleanup() {
  kill -INT "$chain" 2>/dev/null && wait "$chain" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 1 150); do
  [ -f "$manifest" ] && break
  kill -0 "$chain" 2>/dev/null || { cat "$tmp/localnet.log"; echo "demo: the localnet did not start" >&2; exit 1; }
  sleep 0.2
done
[ -f "$manifest" ] || { cat "$tmp/localnet.log"; echo "demo: no manifest after 30 s" >&2; exit 1; }

# keypair NAME: the keypair file of a named localnet wallet (from the manifest).
keypair() { node -e 'const m=require(process.argv[1]); const w=process.argv[2]==="distribution"?m.distribution:m.wallets[process.argv[2]]; console.log(w.keypair)' "$manifest" "$1"; }
pubkey() { node -e 'const m=require(process.argv[1]); console.log(m.wallets[process.argv[2]].pubkey)' "$manifest" "$1"; }

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# as NAME ARGS...: run ionet as a named wallet against the demo chain, echoing the command.
as() {
  local who=$1; shift
  printf '$ ionet %s   # as %s\n' "$*" "$who"
  "$ionet" --url "http://127.0.0.1:$port" --keypair "$(keypair "$who")" "$@"
}
# fails NAME ARGS...: a command that must be refused; shows the error.
fails() {
  if out=$(as "$@" 2>&1); then echo "$out"; echo "demo: expected a refusal" >&2; exit 1; fi
  echo "$out"
}

step "A local chain with the protocol deployed (ledger $ledger)"
sed -n '1,9p' "$tmp/localnet.log"

step "The operator initialises staking (14-day cooldown); emission will fund rewards later"
as distribution stake init --manifest "$manifest"

step "Alice stakes 1,000 IO and Bob 3,000 IO"
as alice balance --manifest "$manifest"
as alice stake 1000
as bob stake 3000
as alice balance --manifest "$manifest"

step "4,000 IO of rewards arrive in the staker pool: Alice earns 1/4, Bob 3/4"
as distribution stake fund 4000
as alice stake show
as bob stake show --owner "$(pubkey bob)"

step "Alice claims her rewards"
as alice claim
as alice balance --manifest "$manifest"

step "Alice unstakes everything: it enters the 14-day cooldown"
as alice unstake 1000
as alice stake show
fails alice withdraw

step "Two weeks pass (clock warp)"
"$ionet" localnet warp --manifest "$manifest" 14d

step "Alice withdraws her 1,000 IO"
as alice withdraw
as alice stake show
as alice balance --manifest "$manifest"

step "The operator hands IO minting to the emission program: epoch 1 starts now, 20% of each hour to stakers"
as distribution emission init --manifest "$manifest"
as distribution emission schedule --from 1 --to 3

step "Three hours pass (clock warp); anyone may crank: Carol mints the three ended epochs and earns the tip"
"$ionet" localnet warp --manifest "$manifest" 3h
as bob stake show --owner "$(pubkey bob)"
as carol emission crank
as bob stake show --owner "$(pubkey bob)"

step "The treasury burns 1,000 IO of bought-back revenue; status checks supply = 500M + emitted - burned"
as distribution burn --reason "revenue buyback, week 1" 1000
fails alice burn --reason "not the treasury" 1
as distribution emission status
