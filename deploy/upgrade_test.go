package deploy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
)

// revised is elf with its security.txt name's last letter replaced by mark: the same program,
// another build (other bytes, another hash), still an ELF the loader accepts.
func revised(t *testing.T, elf []byte, mark byte) []byte {
	t.Helper()
	name := SecurityTxt(elf)["name"]
	require.NotEmpty(t, name, "the build carries a security.txt name")
	field := []byte("name\x00" + name + "\x00")
	at := bytes.Index(elf, field)
	require.GreaterOrEqual(t, at, 0)
	out := bytes.Clone(elf)
	out[at+len(field)-2] = mark
	return out
}

func hashOf(t *testing.T, code []byte) [32]byte {
	t.Helper()
	var h [32]byte
	raw, err := hex.DecodeString(CodeHash(code))
	require.NoError(t, err)
	copy(h[:], raw)
	return h
}

// governedDeployment deploys the protocol with every program's upgrade authority handed to the
// governance PDA, and returns the deployer, its report, its clients and a staker who holds the
// launch supply and staked enough to pass proposals alone.
func governedDeployment(t *testing.T, ctx context.Context) (*Deployer, *Report, *clients, solana.PrivateKey, Plan) {
	t.Helper()
	d := newDeployer(t, ctx, nil)
	params := defaultParams(t, d)
	holder, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	params.Distribution = holder.PublicKey()
	plan := Plan{Programs: freshPrograms(t), Params: params, HandOver: true, HandOverUpgrades: true, Localnet: true, RPC: chain.RPCURL}
	rep, err := d.Run(ctx, plan)
	require.NoError(t, err)
	c, err := d.clients(rep.Deployment.Programs)
	require.NoError(t, err)
	require.NoError(t, chain.Airdrop(ctx, holder.PublicKey(), 10*solana.LAMPORTS_PER_SOL))
	_, err = c.stk.Stake(ctx, holder, 100_000*100_000_000)
	require.NoError(t, err)
	_, err = chain.Warp(ctx, time.Second) // only stake from before a proposal's second votes on it
	require.NoError(t, err)
	return d, rep, c, holder, plan
}

// codeOf is the trimmed code now in program id's ProgramData, and its upgrade authority.
func codeOf(t *testing.T, ctx context.Context, d *Deployer, id solana.PublicKey) (string, *solana.PublicKey) {
	t.Helper()
	pd, err := d.programData(ctx, "program", id)
	require.NoError(t, err)
	return CodeHash(pd.Code), pd.Authority
}

// writeGovernedBuffer writes elf into the buffer keypair key (re-created when closed) and hands
// it to the governance PDA.
func writeGovernedBuffer(t *testing.T, ctx context.Context, d *Deployer, key solana.PrivateKey, name string, elf []byte, authority solana.PublicKey) {
	t.Helper()
	path := bufferKeyFile(d.StateDir, name)
	require.NoError(t, os.RemoveAll(path))
	require.NoError(t, writeKeypair(path, key))
	res, err := d.WriteBuffer(ctx, Program{Name: name, ELF: elf}, authority)
	require.NoError(t, err)
	require.Equal(t, key.PublicKey(), res.Buffer)
	require.Equal(t, CodeHash(elf), res.Hash)
}

// TestUpgradeThroughGovernance: after `--hand-over-upgrades` every program's upgrade authority is
// the governance PDA and the old authority's Upgrade is refused; a proposal upgrades capacity from
// a governed buffer after its vote and timelock, and the new bytes are live; a second proposal
// naming the same buffer address, whose buffer was spent and re-created, is refused at execution
// while governance does not hold it (BufferNotGoverned) and once it holds other code
// (UpgradeHashMismatch), and changes nothing; an outsider's Upgrade and
// execute with another buffer are refused.
func TestUpgradeThroughGovernance(t *testing.T) {
	ctx := testContext(t)
	d, rep, c, holder, plan := governedDeployment(t, ctx)
	gov := c.gov.Governance
	require.Equal(t, ProgramNames, rep.UpgradesHandedOver)
	require.Equal(t, gov, rep.Deployment.UpgradeAuthority, "the deployment records who upgrades now")
	ids := rep.Deployment.Programs
	for _, name := range ProgramNames {
		_, authority := codeOf(t, ctx, d, ids[name])
		require.Equal(t, gov, *authority, name)
	}
	again, err := d.HandOverUpgrades(ctx, ids)
	require.NoError(t, err)
	require.Empty(t, again, "a second hand-over finds them governed")
	plan.HandOver, plan.HandOverUpgrades = false, false
	rerun, err := d.Run(ctx, plan)
	require.NoError(t, err)
	require.False(t, rerun.Changed, "a rerun without the flags changes nothing")
	require.Equal(t, gov, rerun.Deployment.UpgradeAuthority, "and still records governance as the upgrader")

	capacityID := ids["capacity"]
	original, _ := codeOf(t, ctx, d, capacityID)
	elf, err := programELF("capacity")
	require.NoError(t, err)
	buildA, buildB := revised(t, elf, 'A'), revised(t, elf, 'B')

	// The old upgrade authority can no longer change the code.
	_, err = d.WriteBuffer(ctx, Program{Name: "capacity", ELF: buildB}, solana.PublicKey{})
	require.NoError(t, err)
	own, err := cli.LoadKeypair(bufferKeyFile(d.StateDir, "capacity"))
	require.NoError(t, err)
	_, err = d.send(ctx, "upgrade as the old authority", []solana.Instruction{Upgrade(capacityID, own.PublicKey(), d.authority(), d.authority())},
		solanax.WithComputeUnitLimit(deployComputeUnits))
	requireLoaderRefused(t, err, "IncorrectAuthority")
	code, _ := codeOf(t, ctx, d, capacityID)
	require.Equal(t, original, code, "nothing changed")

	// Two proposals name the same governed buffer holding build A.
	bufKey, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	writeGovernedBuffer(t, ctx, d, bufKey, "capacity", buildA, gov)
	buffer := bufKey.PublicKey()
	action, err := governance.UpgradeAction(capacityID, buffer, holder.PublicKey(), hashOf(t, buildA))
	require.NoError(t, err)
	first, created := proposeUpgrade(t, ctx, c, holder, "upgrade capacity", action)
	second, _ := proposeUpgrade(t, ctx, c, holder, "upgrade capacity again", action)

	p, err := c.gov.FetchProposal(ctx, first)
	require.NoError(t, err)
	described, err := governance.DescribeActionsNamed(ctx, nil, map[solana.PublicKey]string{capacityID: "capacity"}, p)
	require.NoError(t, err)
	require.Len(t, described, 1)
	require.Equal(t, CodeHash(buildA), described[0].Upgrade.SHA256)
	require.Contains(t, described[0].Note, "sha256 "+CodeHash(buildA))
	require.Contains(t, described[0].Note, "ionet verify --buffer "+buffer.String()+" --program capacity")

	for _, id := range []uint64{first, second} {
		_, err = c.gov.CastVote(ctx, holder, id, governance.Yes)
		require.NoError(t, err)
	}
	_, err = chain.Warp(ctx, 3*24*time.Hour+time.Second) // the voting period
	require.NoError(t, err)
	for _, id := range []uint64{first, second} {
		_, err = c.gov.Finalize(ctx, holder, id)
		require.NoError(t, err)
	}
	_, err = c.gov.Execute(ctx, holder, first)
	require.Equal(t, govgen.Error_TimelockNotElapsed, governance.ErrorName(err), "%v", err)
	_, err = chain.Warp(ctx, 24*time.Hour+time.Second) // the timelock
	require.NoError(t, err)

	// execute with another buffer than the proposal's is refused.
	p, err = c.gov.FetchProposal(ctx, first)
	require.NoError(t, err)
	ix, err := c.gov.ExecuteInstruction(p)
	require.NoError(t, err)
	swapped := swapAccount(ix, buffer, own.PublicKey())
	_, err = c.gov.Send(ctx, holder, []solana.Instruction{swapped})
	require.Equal(t, govgen.Error_ActionAccountMismatch, governance.ErrorName(err), "%v", err)

	spillBefore, err := chain.RPC.GetBalance(ctx, holder.PublicKey(), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	executed, err := c.gov.Execute(ctx, holder, first)
	require.NoError(t, err)
	logComputeUnits(t, ctx, len(buildA), created, executed)
	require.NoError(t, d.nextSlot(ctx))
	code, authority := codeOf(t, ctx, d, capacityID)
	require.Equal(t, CodeHash(buildA), code, "build A is live")
	require.Equal(t, gov, *authority, "governance keeps the upgrades")
	pd, err := d.programData(ctx, "capacity", capacityID)
	require.NoError(t, err)
	require.Equal(t, SecurityTxt(buildA)["name"], SecurityTxt(pd.Code)["name"])
	accts, err := d.accounts(ctx, buffer)
	require.NoError(t, err)
	require.Nil(t, accts[0], "the loader closed the spent buffer")
	spillAfter, err := chain.RPC.GetBalance(ctx, holder.PublicKey(), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	require.Greater(t, spillAfter.Value, spillBefore.Value, "the buffer's rent went to the spill (less the fee)")
	p, err = c.gov.FetchProposal(ctx, first)
	require.NoError(t, err)
	require.Equal(t, governance.Executed, governance.State(p.State))

	// The spent buffer's address holds the proposal's code again, but governance does not hold it.
	writeGovernedBuffer(t, ctx, d, bufKey, "capacity", buildA, d.authority())
	_, err = c.gov.Execute(ctx, holder, second)
	require.Equal(t, govgen.Error_BufferNotGoverned, governance.ErrorName(err), "%v", err)
	code, _ = codeOf(t, ctx, d, capacityID)
	require.Equal(t, CodeHash(buildA), code, "nothing changed")
	_, err = d.send(ctx, "close the buffer", []solana.Instruction{CloseBuffer(buffer, d.authority(), d.authority())})
	require.NoError(t, err)

	// Then other code (build B), held by governance as before.
	writeGovernedBuffer(t, ctx, d, bufKey, "capacity", buildB, gov)
	_, err = c.gov.Execute(ctx, holder, second)
	require.Equal(t, govgen.Error_UpgradeHashMismatch, governance.ErrorName(err), "%v", err)
	code, _ = codeOf(t, ctx, d, capacityID)
	require.Equal(t, CodeHash(buildA), code, "nothing changed")
	p, err = c.gov.FetchProposal(ctx, second)
	require.NoError(t, err)
	require.Equal(t, governance.Succeeded, governance.State(p.State))
	accts, err = d.accounts(ctx, buffer)
	require.NoError(t, err)
	require.NotNil(t, accts[0], "the buffer stays")

	// An outsider's Upgrade with a buffer of its own.
	outsider, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	require.NoError(t, chain.Airdrop(ctx, outsider.PublicKey(), 10*solana.LAMPORTS_PER_SOL))
	od := &Deployer{Client: chain.Client, Authority: outsider, StateDir: t.TempDir(), Concurrency: 16}
	_, err = od.WriteBuffer(ctx, Program{Name: "capacity", ELF: buildB}, solana.PublicKey{})
	require.NoError(t, err)
	theirs, err := cli.LoadKeypair(bufferKeyFile(od.StateDir, "capacity"))
	require.NoError(t, err)
	_, err = od.send(ctx, "an outsider's upgrade", []solana.Instruction{Upgrade(capacityID, theirs.PublicKey(), outsider.PublicKey(), outsider.PublicKey())},
		solanax.WithComputeUnitLimit(deployComputeUnits))
	requireLoaderRefused(t, err, "IncorrectAuthority")
	code, _ = codeOf(t, ctx, d, capacityID)
	require.Equal(t, CodeHash(buildA), code, "nothing changed")
}

// TestUpgradeProposalChecks: create_proposal refuses an upgrade action whose ProgramData is
// another program's, whose buffer governance does not hold, whose hash is not the buffer's, whose
// program governance does not upgrade, or whose accounts are malformed; each with its error
// name, and no proposal is made.
func TestUpgradeProposalChecks(t *testing.T) {
	ctx := testContext(t)
	d, rep, c, holder, _ := governedDeployment(t, ctx)
	gov := c.gov.Governance
	ids := rep.Deployment.Programs
	elf, err := programELF("capacity")
	require.NoError(t, err)
	build := revised(t, elf, 'C')
	hash := hashOf(t, build)

	governed, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	writeGovernedBuffer(t, ctx, d, governed, "capacity", build, gov)
	mine, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	writeGovernedBuffer(t, ctx, d, mine, "capacity", build, d.authority()) // still the operator's

	// A program deployed beside the protocol, still upgraded by the operator.
	other := Program{Name: "governance", ELF: mustELF(t, "governance"), Keypair: mustKey(t)}
	_, err = d.ensureProgram(ctx, other)
	require.NoError(t, err)

	upgrade := func(program, buffer solana.PublicKey, hash [32]byte) govgen.ProposalAction {
		a, err := governance.UpgradeAction(program, buffer, holder.PublicKey(), hash)
		require.NoError(t, err)
		return a
	}
	wrongPD := upgrade(ids["capacity"], governed.PublicKey(), hash)
	wrongPD.Accounts[0].Pubkey = ProgramDataAddress(ids["jobs"])
	spillIsBuffer := upgrade(ids["capacity"], governed.PublicKey(), hash)
	spillIsBuffer.Accounts[3].Pubkey = governed.PublicKey()
	readOnly := upgrade(ids["capacity"], governed.PublicKey(), hash)
	readOnly.Accounts[2].IsWritable = false
	otherIx := upgrade(ids["capacity"], governed.PublicKey(), hash)
	otherIx.Data[0] = 5 // the loader's Close

	for name, tc := range map[string]struct {
		action govgen.ProposalAction
		want   string
	}{
		"ProgramData of another program": {wrongPD, govgen.Error_UpgradeWrongProgramData},
		"buffer not held by governance":  {upgrade(ids["capacity"], mine.PublicKey(), hash), govgen.Error_BufferNotGoverned},
		"hash not the buffer's":          {upgrade(ids["capacity"], governed.PublicKey(), hashOf(t, elf)), govgen.Error_UpgradeHashMismatch},
		"program not governed":           {upgrade(other.ID(), governed.PublicKey(), hash), govgen.Error_ProgramNotGoverned},
		"spill is the buffer":            {spillIsBuffer, govgen.Error_UpgradeActionMalformed},
		"read-only buffer":               {readOnly, govgen.Error_UpgradeActionMalformed},
		"another loader instruction":     {otherIx, govgen.Error_UpgradeActionMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			before, err := c.gov.FetchGovernance(ctx)
			require.NoError(t, err)
			_, _, err = c.gov.CreateProposal(ctx, holder, governance.Proposal{Title: name, Actions: []govgen.ProposalAction{tc.action}})
			require.Equal(t, tc.want, governance.ErrorName(err), "%v", err)
			after, err := c.gov.FetchGovernance(ctx)
			require.NoError(t, err)
			require.Equal(t, before.ProposalCount, after.ProposalCount, "no proposal was made")
		})
	}
}

func proposeUpgrade(t *testing.T, ctx context.Context, c *clients, proposer solana.PrivateKey, title string, action govgen.ProposalAction) (uint64, *solanax.Result) {
	t.Helper()
	text := []byte(title)
	id, res, err := c.gov.CreateProposal(ctx, proposer, governance.Proposal{Title: title, URI: "https://gov.example/" + title,
		DescriptionHash: sha256.Sum256(text), Actions: []govgen.ProposalAction{action}})
	require.NoError(t, err)
	return id, res
}

// swapAccount is ix with every meta of key from replaced by to.
func swapAccount(ix solana.Instruction, from, to solana.PublicKey) solana.Instruction {
	var metas solana.AccountMetaSlice
	for _, m := range ix.Accounts() {
		m := *m
		if m.PublicKey.Equals(from) {
			m.PublicKey = to
		}
		metas = append(metas, &m)
	}
	data, _ := ix.Data()
	return solana.NewInstruction(ix.ProgramID(), metas, data)
}

// requireLoaderRefused checks that the loader refused a transaction with the instruction error
// named want.
func requireLoaderRefused(t *testing.T, err error, want string) {
	t.Helper()
	var txErr *solanax.TxError
	require.True(t, errors.As(err, &txErr), "a transaction error: %v", err)
	require.Contains(t, string(txErr.Err), want)
}

func programELF(name string) ([]byte, error) { return localnet.ProgramELF(name, false) }

func mustELF(t *testing.T, name string) []byte {
	t.Helper()
	elf, err := programELF(name)
	require.NoError(t, err)
	return elf
}

func mustKey(t *testing.T) solana.PrivateKey {
	t.Helper()
	key, err := solana.NewRandomPrivateKey()
	require.NoError(t, err)
	return key
}

// logComputeUnits prints what create_proposal and execute of one upgrade cost (README).
func logComputeUnits(t *testing.T, ctx context.Context, size int, created, executed *solanax.Result) {
	t.Helper()
	c, err := chain.Client.TransactionDetails(ctx, created.Signature)
	require.NoError(t, err)
	e, err := chain.Client.TransactionDetails(ctx, executed.Signature)
	require.NoError(t, err)
	t.Logf("upgrade of a %d-byte program: create_proposal %d CU, execute %d CU", size, c.ComputeUnits, e.ComputeUnits)
}
