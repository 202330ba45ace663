package cli_test

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// With every program's id given, the clients are made from the overrides alone (nothing is
// asked of the cluster, which does not exist here), once each, the dependent programs reading
// the staking program given.
func TestProgramsFromOverrides(t *testing.T) {
	ids := map[string]solana.PublicKey{}
	overrides := map[string]cli.Override{}
	for i, p := range []string{cli.ProgramStaking, cli.ProgramJobs, cli.ProgramEmission, cli.ProgramCapacity, cli.ProgramGovernance} {
		ids[p] = solana.PublicKey{byte(i + 1)}
		overrides[p] = cli.Override{Text: ids[p].String(), Source: "--" + cli.ProgramFlagName(p)}
	}
	sx := solanax.New("http://127.0.0.1:1", "")
	t.Cleanup(func() { _ = sx.Close() })
	p := cli.NewPrograms(nil, sx, "http://127.0.0.1:1", overrides)

	stk, err := p.Staking()
	require.NoError(t, err)
	assert.Equal(t, ids[cli.ProgramStaking], stk.ProgramID)
	jc, err := p.Jobs()
	require.NoError(t, err)
	assert.Equal(t, ids[cli.ProgramJobs], jc.ProgramID)
	assert.Same(t, stk, jc.Staking, "one staking client")
	em, err := p.Emission()
	require.NoError(t, err)
	assert.Equal(t, ids[cli.ProgramEmission], em.ProgramID)
	assert.Equal(t, ids[cli.ProgramStaking], em.Staking.ProgramID)
	gov, err := p.Governance()
	require.NoError(t, err)
	assert.Equal(t, ids[cli.ProgramGovernance], gov.ProgramID)
	cp, err := p.Capacity()
	require.NoError(t, err)
	assert.Equal(t, ids[cli.ProgramCapacity], cp.ProgramID)
	assert.Equal(t, ids[cli.ProgramStaking], cp.StakingProgram)
	again, err := p.Jobs()
	require.NoError(t, err)
	assert.Same(t, jc, again, "each client is made once")
}

// A program id that does not parse is refused naming where it came from.
func TestProgramsRefuseABadID(t *testing.T) {
	sx := solanax.New("http://127.0.0.1:1", "")
	t.Cleanup(func() { _ = sx.Close() })
	p := cli.NewPrograms(nil, sx, "http://127.0.0.1:1", map[string]cli.Override{
		cli.ProgramStaking: {Text: "nope", Source: "--staking-program"},
	})
	_, err := p.Jobs()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `--staking-program "nope" is not a base58 public key`)
}
