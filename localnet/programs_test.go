package localnet

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindPrograms(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "programs"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "keys"), 0o755))
	for _, f := range []string{"staking.so", "staking.v0.so", "jobs.so", "fixture-syscalls.so", "orphan.so"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "programs", f), []byte("elf"), 0o644))
	}
	keySrc := filepath.Join(chainDir(t), "keys", "alice.json")
	key, err := os.ReadFile(keySrc)
	require.NoError(t, err)
	for _, f := range []string{"staking-program.json", "jobs-program.json", "fixture-syscalls-program.json"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "keys", f), key, 0o600))
	}

	found, missing, err := findPrograms(dir)
	require.NoError(t, err)
	var names []string
	for _, p := range found {
		names = append(names, p.Name)
		assert.Equal(t, filepath.Join(dir, "programs", p.Name+".so"), p.SO)
		assert.Equal(t, filepath.Join(dir, "keys", p.Name+"-program.json"), p.Key.Path)
	}
	assert.Equal(t, []string{"jobs", "staking"}, names, "v0 builds and fixtures are never deployed")
	assert.Equal(t, []string{"orphan"}, missing)
}

// A program in localnet/programs with a keypair in localnet/keys is deployed at genesis through
// the upgradeable loader, at its fixed id, with the genesis upgrade authority, and runs. The
// probe is the syscalls test fixture under another name (fixtures themselves are never deployed).
func TestDeploysProgramsAtGenesis(t *testing.T) {
	t.Parallel()
	fixture := filepath.Join(chainDir(t), "programs", "fixture-syscalls.so")
	if _, err := os.Stat(fixture); err != nil {
		t.Skipf("no %s built yet (make programs): %v", fixture, err)
	}
	dir := t.TempDir()
	for _, name := range []string{"node_modules", "server", "package.json"} {
		require.NoError(t, os.Symlink(filepath.Join(chainDir(t), name), filepath.Join(dir, name)))
	}
	require.NoError(t, os.CopyFS(filepath.Join(dir, "keys"), os.DirFS(filepath.Join(chainDir(t), "keys"))))
	probeKey, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "keys", "probe-program.json"), keypairJSON(probeKey), 0o600))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "programs"), 0o755))
	elf, err := os.ReadFile(fixture)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "programs", "probe.so"), elf, 0o644))

	ctx := testContext(t)
	ledger := t.TempDir()
	c, err := Start(ctx, Options{Dir: dir, LedgerDir: ledger})
	require.NoError(t, err)
	id := probeKey.PublicKey()
	assert.Equal(t, map[string]solana.PublicKey{"probe": id}, c.Manifest.Programs)

	acct, err := c.RPC.GetAccountInfo(ctx, id)
	require.NoError(t, err)
	assert.True(t, acct.Value.Executable)
	assert.Equal(t, solana.BPFLoaderUpgradeableProgramID, acct.Value.Owner)
	programData := solana.PublicKeyFromBytes(acct.Value.Data.GetBinary()[4:36])
	pd, err := c.RPC.GetAccountInfoWithOpts(ctx, programData, &rpc.GetAccountInfoOpts{
		DataSlice: &rpc.DataSlice{Offset: ptr(uint64(0)), Length: ptr(uint64(45))}})
	require.NoError(t, err)
	head := pd.Value.Data.GetBinary()
	assert.Equal(t, byte(1), head[12], "an upgrade authority is set")
	assert.Equal(t, c.Manifest.UpgradeAuthority.Pubkey, solana.PublicKeyFromBytes(head[13:45]))

	payer, err := c.NewWallet(ctx, Funding{Lamports: sol})
	require.NoError(t, err)
	input := []byte("ionet")
	tx := chainTx(t, c, []solana.Instruction{solana.NewInstruction(id, nil, input)}, payer)
	res, err := c.RPC.SimulateTransaction(ctx, tx)
	require.NoError(t, err)
	require.Nil(t, res.Value.Err, "logs: %v", res.Value.Logs)
	assert.Contains(t, res.Value.Logs, "Program log: syscalls: start")
	sent, err := c.Client.Send(ctx, payer, []solana.Instruction{solana.NewInstruction(id, nil, input)})
	require.NoError(t, err)
	got, err := c.RPC.GetTransaction(ctx, sent.Signature, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	digest := sha256.Sum256(input)
	assert.Equal(t, id, got.Meta.ReturnData.ProgramId)
	assert.Equal(t, append(digest[:], input...), []byte(got.Meta.ReturnData.Data.Content), "return data: sha256(input) ++ input")
	require.NoError(t, c.Stop())

	// A restart on the ledger keeps the deployed program, and it still runs.
	c, err = Start(ctx, Options{Dir: dir, LedgerDir: ledger})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Stop()) }()
	assert.Equal(t, map[string]solana.PublicKey{"probe": id}, c.Manifest.Programs)
	tx = chainTx(t, c, []solana.Instruction{solana.NewInstruction(id, nil, input)}, payer)
	res, err = c.RPC.SimulateTransaction(ctx, tx)
	require.NoError(t, err)
	require.Nil(t, res.Value.Err, "logs: %v", res.Value.Logs)
	assert.Contains(t, res.Value.Logs, "Program log: syscalls: start")
}

// keypairJSON is a Solana CLI keypair file's content.
func keypairJSON(key solana.PrivateKey) []byte {
	out := []byte{'['}
	for i, b := range key {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendUint(out, uint64(b), 10)
	}
	return append(out, ']')
}
