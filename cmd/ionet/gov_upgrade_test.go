package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/deploy"
	"github.com/ionet-oss/ionet/localnet"
)

// TestGovUpgradeCommands walks README's upgrade-by-proposal steps on a bare localnet: `deploy
// --hand-over --hand-over-upgrades`, `gov propose upgrade` with a .so (its buffer written and
// handed to governance), `gov show` with the hash, `verify --buffer` against the new artefacts
// (and refused against the old), vote, finalize, execute after the timelock, `verify` of the new
// code; a plain `deploy` of the old build is refused, saying to propose the upgrade.
func TestGovUpgradeCommands(t *testing.T) {
	o := newOperatorChain(t, localnet.Options{})
	ctx, chain, programKeys, run := o.ctx, o.chain, o.programKeys, o.run
	warp := func(d time.Duration) {
		_, err := chain.Warp(ctx, d)
		require.NoError(t, err)
	}

	type deployed struct {
		UpgradesHandedOver []string `json:"upgradesHandedOver"`
	}
	rep := decode[deployed](t, stdout(run(t, 0, "deploy", "--program-keypairs", programKeys, "--hand-over", "--hand-over-upgrades")))
	require.Equal(t, deploy.ProgramNames, rep.UpgradesHandedOver)
	run(t, 0, "stake", "100000")
	warp(time.Second)

	// The proposed release: capacity changed (its security.txt name), the rest as built in.
	release := t.TempDir()
	var newHash string
	for _, name := range deploy.ProgramNames {
		elf, err := localnet.ProgramELF(name, false)
		require.NoError(t, err)
		if name == "capacity" {
			at := bytes.Index(elf, []byte("name\x00ionet capacity\x00"))
			require.GreaterOrEqual(t, at, 0)
			elf = bytes.Clone(elf)
			elf[at+len("name\x00ionet capacit")] = 'Y'
			newHash = deploy.CodeHash(elf)
		}
		require.NoError(t, os.WriteFile(filepath.Join(release, name+".so"), elf, 0o644))
	}

	type proposed struct {
		ID     uint64 `json:"id"`
		Buffer string `json:"buffer"`
		SHA256 string `json:"sha256"`
	}
	p := decode[proposed](t, stdout(run(t, 0, "gov propose upgrade", "--program", "capacity", "--buffer", filepath.Join(release, "capacity.so"), "--state", t.TempDir())))
	require.Equal(t, newHash, p.SHA256)

	type shown struct {
		Actions []governance.ActionDescription `json:"actions"`
	}
	s := decode[shown](t, stdout(run(t, 0, "gov show", "0")))
	require.Len(t, s.Actions, 1)
	require.Equal(t, "capacity", s.Actions[0].Program)
	require.Equal(t, newHash, s.Actions[0].Upgrade.SHA256)
	code, human, _ := ionet(ctx, "gov", "show", "0", "--url", chain.RPCURL)
	require.Equal(t, 0, code)
	require.Contains(t, human, "sha256 "+newHash)

	type bufferChecked struct {
		Match bool `json:"match"`
	}
	checked := decode[bufferChecked](t, stdout(run(t, 0, "verify", "--buffer", p.Buffer, "--program", "capacity", "--artifacts", release)))
	require.True(t, checked.Match, "the buffer holds the release's capacity")
	_, errOut := run(t, 1, "verify", "--buffer", p.Buffer, "--program", "capacity")
	require.Contains(t, errOut, "does not hold the capacity build", "not the build inside this ionet")

	run(t, 0, "gov vote", "0", "yes")
	warp(3*24*time.Hour + time.Second)
	run(t, 0, "gov finalize", "0")
	_, errOut = run(t, 1, "gov execute", "0")
	require.Contains(t, errOut, "when its timelock ends")
	warp(24*time.Hour + time.Second)
	run(t, 0, "gov execute", "0")
	time.Sleep(200 * time.Millisecond) // the upgraded code is live from the next slot

	type verified struct {
		Programs []verifiedProgram `json:"programs"`
	}
	v := decode[verified](t, stdout(run(t, 0, "verify", "--artifacts", release, "--sbpf", "v3")))
	for _, prog := range v.Programs {
		require.True(t, prog.Match, prog.Name)
		if prog.Name == "capacity" {
			require.Equal(t, newHash, prog.OnChain, "the proposal's code is live")
			require.Equal(t, newHash, prog.Recorded, "execute recorded it in the deployment file")
		}
	}
	_, errOut = run(t, 1, "deploy", "--program-keypairs", programKeys)
	require.Contains(t, errOut, "gov propose upgrade", "a plain deploy cannot change governed code")
}
