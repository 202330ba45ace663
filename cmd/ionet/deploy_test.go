package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/deploy"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestDeployCommands: on a bare localnet, `ionet deploy` (as a wallet funded by airdrop) deploys
// and sets up the protocol and registers the deployment; `--dry-run` before it says what it would
// do and sends nothing; a second deploy says nothing changed; `verify` matches the built-in
// artefacts and fails on a different one; `deployment show` finds the deployment from --url
// alone; `deployment import` registers a published file and refuses another cluster's.
func TestDeployCommands(t *testing.T) {
	o := newOperatorChain(t, localnet.Options{})
	ctx, chain, home, key, keypair, programKeys, run := o.ctx, o.chain, o.home, o.key, o.keypair, o.programKeys, o.run

	code, out, _ := ionet(ctx, "deploy", "--print-params")
	require.Equal(t, 0, code)
	require.Equal(t, string(deploy.DefaultConfigYAML), out)

	type dryRun struct {
		Programs []deploy.Planned `json:"programs"`
	}
	planned := decode[dryRun](t, stdout(run(t, 0, "deploy", "--program-keypairs", programKeys, "--dry-run")))
	require.Len(t, planned.Programs, len(deploy.ProgramNames))
	for _, p := range planned.Programs {
		require.Equal(t, "deploy", p.Action)
		require.Positive(t, p.Chunks)
	}
	for _, name := range deploy.ProgramNames {
		require.FileExists(t, filepath.Join(programKeys, name+"-program.json"), "the program keypairs are made")
	}
	_, _, found, err := cli.LookupDeployment(chainGenesis(t, ctx, chain))
	require.NoError(t, err)
	require.False(t, found, "a dry run registers nothing")

	type deployed struct {
		Programs    []deploy.ProgramResult `json:"programs"`
		Initialised []string               `json:"initialised"`
		Changed     bool                   `json:"changed"`
		Deployment  string                 `json:"deployment"`
	}
	out, errOut := run(t, 0, "deploy", "--program-keypairs", programKeys, "--hand-over")
	first := decode[deployed](t, out)
	require.True(t, first.Changed)
	require.Equal(t, []string{"staking", "jobs", "emission", "capacity", "capacity slasher", "governance"}, first.Initialised)
	require.Contains(t, errOut, "[init] staking: initialised")
	require.Contains(t, errOut, "chunks written")
	require.True(t, strings.HasPrefix(first.Deployment, filepath.Join(home, ".config", "ionet", "deployments")), first.Deployment)

	again := decode[deployed](t, stdout(run(t, 0, "deploy", "--program-keypairs", programKeys, "--hand-over")))
	require.False(t, again.Changed)
	code, human, _ := ionet(ctx, "deploy", "--url", chain.RPCURL, "--keypair", keypair, "--program-keypairs", programKeys)
	require.Equal(t, 0, code)
	require.Contains(t, human, "Nothing to do")

	type verified struct {
		Programs []verifiedProgram `json:"programs"`
	}
	v := decode[verified](t, stdout(run(t, 0, "verify")))
	require.Len(t, v.Programs, len(deploy.ProgramNames))
	for _, p := range v.Programs {
		require.True(t, p.Match, p.Name)
		require.Equal(t, p.Expected, p.OnChain)
		require.Equal(t, securityField{"name", "ionet " + p.Name}, p.SecurityTxt[0], "verify reads security.txt from the code on chain")
	}
	code, human, _ = ionet(ctx, "verify", "--url", chain.RPCURL)
	require.Equal(t, 0, code)
	require.Contains(t, human, "policy")
	require.Contains(t, human, "https://github.com/ionet-oss/ionet/blob/main/SECURITY.md")
	if !testing.Short() { // a fresh build of every program: about 25 s
		fresh := decode[verified](t, stdout(run(t, 0, "verify", "--build", "../..")))
		for _, p := range fresh.Programs {
			require.Equal(t, p.OnChain, p.Built, "the fresh build of %s is the code on chain", p.Name)
		}
	}
	// Another build: a mismatch, exit non-zero.
	other := t.TempDir()
	for _, name := range deploy.ProgramNames {
		elf, err := localnet.ProgramELF(name, false)
		require.NoError(t, err)
		if name == "jobs" {
			elf = append(append([]byte{}, elf...), 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(other, name+".so"), elf, 0o644))
	}
	_, errOut = run(t, 1, "verify", "--artifacts", other)
	require.Contains(t, errOut, "mismatch: jobs (the code on chain is not the artefact)")

	shown := decode[cli.Deployment](t, stdout(run(t, 0, "deployment show")))
	require.Equal(t, v.Programs[0].ID, shown.Programs["staking"].String())

	// Every command finds the deployment from --url alone: program ids and mints.
	type status struct {
		ProgramID string `json:"programId"`
		IOMint    string `json:"ioMint"`
	}
	st := decode[status](t, stdout(run(t, 0, "emission status")))
	require.Equal(t, shown.Programs["emission"].String(), st.ProgramID)
	require.Equal(t, shown.Mints.IO.String(), st.IOMint)
	balance := stdout(run(t, 0, "balance", key.PublicKey().String()))
	require.Contains(t, balance, shown.Mints.IO.String(), "balance takes the mints from the deployment")
	// The keeper's duties too (the localnet's default ids are not deployed on this chain).
	type keeperStatus struct {
		Kinds  []struct{ Kind string } `json:"kinds"`
		Errors map[string]string       `json:"errors"`
	}
	due := decode[keeperStatus](t, stdout(run(t, 0, "keeper status")))
	require.NotEmpty(t, due.Kinds)
	require.Empty(t, due.Errors, "every duty read its program's state")

	// An upgrade's buffer, handed to the governance PDA, checked against the build.
	written := decode[deploy.BufferResult](t, stdout(run(t, 0, "deploy", "--write-buffer", "jobs", "--state", t.TempDir(), "--buffer-authority", shown.Governance.String())))
	require.Equal(t, shown.Governance, written.Authority)
	require.Equal(t, shown.ProgramHashes["jobs"], written.Hash)
	type bufferChecked struct {
		Match     bool   `json:"match"`
		Authority string `json:"authority"`
	}
	checked := decode[bufferChecked](t, stdout(run(t, 0, "verify", "--buffer", written.Buffer.String(), "--program", "jobs")))
	require.True(t, checked.Match)
	require.Equal(t, shown.Governance.String(), checked.Authority)
	_, errOut = run(t, 1, "verify", "--buffer", written.Buffer.String(), "--program", "staking")
	require.Contains(t, errOut, "does not hold the staking build")

	// Import: a published copy is registered; another cluster's is refused.
	published := filepath.Join(t.TempDir(), "deployment.json")
	data, err := os.ReadFile(first.Deployment)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(published, data, 0o644))
	require.NoError(t, os.Remove(first.Deployment))
	_, errOut = run(t, 1, "deployment show")
	require.Contains(t, errOut, "no deployment of the protocol is known for "+chain.RPCURL)
	// --deployment (or $IONET_DEPLOYMENT) names one instead of the registry.
	viaFlag := decode[cli.Deployment](t, stdout(run(t, 0, "deployment show", "--deployment", published)))
	require.Equal(t, shown.Programs, viaFlag.Programs)
	t.Setenv(cli.EnvDeployment, published)
	st = decode[status](t, stdout(run(t, 0, "emission status")))
	require.Equal(t, shown.Programs["emission"].String(), st.ProgramID)
	t.Setenv(cli.EnvDeployment, "")
	run(t, 0, "deployment import", published)
	require.FileExists(t, first.Deployment)
	require.NoError(t, os.Remove(first.Deployment))
	server := httptest.NewServer(http.FileServer(http.Dir(filepath.Dir(published))))
	defer server.Close()
	run(t, 0, "deployment import", server.URL+"/deployment.json")
	require.FileExists(t, first.Deployment, "imported from a URL")
	_, errOut = run(t, 1, "deployment import", server.URL+"/missing.json")
	require.Contains(t, errOut, "the server answered 404")
	foreign := strings.Replace(string(data), shown.GenesisHash.String(), solana.HashFromBytes(solana.NewWallet().PublicKey().Bytes()).String(), 1)
	require.NoError(t, os.WriteFile(published, []byte(foreign), 0o644))
	_, errOut = run(t, 1, "deployment import", published)
	require.Contains(t, errOut, "nothing imported")
	_, errOut = run(t, 1, "deployment show", "--deployment", published)
	require.Contains(t, errOut, "is for the cluster with genesis hash")
}

// stdout is run's stdout alone.
func stdout(out, _ string) string { return out }

func chainGenesis(t *testing.T, ctx context.Context, chain *localnet.Chain) solana.Hash {
	t.Helper()
	h, err := chain.RPC.GetGenesisHash(ctx)
	require.NoError(t, err)
	return h
}

// TestLocalnetUpDeploysLikeDeploy: `localnet up` deploys and initialises the protocol through
// `ionet deploy`'s code (buffers, chunks, the upgrade authority's initialisations; governance
// left for `gov init`), and on its kept ledger the next `up` finds everything in place.
func TestLocalnetUpDeploysLikeDeploy(t *testing.T) {
	isolate(t)
	ledger := t.TempDir()
	up := func(t *testing.T) (upReport, string, func()) {
		t.Helper()
		ctx, stop := context.WithCancel(testContext(t))
		var stdout, stderr localnettest.SyncBuffer
		exit := make(chan int, 1)
		go func() {
			exit <- runIonet(ctx, &stdout, &stderr, "localnet", "up", "--port", fmt.Sprint(localnettest.FreePortPair(t)), "--ledger", ledger, "--slot-ms", "100", "-o", "json")
		}()
		var report upReport
		require.Eventually(t, func() bool {
			return json.Unmarshal([]byte(stdout.String()), &report) == nil
		}, 90*time.Second, 50*time.Millisecond, "stderr: %s", stderr.String())
		return report, stderr.String(), func() {
			stop()
			require.Equal(t, 0, <-exit, stderr.String())
		}
	}
	report, errOut, stop := up(t)
	for _, name := range deploy.ProgramNames {
		require.Contains(t, errOut, "[program] "+name+": deployed at ")
	}
	require.Contains(t, errOut, "chunks written")
	for _, name := range []string{"staking", "jobs", "emission", "capacity"} {
		require.Contains(t, errOut, "[init] "+name+": initialised")
	}
	require.NotContains(t, errOut, "[init] governance")
	ctx := testContext(t)
	code, out, stderr := ionet(ctx, "emission", "status", "-u", report.RPC, "-o", "json")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, report.IOMint)
	stop()

	_, errOut, stop = up(t)
	defer stop()
	for _, name := range deploy.ProgramNames {
		require.Contains(t, errOut, "[program] "+name+": up to date")
	}
	require.Contains(t, errOut, "[init] staking: already initialised")
	require.NotContains(t, errOut, "chunks written")
}

// TestDeploySBPFv0: the v0 build deploys where the cluster runs it, and `verify` without --sbpf
// recognises it.
func TestDeploySBPFv0(t *testing.T) {
	o := newOperatorChain(t, localnet.Options{Features: localnet.FeaturesDefault})
	ctx, global := o.ctx, o.global()

	code, _, errOut := ionet(ctx, append([]string{"deploy", "--program-keypairs", t.TempDir(), "--sbpf", "v0"}, global...)...)
	require.Equal(t, 0, code, errOut)
	code, out, errOut := ionet(ctx, append([]string{"verify"}, global...)...)
	require.Equal(t, 0, code, errOut)
	v := decode[struct {
		Programs []verifiedProgram `json:"programs"`
	}](t, out)
	for _, p := range v.Programs {
		require.True(t, p.Match, p.Name)
		require.Equal(t, "v0", p.SBPF, p.Name)
	}
	code, _, errOut = ionet(ctx, append([]string{"verify", "--sbpf", "v3"}, global...)...)
	require.Equal(t, 1, code, "asked for v3, the v0 build on chain is a mismatch")
	require.Contains(t, errOut, "the code on chain is not the artefact")
}
