package duties

import (
	"fmt"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// A custom code raised inside the slash CPI is named by the staking IDL, not the jobs error of the
// same number.
func TestJobDutyNamesErrors(t *testing.T) {
	sx := solanax.New("http://127.0.0.1:1", "") // never called: decoding is offline
	stk, err := staking.New(sx, solana.PublicKey{})
	require.NoError(t, err)
	jc, err := jobs.New(sx, solana.PublicKey{}, stk)
	require.NoError(t, err)
	d := NewExpire(jc)
	code := func(table *anchor.Errors, name string) uint32 {
		for _, e := range table.All() {
			if e.Name == name {
				return e.Code
			}
		}
		t.Fatalf("no error %s", name)
		return 0
	}
	for _, tc := range []struct {
		name string
		code uint32
		logs []string
		want string
	}{
		{"a jobs error", code(jobs.Errors, jobsgen.Error_NotExpired), nil, jobsgen.Error_NotExpired},
		{"a staking error from the CPI", code(staking.Errors, stakinggen.Error_SlashExceedsStake), []string{
			"Program " + jc.ProgramID.String() + " invoke [1]",
			"Program " + stk.ProgramID.String() + " invoke [2]",
			"Program " + stk.ProgramID.String() + " failed: custom program error: 0x1",
			"Program " + jc.ProgramID.String() + " failed: custom program error: 0x1",
		}, stakinggen.Error_SlashExceedsStake},
		{"the same code raised by jobs itself", code(staking.Errors, stakinggen.Error_SlashExceedsStake), nil, jobsName(code(staking.Errors, stakinggen.Error_SlashExceedsStake))},
		{"neither", 1, nil, "Custom(1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			program := jc.ProgramID
			err := d.DecodeError(&solanax.TxError{Instruction: 3, Program: &program, IsCustom: true, Custom: tc.code, Logs: tc.logs})
			assert.Equal(t, tc.want, anchor.ErrorName(err))
		})
	}
	assert.True(t, d.IsRace(jobsgen.Error_JobNotFound))
	assert.False(t, d.IsRace(jobsgen.Error_NotExpired))
}

// jobsName is the jobs IDL's name for code, or Custom(code).
func jobsName(code uint32) string {
	for _, e := range jobs.Errors.All() {
		if e.Code == code {
			return e.Name
		}
	}
	return fmt.Sprintf("Custom(%d)", code)
}
