package staking

import (
	"crypto/sha256"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestOpenPositionRefusesAllButTheCanonicalPDA: the SDK's own derivation (sha256 and the curve
// syscall) keeps the position ["position", owner] at its canonical bump, the first off-curve
// address from bump 255 down. Hostile: the address at a lower bump, also off the curve (a second
// position for the owner), and the curve point at bump 255 (no PDA at all). Each lands and fails
// with InvalidSeeds, only the fee moving; the canonical address then opens.
func TestOpenPositionRefusesAllButTheCanonicalPDA(t *testing.T) {
	// An owner whose bump 255 gives a curve point, so its canonical bump is below 255.
	var owner solana.PrivateKey
	var canonical uint8
	for {
		owner = solana.NewWallet().PrivateKey
		_, canonical = mustPositionPDA(t, owner.PublicKey())
		if canonical < 255 {
			break
		}
	}
	seeds := [][]byte{seedPosition, owner.PublicKey().Bytes()}
	lower := lowerBumpAddress(t, canonical, seeds)
	// The hash at bump 255, as the runtime computes it before refusing it as a curve point.
	h := sha256.New()
	for _, s := range append(append([][]byte{}, seeds...), []byte{255}, stk.ProgramID.Bytes(), []byte("ProgramDerivedAddress")) {
		h.Write(s)
	}
	point := solana.PublicKeyFromBytes(h.Sum(nil))
	_, err := solana.CreateProgramAddress(append(append([][]byte{}, seeds...), []byte{255}), stk.ProgramID)
	require.Error(t, err, "bump 255 must be a curve point for this owner")

	localnettest.Prefund(t, chain, owner.PublicKey(), solana.LAMPORTS_PER_SOL/10)
	for name, position := range map[string]solana.PublicKey{
		"the address at a lower off-curve bump": lower,
		"the curve point at bump 255":           point,
	} {
		t.Run(name, func(t *testing.T) {
			ix, err := gen.NewOpenPositionInstruction(owner.PublicKey(), position, solana.SystemProgramID)
			require.NoError(t, err)
			requireRejected(t, "InvalidSeeds", []solana.PublicKey{position}, owner, []solana.Instruction{ix})
		})
	}
	ix, err := stk.OpenPositionInstruction(owner.PublicKey())
	require.NoError(t, err)
	_, err = stk.Send(localnettest.Context(t), owner, []solana.Instruction{ix})
	require.NoError(t, err)
	p, err := stk.FetchPosition(localnettest.Context(t), owner.PublicKey())
	require.NoError(t, err)
	require.Equal(t, owner.PublicKey(), p.Owner)
}

func mustPositionPDA(t *testing.T, owner solana.PublicKey) (solana.PublicKey, uint8) {
	t.Helper()
	addr, bump, err := solana.FindProgramAddress([][]byte{seedPosition, owner.Bytes()}, stk.ProgramID)
	require.NoError(t, err)
	return addr, bump
}

// lowerBumpAddress is the address at the first bump below canonical that is off the curve.
func lowerBumpAddress(t *testing.T, canonical uint8, seeds [][]byte) solana.PublicKey {
	t.Helper()
	for b := int(canonical) - 1; b > 0; b-- {
		if addr, err := solana.CreateProgramAddress(append(append([][]byte{}, seeds...), []byte{uint8(b)}), stk.ProgramID); err == nil {
			return addr
		}
	}
	t.Fatal("no bump below the canonical one gives an address")
	return solana.PublicKey{}
}
