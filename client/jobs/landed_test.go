package jobs

import (
	"errors"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/internal/clienttest"
	"github.com/ionet-oss/ionet/client/solanax"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// stakingErrors names the staking program's errors for transactions whose top-level
// instruction is staking's.
var stakingErrors = anchor.MustErrors("staking", stakinggen.IDL)

// requireLandedRejected lands ixs without preflight and asserts the program error want (named
// by the program that raised it), that none of watch changed, and that the payer paid only the
// fee (clienttest.RequireLandedRejected), decoding by the failing top-level program.
func requireLandedRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	decode := func(err error) error {
		var txErr *solanax.TxError
		if !errors.As(err, &txErr) || txErr.Instruction < 0 || txErr.Instruction >= len(ixs) {
			return err
		}
		top := ixs[txErr.Instruction].ProgramID()
		if top.Equals(stk.ProgramID) {
			return stakingErrors.Decode(err, top)
		}
		return programErrors.Decode(err, top)
	}
	clienttest.RequireLandedRejected(t, jc.sx, decode, want, watch, payer, ixs, signers...)
}

// deviceAddr is the staking account of device.
func deviceAddr(t testing.TB, device solana.PrivateKey) solana.PublicKey {
	t.Helper()
	addr, err := jc.deviceAddress(device.PublicKey())
	require.NoError(t, err)
	return addr
}

// chainNow is the chain clock (unix seconds).
func chainNow(t testing.TB) int64 {
	t.Helper()
	now, err := emission.ChainTime(clienttest.Context(t), jc.sx.RPC)
	require.NoError(t, err)
	return now
}
