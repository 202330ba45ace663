#!/usr/bin/env bash
# make demo: the protocol's life cycle on the embedded localnet, driven through the real `ionet`,
# `ionet-worker`, `ionet-keeper` and `ionet-checker` exactly as users would. Each step prints every command it runs
# ("$ ..." on stderr, with all its flags and its quotes: it can be copied and run as it is while the
# demo's chain is up), then what it answered. Only the script's own plumbing is not printed: reading
# wallet paths from the manifest, and the quiet `ionet ... --output json` polls that wait for the
# keeper or the worker to act.
#
# DEMO_PORT (default 18899): the chain's JSON-RPC port; its websocket uses DEMO_PORT+1. Set it
# when those ports are taken: DEMO_PORT=28899 make demo.
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$root/bin:$PATH" # the commands print as `ionet ...`, as a user with bin/ on PATH types them
tmp=$(mktemp -d)
port=${DEMO_PORT:-18899}
url=http://127.0.0.1:$port
ledger=$tmp/ledger
manifest=$ledger/manifest.json

# quoted ARGS...: the words quoted as a shell needs them typed.
quoted() {
  local a out=()
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then out+=("$a"); else out+=("'${a//\'/\'\\\'\'}'"); fi
  done
  printf '%s' "${out[*]}"
}
# run ARGS...: prints the command (on stderr), then runs it.
run() {
  printf '$ %s\n' "$(quoted "$@")" >&2
  "$@"
}
# background LOG ARGS...: prints the command, then starts it in the background with its output in
# LOG; $! is its process id.
background() {
  local log=$1
  shift
  printf '$ %s >%s 2>&1 &\n' "$(quoted "$@")" "$(quoted "$log")" >&2
  "$@" >"$log" 2>&1 &
}

background "$tmp/localnet.log" ionet localnet up --port "$port" --ledger "$ledger" --reset --slot-ms 200
chain=$!
cleanup() {
  kill -INT "$chain" 2>/dev/null && wait "$chain" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
# Ready once the chain is up and the protocol initialised (the report's last line).
for _ in $(seq 1 150); do
  grep -q "Ctrl-C stops the chain" "$tmp/localnet.log" && break
  kill -0 "$chain" 2>/dev/null || { cat "$tmp/localnet.log"; echo "demo: the localnet did not start" >&2; exit 1; }
  sleep 0.2
done
grep -q "Ctrl-C stops the chain" "$tmp/localnet.log" || { cat "$tmp/localnet.log"; echo "demo: the localnet was not ready after 30 s" >&2; exit 1; }

# A real keeper does every time-driven step: emission cranks, settlements, expiries, proposals.
background "$tmp/keeper.log" ionet-keeper --url "$url" \
  --keypair "$(node -e 'console.log(require(process.argv[1]).wallets.keeper.keypair)' "$manifest")" --listen "" --tick 200ms --rescan 5s
keeper=$!
trap 'kill "$keeper" 2>/dev/null; cleanup' EXIT

# keypair NAME: the keypair file of a named localnet wallet (from the manifest).
keypair() { node -e 'const m=require(process.argv[1]); const w=process.argv[2]==="distribution"?m.distribution:m.wallets[process.argv[2]]; console.log(w.keypair)' "$manifest" "$1"; }
pubkey() { node -e 'const m=require(process.argv[1]); console.log(m.wallets[process.argv[2]].pubkey)' "$manifest" "$1"; }

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# as NAME ARGS...: runs `ionet ARGS... --url URL --keypair NAME's keypair`, printing it.
as() {
  local who=$1
  shift
  run ionet "$@" --url "$url" --keypair "$(keypair "$who")"
}
# field NAME: shows the JSON report on stdin (on stderr) and prints its NAME field.
field() { node -e 'const r=require("fs").readFileSync(0,"utf8"); process.stderr.write(r); console.log(JSON.parse(r)[process.argv[1]])' "$1"; }
# keeper_did WHAT CHECK...: waits (up to 30 s) until CHECK succeeds: the keeper has done WHAT.
keeper_did() {
  local what=$1; shift
  for _ in $(seq 1 150); do
    if "$@" >/dev/null 2>&1; then echo "(the keeper $what)"; return 0; fi
    sleep 0.2
  done
  cat "$tmp/keeper.log" >&2; echo "demo: the keeper did not $what within 30 s" >&2; exit 1
}
query() { ionet --url "$url" --output json "$@"; }
job_closed() { ! query job show "$1"; }
emission_caught_up() { query emission status | node -e 'const s=JSON.parse(require("fs").readFileSync(0)); process.exit(s.lastEndedEpoch > 0 && s.lastMintedEpoch === s.lastEndedEpoch ? 0 : 1)'; }
stake_earning() { [ "$(query stake show --owner "$1" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).warming.amount)')" = "0" ]; }
costake_claimable() { [ "$(ionet --url "$url" --output json --keypair "$(keypair "$1")" costake show | node -e 'const r=JSON.parse(require("fs").readFileSync(0)); console.log(r.positions.length > 0 && r.positions[0].claimable.amount !== "0")')" = true ]; }
live_now() { [ "$(query device rewards "$1" | node -e 'const r=JSON.parse(require("fs").readFileSync(0)); console.log(r.epochs.some(e => e.epoch === r.currentEpoch && e.live))')" = true ]; }
proposal_is() { [ "$(query gov show "$1" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).state)')" = "$2" ]; }
# fails NAME ARGS...: a command that must be refused; shows the error.
fails() {
  if out=$(as "$@" 2>&1); then echo "$out"; echo "demo: expected a refusal" >&2; exit 1; fi
  echo "$out"
}

step "A local chain with the protocol deployed and initialised (ledger $ledger)"
cat "$tmp/localnet.log"

step "Stakers: Alice stakes 1,000 IO and Bob 3,000 IO"
as alice balance --manifest "$manifest"
as alice stake 1000
as bob stake 3000

step "4,000 IO of rewards arrive in the staker pool: Alice earns 1/4, Bob 3/4; Alice claims"
as distribution stake fund 4000
as alice stake show
as alice claim
as alice balance --manifest "$manifest"

step "A GPU supplier: Dave runs ionet-worker (this machine has no GPU, so its device is a CPU-TEST one); init creates the device key, registers the device and says what stake it needs"
worker_flags=(--url "$url" --owner-keypair "$(keypair dave)" --device-keypair "$tmp/device.json" --gpu-class CPU-TEST --gpu-count 1)
run ionet-worker init "${worker_flags[@]}"
# Eligible at 200 IO; each job the device holds reserves the 1,000 IO worst-case penalty: two jobs.
as dave device stake 2000 --device-keypair "$tmp/device.json"
as dave device show --device-keypair "$tmp/device.json"
# Dave's jobs run in a Docker engine of the demo's own (Debian's dockerd, a busybox image imported
# from busybox-static: nothing is pulled); without root or dockerd, in the process runtime.
runtime=(--runtime process)
image=""
if [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null && [ -x /bin/busybox ]; then
  engine=$(run "$root/scripts/dockerd.sh" start "$tmp/engine")
  echo "$engine"
  image=$(echo "$engine" | awk '$1 == "image" {print $2}')
  runtime=(--runtime container --docker-socket "$tmp/engine/docker.sock" --memory-limit 268435456)
fi
trap 'kill "$keeper" 2>/dev/null; "$root/scripts/dockerd.sh" stop "$tmp/engine" 2>/dev/null; cleanup' EXIT
# A relative work directory (the worker makes it absolute): the worker runs in $tmp.
cd "$tmp"
background "$tmp/worker.log" ionet-worker run "${worker_flags[@]}" "${runtime[@]}" --work-dir worker \
  --metrics-addr "" --poll-interval 1s
worker=$!
trap 'kill "$worker" "$keeper" 2>/dev/null; wait "$worker" 2>/dev/null; "$root/scripts/dockerd.sh" stop "$tmp/engine" 2>/dev/null; cleanup' EXIT

step "The buyers' own HTTP endpoint, where the workers upload the results (an S3-style presigned URL would do)"
bucket_port=$((port + 10))
mkdir -p "$tmp/bucket"
background "$tmp/bucket.log" node -e '
const http = require("http"), fs = require("fs"), path = require("path");
const [dir, port] = process.argv.slice(1);
http.createServer((req, res) => {
  const file = path.join(dir, path.basename(new URL(req.url, "http://x").pathname));
  if (req.method === "PUT") {
    const out = fs.createWriteStream(file);
    req.pipe(out).on("finish", () => { res.statusCode = 201; res.end(); console.log("stored", file); });
  } else if (req.method === "GET" && fs.existsSync(file)) {
    fs.createReadStream(file).pipe(res);
  } else { res.statusCode = 404; res.end(); }
}).listen(Number(port), "127.0.0.1");' "$tmp/bucket" "$bucket_port"
bucket=$!
trap 'kill "$worker" "$keeper" "$bucket" 2>/dev/null; wait "$worker" 2>/dev/null; "$root/scripts/dockerd.sh" stop "$tmp/engine" 2>/dev/null; cleanup' EXIT

step "Job buyers: Alice posts a job paid in IO (no payment fee), Erin one paid in USDC (2% fee); job create publishes each spec on-chain, where the worker reads it"
# spec NAME COMMAND: writes NAME's spec (the engine's image when there is one) with its upload URL.
spec() {
  node -e '
const [name, command, image, port] = process.argv.slice(1);
const spec = { command: ["sh", "-c", command], inputs: ["datasets/alpaca"], output: { url: `http://127.0.0.1:${port}/${name}.tar` } };
if (image) spec.image = image;
console.log(JSON.stringify(spec));' "$1" "$2" "$image" "$bucket_port" >"$tmp/$1.json"
  run cat "$tmp/$1.json" >&2
}
spec alice 'echo fine-tuning on $IONET_INPUTS; sleep 2; echo weights > "$IONET_OUTPUT_DIR/model.bin"'
spec erin 'echo evaluating $IONET_INPUTS; sleep 1; echo 0.93 > "$IONET_OUTPUT_DIR/score.txt"'
# post PAYER SPEC ARGS...: creates a job (publishing its spec), prints the job id.
post() {
  local who=$1 spec=$2 report
  shift 2
  report=$(as "$who" job create --spec "$spec" --gpu-class CPU-TEST --gpus 1 --hours 2 "$@" --yes --output json)
  echo "$report" >&2
  node -e 'console.log(JSON.parse(process.argv[1]).jobId)' "$report"
}
io_job=$(post alice "$tmp/alice.json" --price 1.5 --pay io)
usdc_job=$(post erin "$tmp/erin.json" --price 0.8 --pay usdc)
job_is() { [ "$(query job show "$1" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).state)')" = "$2" ]; }
worker_did() {
  local what=$1; shift
  for _ in $(seq 1 150); do
    if "$@" >/dev/null 2>&1; then echo "(the worker $what)"; return 0; fi
    sleep 0.2
  done
  cat "$tmp/worker.log" >&2; echo "demo: the worker did not $what within 30 s" >&2; exit 1
}
# earnings: Dave's job pay and his liveness rewards, apart, from his worker's log.
earnings() {
  node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const decimals = { IO: 8, USDC: 6 };
const text = (units, mint) => (Number(units) / 10 ** decimals[mint]).toFixed(decimals[mint]).replace(/\.?0+$/, "") + " " + mint;
const pay = lines.filter((l) => l.msg === "job settled").map((l) => `job ${l.job}: ${text(l.paid, l.mint)}`);
const live = lines.filter((l) => l.msg === "liveness reward claimed");
const liveTotal = live.reduce((sum, l) => sum + BigInt(l.amount), 0n);
console.log(`Dave'"'"'s job pay: ${pay.join(", ") || "none yet"}`);
console.log(`Dave'"'"'s liveness rewards claimed so far: ${text(liveTotal, "IO")} (${live.length} epoch(s))`);
' "$tmp/worker.log"
}

step "Dave's worker claims both jobs, runs them (${runtime[1]} runtime), uploads the results to the buyers' endpoint and attests their hash with the device key"
worker_did "ran and attested job $io_job" job_is "$io_job" attested
worker_did "ran and attested job $usdc_job" job_is "$usdc_job" attested
as dave job show "$io_job"
run grep -E '"msg":"(results uploaded|job attested)"' "$tmp/worker.log"

step "Alice fetches her results and checks every file against the attested hash"
as alice job fetch "$io_job" --to "$tmp/alice-results" --spec "$tmp/alice.json"
run cat "$tmp/alice-results/out/model.bin"

step "Proof of capacity: Carol (anyone may; the keeper's capacity duty does too) challenges Dave's device; the seed is the hash of the request's slot, unknown in advance; Dave's worker computes the 64x64 product over GF(2^61-1), commits its Merkle root and proves the spot-checked entries, which the program recomputes"
device_pub=$(ionet keygen pubkey "$tmp/device.json")
# The keeper challenges a staked device without a record at once: when it got there first, Carol's
# request is refused (one challenge per interval_slots) and the keeper's challenge is the one shown.
if ! out=$(as carol capacity request "$device_pub" 2>&1); then
  echo "$out"
  grep -q TooSoon <<<"$out" || exit 1
  echo "(the keeper challenged Dave's device first)"
else
  echo "$out"
fi
capacity_passed() { [ "$(query capacity show "$device_pub" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).status)')" = passed ]; }
worker_did "answered the capacity challenge" capacity_passed
as dave capacity show "$device_pub"

step "The one-hour challenge window passes; the keeper settles: Dave is paid for the seconds the jobs ran, fees go to the treasury, the rest is refunded"
run ionet localnet warp 61m --manifest "$manifest"
keeper_did "settled job $io_job" job_closed "$io_job"
keeper_did "settled job $usdc_job" job_closed "$usdc_job"
worker_did "saw job $io_job paid" grep -q '"msg":"job settled","job":'"$io_job"',' "$tmp/worker.log"
worker_did "saw job $usdc_job paid" grep -q '"msg":"job settled","job":'"$usdc_job"',' "$tmp/worker.log"
as alice balance --manifest "$manifest"
as erin balance --manifest "$manifest"
as dave balance --manifest "$manifest"
echo "(Dave's balance holds his job pay and the liveness rewards his worker claims each hour; his worker's log tells them apart:)"
run grep -E '"msg":"(job settled|liveness reward claimed)"' "$tmp/worker.log"
earnings

step "A run that fails is attested as failed: Erin has her whole escrow back at once, Dave's device is not slashed"
spec erin-broken 'echo "CUDA out of memory" >&2; exit 137'
as erin balance --manifest "$manifest"
failed_job=$(post erin "$tmp/erin-broken.json" --price 0.8 --pay usdc)
worker_did "attested job $failed_job as failed" grep -q '"msg":"job attested","job":'"$failed_job"',"failed":true' "$tmp/worker.log"
as erin balance --manifest "$manifest"
as dave device show --device-keypair "$tmp/device.json"

step "Emission: the hours that passed have ended; the keeper cranks (anyone may, for a tip). The stakers staked inside those hours, so their 20% goes to the suppliers; then the keeper activates their stake, which earns every later hour"
keeper_did "minted every ended epoch" emission_caught_up
keeper_did "activated Bob's stake" stake_earning "$(pubkey bob)"
as bob stake show
echo "(Dave's worker heartbeats every epoch; the suppliers' 80% is shared among live devices by weight, and the worker claims it)"
as dave device rewards --device-keypair "$tmp/device.json"

step "Co-staking: Dave offers co-staking on his device (he keeps a 10% commission and at least 10% own stake); Carol co-stakes 500 IO. From the next hour the device's supplier rewards are shared: the commission to Dave, the rest pro rata to all its stake, Dave's own included"
as dave device offer open --device "$device_pub" --commission-bps 1000 --max-costake 5000
as carol offers --gpu-class CPU-TEST
as carol costake "$device_pub" 500
as dave device show --device-keypair "$tmp/device.json"
run ionet localnet warp 61m --manifest "$manifest" # an hour with Carol's stake on the device
worker_did "recorded this hour's heartbeat, with Carol's co-stake on the device" live_now "$device_pub"
run ionet localnet warp 61m --manifest "$manifest"
keeper_did "minted every ended epoch" emission_caught_up
worker_did "claimed the shared reward (credited to the offer)" costake_claimable carol
as carol costake show
as carol costake claim "$device_pub"
as dave device offer claim --device "$device_pub"
as carol balance --manifest "$manifest"

step "The treasury burns 1,000 IO of bought-back revenue; status checks supply = 500M + emitted - burned"
as distribution burn --reason "revenue buyback, week 1" 1000
fails alice burn --reason "not the treasury" 1
as distribution emission status

step "Alice unstakes everything: it enters the 14-day cooldown, an early withdraw is refused"
as alice unstake 1000
as alice stake show
fails alice withdraw

step "Two weeks pass (clock warp): Alice withdraws, and the keeper catches up two weeks of emission"
run ionet localnet warp 14d --manifest "$manifest"
as alice withdraw
as alice balance --manifest "$manifest"
keeper_did "minted every ended epoch" emission_caught_up
as bob stake show
as distribution emission status

step "Governance: the programs' upgrade authority creates the governance PDA; the operator hands it the update authority of staking, jobs and emission"
upgrader_key=$(node -e 'console.log(require(process.argv[1]).upgradeAuthority.keypair)' "$manifest")
upgrader_pub=$(node -e 'console.log(require(process.argv[1]).upgradeAuthority.pubkey)' "$manifest")
run ionet localnet fund --manifest "$manifest" --to "$upgrader_pub" --sol 1
run ionet gov init --min-stake 1000 --url "$url" --keypair "$upgrader_key"
as distribution gov hand-over

step "Bob (3,000 IO staked) proposes a 7-day cooldown and a 1.5% USDC fee, and votes yes: his stake is locked until voting ends"
printf '# Shorter cooldown, cheaper USDC\nCut the unstaking cooldown to 7 days and the USDC payment fee to 1.5%%.\n' >"$tmp/proposal.md"
run cat "$tmp/proposal.md"
proposal=$(as bob gov propose --output json --title "7-day cooldown, 1.5% USDC fee" --description-file "$tmp/proposal.md" \
  --set staking.cooldown=7d --set jobs.usdc_fee_bps=150 | field id)
as bob gov vote "$proposal" yes
as bob gov show "$proposal"
fails bob unstake 1

step "Three days of voting pass; the keeper finalizes; execution waits out the one-day timelock, then the keeper executes"
run ionet localnet warp 3d --manifest "$manifest"
keeper_did "finalized proposal $proposal" proposal_is "$proposal" succeeded
fails carol gov execute "$proposal"
run ionet localnet warp 1d --manifest "$manifest"
keeper_did "executed proposal $proposal" proposal_is "$proposal" executed
as carol gov list

step "The change takes effect: Bob's unstake now cools down for 7 days, not 14"
as bob unstake 1000
as bob stake show

step "Audits (#16): Bob, Carol and Erin register as checkers (1,000 IO each, the CPU-TEST class) and run ionet-checker: it re-runs the jobs audits assign to them and signs verdicts with a verdict key of its own"
checkers=()
for who in bob carol erin; do
  run ionet keygen new --outfile "$tmp/$who-verdict.json" >/dev/null
  background "$tmp/checker-$who.log" ionet-checker run --url "$url" --keypair "$(keypair "$who")" --verdict-keypair "$tmp/$who-verdict.json" \
    --register 1000 --classes CPU-TEST --work-dir "checker-$who" --listen "" --duties none --poll-interval 1s
  checkers+=($!)
done
trap 'kill "${checkers[@]}" "$worker" "$keeper" "$bucket" 2>/dev/null; wait "$worker" 2>/dev/null; "$root/scripts/dockerd.sh" stop "$tmp/engine" 2>/dev/null; cleanup' EXIT
checker_registered() { query checker show --owner "$(pubkey "$1")"; }
for who in bob carol erin; do
  keeper_did "saw $who registered (ionet-checker registers at start)" checker_registered "$who"
done
as carol checker show

step "A dishonest supplier: the \"worker\" wallet runs ionet-worker built with the TEST-ONLY dishonest runtime (it runs the job, then tampers with the outputs; a production build refuses --runtime dishonest). Dave's worker stops, so the cheat takes the next job"
kill "$worker" && wait "$worker" 2>/dev/null || true
run go build -C "$root" -tags ionet_testruntime -o "$tmp/test-bin/ionet-worker" ./cmd/ionet-worker
cheat_flags=(--url "$url" --owner-keypair "$(keypair worker)" --device-keypair "$tmp/cheat-device.json" --gpu-class CPU-TEST --gpu-count 1)
run "$tmp/test-bin/ionet-worker" init "${cheat_flags[@]}"
as worker device stake 2000 --device-keypair "$tmp/cheat-device.json"
background "$tmp/cheat.log" "$tmp/test-bin/ionet-worker" run "${cheat_flags[@]}" --runtime dishonest --work-dir cheat --metrics-addr "" --poll-interval 1s
worker=$!
node -e 'console.log(JSON.stringify({command: ["sh", "-c", "echo evaluating; echo 0.91 > \"$IONET_OUTPUT_DIR/score.txt\""],
  output: {url: `http://127.0.0.1:${process.argv[1]}/alice-eval.tar`}}))' "$bucket_port" >"$tmp/alice-eval.json"
run cat "$tmp/alice-eval.json" >&2
cheat_job=$(post alice "$tmp/alice-eval.json" --price 1.5 --pay io)
cheat_attested() { job_is "$cheat_job" attested || job_is "$cheat_job" audited; }
worker_did "attested job $cheat_job" cheat_attested
as alice job fetch "$cheat_job" --to "$tmp/alice-eval" --spec "$tmp/alice-eval.json"
run cat "$tmp/alice-eval/out/score.txt"

step "Alice's score file is not what her job writes: she challenges. The job's spec allows re-execution, so three checkers drawn by stake from the slot hash re-run it and the majority decides (no arbiter)"
if job_is "$cheat_job" attested; then
  as alice job challenge "$cheat_job" --bond 1
else
  echo "(the keeper's draw had already selected job $cheat_job for a sampled audit: the first mismatch brings two more checkers)"
fi
as alice job audit "$cheat_job" || true
keeper_did "convicted the cheat (the checkers re-ran job $cheat_job and disagreed with its result)" job_closed "$cheat_job"
run grep -h -e '"msg":"verdict committed' -e '"msg":"verdict revealed"' "$tmp"/checker-*.log
as worker device show --device-keypair "$tmp/cheat-device.json"
as alice balance --manifest "$manifest"
echo "(the checkers whose verdicts decided share the paid half of the slash as rewards: \`ionet checker claim\` pays them)"
for who in bob carol erin; do as "$who" checker show; done
kill "$worker" 2>/dev/null && wait "$worker" 2>/dev/null || true

if [ "${DEMO_KEEP:-0}" = 1 ]; then
  step "DEMO_KEEP=1: the chain, keeper and worker stay up; the explorer shows it all until Ctrl-C"
  run ionet explorer --url "$url" --listen "${DEMO_EXPLORER:-127.0.0.1:8080}" || true
fi
