package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
)

// jsonExempt are the commands the JSON walk does not run, each with why.
var jsonExempt = map[string]string{
	"localnet up":   "runs until stopped; TestLocalnetUp decodes its JSON",
	"stake init":    "bootstrap.Protocol initialised the program; it prints the txReport every walked transaction prints",
	"job init":      "as stake init",
	"emission init": "as stake init",
	"explorer":      "serves until stopped; TestExplorerCommand decodes its JSON",
	// TestDeployCommands checks these commands' JSON on a bare localnet of its own.
	"deploy":              "on a bare localnet: TestDeployCommands",
	"verify":              "as deploy",
	"deployment show":     "as deploy",
	"deployment import":   "as deploy",
	"gov propose upgrade": "needs the upgrades handed to governance: TestGovUpgradeCommands checks its JSON on a bare localnet",
	"job fetch":           "needs a worker's results archive on an HTTP server; worker's TestContainerJobDeliveredToTheBuyer runs it",
	"checker claim":       "needs rewards, earned only in an audit decided by real checkers: checker's TestLyingCheckerOutvoted claims them",
}

// TestJSONOutput runs every command that takes --output json against one localnet, through a
// whole life cycle, and checks each stdout: exactly one JSON document, camelCase keys, every
// amount in spl-token's {"amount","decimals","uiAmountString"} shape, no formatted amount
// strings, and no JSON number past 2^53. Commands added later fail it until walked or exempted.
func TestJSONOutput(t *testing.T) {
	isolate(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c, err := localnet.Start(ctx, localnet.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	_, err = bootstrap.Protocol(ctx, solanax.New(c.RPCURL, c.WSURL), c.Manifest)
	require.NoError(t, err)
	m := c.Manifest

	walked := map[string]bool{}
	// run runs `words` as keypair with -o json (flags before the positional args) and checks
	// its output.
	run := func(t *testing.T, keypair, words string, args ...string) string {
		t.Helper()
		full := append(strings.Fields(words), "--url", c.RPCURL, "--keypair", keypair, "-o", "json")
		full = append(full, args...)
		code, out, errOut := ionet(ctx, full...)
		require.Equal(t, 0, code, "ionet %s: %s", strings.Join(full, " "), errOut)
		checkJSONOutput(t, strings.Join(full, " "), out)
		walked[words] = true
		return out
	}
	warp := func(t *testing.T, d string) {
		t.Helper()
		run(t, m.Distribution.Keypair, "localnet warp", "--manifest", c.ManifestPath, d)
	}
	operator, alice, bob, dave := m.Distribution.Keypair, m.Wallets["alice"].Keypair, m.Wallets["bob"].Keypair, m.Wallets["dave"].Keypair
	device := fundedKeypair(t, c, "device", 0)
	deviceKey, err := solana.PrivateKeyFromSolanaKeygenFile(device)
	require.NoError(t, err)
	spec := filepath.Join(t.TempDir(), "spec.json")
	// verify none: audit-exempt jobs, whose challenges the arbiter resolves; auditSpec's are audited.
	require.NoError(t, os.WriteFile(spec, []byte(`{"command": ["nvidia-smi"], "verify": {"mode": "none"}}`), 0o600))
	auditSpec := filepath.Join(t.TempDir(), "audit-spec.json")
	require.NoError(t, os.WriteFile(auditSpec, []byte(`{"command": ["nvidia-smi"]}`), 0o600))
	createJobFor := func(t *testing.T, spec string) string {
		t.Helper()
		var cost costReport
		require.NoError(t, json.Unmarshal([]byte(run(t, alice, "job create", "--spec", spec, "--gpu-class", "H100", "--hours", "1", "--price", "1", "--yes")), &cost))
		require.NotNil(t, cost.JobID)
		return strconv.FormatUint(*cost.JobID, 10)
	}
	createJob := func(t *testing.T) string { return createJobFor(t, spec) }

	run(t, alice, "version")
	keyFile := filepath.Join(t.TempDir(), "new-key.json")
	run(t, alice, "keygen new", "--outfile", keyFile)
	run(t, alice, "keygen pubkey", keyFile)
	run(t, alice, "balance", "--manifest", c.ManifestPath)
	run(t, operator, "localnet fund", "--manifest", c.ManifestPath, "--to", solana.NewWallet().PublicKey().String(), "--sol", "1", "--io", "2", "--usdc", "3")
	run(t, alice, "keeper status")
	run(t, alice, "emission schedule")
	run(t, alice, "emission schedule", "--from", "1", "--to", "3")

	// Staking and a device.
	run(t, alice, "stake", "100")
	run(t, bob, "stake", "20")
	run(t, operator, "stake fund", "10")
	run(t, alice, "unstake", "1")
	run(t, alice, "stake show")
	run(t, alice, "claim")
	run(t, dave, "device register", "--device-keypair", device, "--gpu-class", "H100", "--gpus", "1")
	run(t, dave, "device stake", "--device-keypair", device, "3000")
	run(t, dave, "device unstake", "--device-keypair", device, "1")
	run(t, dave, "device show", deviceKey.PublicKey().String())
	run(t, dave, "device list")
	run(t, operator, "capacity params")
	run(t, operator, "capacity request", deviceKey.PublicKey().String())
	run(t, dave, "capacity show", deviceKey.PublicKey().String())

	// Co-staking on Dave's device: Bob co-stakes, so the heartbeat's reward below is shared.
	dk := deviceKey.PublicKey().String()
	run(t, dave, "device offer open", "--device", dk, "--commission-bps", "1000", "--max-costake", "1000")
	run(t, dave, "device offer update", "--device", dk, "--commission-bps", "500", "--max-costake", "1000")
	run(t, bob, "offers")
	run(t, bob, "offers", "--gpu-class", "H100", "--sort", "free-capacity")
	run(t, bob, "offers", "--sort", "reliability")
	run(t, bob, "costake", dk, "100")
	run(t, bob, "uncostake", dk, "10")
	run(t, bob, "costake show")
	run(t, dave, "costake show", "--owner")
	run(t, bob, "costake params")
	run(t, operator, "costake set-params", "--notice", "168h")
	warp(t, "1m") // past the emission's start
	run(t, dave, "device heartbeat", "--device-keypair", device)
	run(t, dave, "device rewards", deviceKey.PublicKey().String())

	// Jobs: settled, expired, challenged and resolved, challenged and lapsed, cancelled.
	id := createJob(t)
	run(t, alice, "job show", id)
	run(t, alice, "job publish-spec", "--spec", spec, id)
	run(t, alice, "job extend", "--hours", "0.5", id)
	run(t, alice, "job list")
	run(t, dave, "job claim", "--device-keypair", device, id)
	warp(t, "30m")
	run(t, dave, "job attest", "--device-keypair", device, "--result", spec, "--ran", "30m", id)
	warp(t, "61m")
	run(t, alice, "job settle", id)
	run(t, operator, "emission crank")
	run(t, alice, "stake activate") // the crank funded the epochs up to alice's stake
	run(t, operator, "emission status")
	run(t, dave, "device claim")
	run(t, bob, "costake claim", dk)
	run(t, dave, "device offer claim", "--device", dk)

	id = createJob(t)
	run(t, dave, "job claim", "--device-keypair", device, id)
	warp(t, "2h1m")
	run(t, bob, "job expire", id)
	run(t, bob, "emission crank")
	run(t, bob, "emission sweep") // the epochs nobody was live in

	id = createJob(t)
	run(t, dave, "job claim", "--device-keypair", device, id)
	warp(t, "10m")
	run(t, dave, "job attest", "--device-keypair", device, "--result", spec, "--ran", "10m", id)
	run(t, alice, "job challenge", "--bond", "1", id)
	run(t, operator, "job resolve", "--no-fraud", id)

	id = createJob(t)
	run(t, dave, "job claim", "--device-keypair", device, id)
	warp(t, "10m")
	run(t, dave, "job attest", "--device-keypair", device, "--result", spec, "--ran", "10m", id)
	run(t, alice, "job challenge", "--bond", "1", id)
	warp(t, "169h") // past the arbiter's 7 days
	run(t, bob, "job lapse", id)

	// Audits: Bob registers as a checker; a challenge of a job that allows re-execution opens a
	// 3-checker audit (no ionet-checker runs here: its slots wait to be drawn).
	run(t, bob, "checker register", "--classes", "H100,CPU-TEST", "1000")
	run(t, bob, "checker show")
	id = createJobFor(t, auditSpec)
	run(t, alice, "job audit", id) // not attested yet: not drawn
	run(t, dave, "job claim", "--device-keypair", device, id)
	warp(t, "10m")
	run(t, dave, "job attest", "--device-keypair", device, "--result", auditSpec, "--ran", "10m", id)
	run(t, alice, "job challenge", "--bond", "1", id)
	run(t, alice, "job audit", id)
	run(t, bob, "checker leave")

	id = createJob(t)
	run(t, alice, "job cancel", id)
	run(t, operator, "burn", "--reason", "buyback", "1")

	// Governance: set up, propose, vote, show, list, cancel, finalize, execute.
	upgrader := m.UpgradeAuthority
	_, err = c.Fund(ctx, upgrader.Pubkey, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	run(t, upgrader.Keypair, "gov init", "--min-stake", "10")
	run(t, operator, "gov hand-over")
	text := filepath.Join(t.TempDir(), "proposal.md")
	require.NoError(t, os.WriteFile(text, []byte("cheaper USDC\n"), 0o600))
	var proposed govTxReport
	require.NoError(t, json.Unmarshal([]byte(run(t, alice, "gov propose", "--title", "fee", "--description-file", text, "--set", "jobs.usdc_fee_bps=150", "--set", "costake.notice=3d")), &proposed))
	pid := strconv.FormatUint(proposed.ID, 10)
	run(t, alice, "gov vote", pid, "yes")
	run(t, alice, "gov show", pid)
	run(t, alice, "gov list")
	require.NoError(t, json.Unmarshal([]byte(run(t, bob, "gov propose", "--title", "nothing", "--description-file", text, "--set", "jobs.usdc_fee_bps=100")), &proposed))
	run(t, bob, "gov cancel", strconv.FormatUint(proposed.ID, 10))
	warp(t, "3d")
	run(t, alice, "gov finalize", pid)
	warp(t, "1d")
	run(t, alice, "gov execute", pid)

	run(t, dave, "device offer close", "--device", dk)

	// Cooldowns over.
	warp(t, "14d")
	run(t, alice, "withdraw")
	run(t, dave, "device withdraw", "--device-keypair", device)
	run(t, bob, "costake withdraw", dk)
	run(t, bob, "checker withdraw")

	ownComputeUnitsTable(t, ctx, c.RPC, m.Programs) // every instruction the walk ran

	var missing []string
	for _, name := range jsonCommands(newApp().Commands, "") {
		if !walked[name] && jsonExempt[name] == "" {
			missing = append(missing, name)
		}
	}
	assert.Empty(t, missing, "commands that take --output json but the walk does not run: add them to TestJSONOutput (or to jsonExempt, saying why)")
}

// jsonCommands are the runnable commands under cmds (those given the global --output flag), by
// full name ("gov show").
func jsonCommands(cmds []*ucli.Command, prefix string) []string {
	var out []string
	for _, cmd := range cmds {
		name := strings.TrimSpace(prefix + " " + cmd.Name)
		if slices.ContainsFunc(cmd.Flags, func(f ucli.Flag) bool { return slices.Contains(f.Names(), "output") }) {
			out = append(out, name)
		}
		out = append(out, jsonCommands(cmd.Subcommands, name)...)
	}
	return out
}

// maxSafeInteger is 2^53: past it a JSON number is not exact in JavaScript (or a float64).
const maxSafeInteger = 1 << 53

var (
	camelKey = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	// formattedAmount is an amount written for people ("3.0075 IO"), which JSON must not carry.
	formattedAmount = regexp.MustCompile(`^[0-9][0-9.,]* (IO|USDC|SOL)$`)
	digits          = regexp.MustCompile(`^[0-9]+$`)
)

// checkJSONOutput fails unless out is exactly one JSON document that follows the shape rules.
func checkJSONOutput(t *testing.T, command, out string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var doc any
	require.NoError(t, dec.Decode(&doc), "%s: stdout is not JSON: %s", command, out)
	rest, err := io.ReadAll(dec.Buffered())
	require.NoError(t, err)
	require.Empty(t, bytes.TrimSpace(rest), "%s: stdout holds more than one JSON document", command)
	for _, problem := range jsonProblems("$", "", doc) {
		t.Errorf("%s: %s", command, problem)
	}
}

// jsonProblems lists where v breaks the shape rules; key is the object key v is under.
func jsonProblems(path, key string, v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		_, isAmount := x["uiAmountString"]
		if isAmount || key == "amount" {
			out = append(out, amountProblems(path, x)...)
		}
		for k, child := range x {
			if isAmount && (k == "amount" || k == "decimals" || k == "uiAmountString") {
				continue
			}
			if !camelKey.MatchString(k) {
				out = append(out, fmt.Sprintf("%s: key %q is not camelCase", path, k))
			}
			out = append(out, jsonProblems(path+"."+k, k, child)...)
		}
	case []any:
		for i, child := range x {
			out = append(out, jsonProblems(fmt.Sprintf("%s[%d]", path, i), key, child)...)
		}
	case json.Number:
		if f, err := x.Float64(); err != nil || f > maxSafeInteger || f < -maxSafeInteger {
			out = append(out, fmt.Sprintf("%s: number %s is past 2^53 (write it as a string)", path, x))
		}
	case string:
		if formattedAmount.MatchString(x) {
			out = append(out, fmt.Sprintf("%s: %q is an amount written for people: use the amount shape", path, x))
		}
		if key == "amount" {
			out = append(out, fmt.Sprintf("%s: an amount must be the {amount, decimals, uiAmountString} object, not %q", path, x))
		}
	}
	return out
}

// amountProblems checks one amount object: the three keys, consistent with each other (a token
// balance may carry its mint and account beside them).
func amountProblems(path string, a map[string]any) []string {
	amount, _ := a["amount"].(string)
	decimals, _ := a["decimals"].(json.Number)
	ui, _ := a["uiAmountString"].(string)
	d, err := strconv.ParseUint(string(decimals), 10, 8)
	if !digits.MatchString(amount) || err != nil || ui == "" {
		return []string{fmt.Sprintf("%s: %v is not {\"amount\":\"<base units>\",\"decimals\":N,\"uiAmountString\":\"1.5\"}", path, a)}
	}
	units, err := strconv.ParseUint(amount, 10, 64)
	if err != nil || solanax.FormatAmount(units, uint8(d)) != ui {
		return []string{fmt.Sprintf("%s: uiAmountString %q does not match %s base units at %d decimals", path, ui, amount, d)}
	}
	return nil
}

func TestJSONShapeRules(t *testing.T) {
	tests := []struct {
		doc      string
		problems int
	}{
		{`{"wallet":"x","sol":{"amount":"1500000000","decimals":9,"uiAmountString":"1.5"}}`, 0},
		{`{"handed_over":[]}`, 1},
		{`{"escrow":"3.0075 IO"}`, 1},
		{`{"amount":"1.5"}`, 1},
		{`{"total":18014398509481984}`, 1},
		{`{"slot":123}`, 0},
		{`{"stake":{"amount":"1","decimals":8,"uiAmountString":"1"}}`, 1},
		{`{"io":{"mint":"m","amount":"100","decimals":2,"uiAmountString":"1"}}`, 0},
		{`{"io":{"mint_key":"m","amount":"100","decimals":2,"uiAmountString":"1"}}`, 1},
		{`{"stake":{"amount":"1","decimals":8}}`, 1},
	}
	for _, tt := range tests {
		dec := json.NewDecoder(strings.NewReader(tt.doc))
		dec.UseNumber()
		var v any
		require.NoError(t, dec.Decode(&v))
		assert.Len(t, jsonProblems("$", "", v), tt.problems, tt.doc)
	}
}
