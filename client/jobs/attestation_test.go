package jobs

import (
	"crypto/ed25519"
	"encoding/binary"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The same layout programs/jobs/src/attestation.rs checks.
func TestAttestationMessageLayout(t *testing.T) {
	a := Attestation{ResultHash: sampleBytes(2), StartedTs: 10, EndedTs: -1, MetricsDigest: sampleBytes(3)}
	m := a.Message(localnettest.SampleKey(1), 42)
	require.Len(t, m, AttestationMessageLen)
	require.Equal(t, AttestationDomain, string(m[:16]))
	require.Equal(t, localnettest.SampleKey(1).Bytes(), m[16:48])
	require.Equal(t, uint64(42), binary.LittleEndian.Uint64(m[48:56]))
	require.Equal(t, localnettest.SampleKey(2).Bytes(), m[56:88])
	require.Equal(t, int64(10), int64(binary.LittleEndian.Uint64(m[88:96])))
	require.Equal(t, int64(-1), int64(binary.LittleEndian.Uint64(m[96:104])))
	require.Equal(t, localnettest.SampleKey(3).Bytes(), m[104:])
}

func TestEd25519VerifyInstruction(t *testing.T) {
	device := solana.NewWallet().PrivateKey
	a := Attestation{ResultHash: sampleBytes(2), StartedTs: 1, EndedTs: 2}
	ix, err := SignAttestation(device, localnettest.SampleKey(1), 7, a)
	require.NoError(t, err)
	require.Equal(t, Ed25519ProgramID, ix.ProgramID())
	require.Empty(t, ix.Accounts())
	data, err := ix.Data()
	require.NoError(t, err)
	field := func(i int) int { return int(binary.LittleEndian.Uint16(data[2+2*i:])) }
	require.Equal(t, byte(1), data[0], "one signature")
	for _, i := range []int{1, 3, 6} {
		require.Equal(t, 0xFFFF, field(i), "offsets point into this instruction")
	}
	key := data[field(2) : field(2)+32]
	sig := data[field(0) : field(0)+64]
	msg := data[field(4) : field(4)+field(5)]
	require.Equal(t, device.PublicKey().Bytes(), key)
	require.Equal(t, a.Message(localnettest.SampleKey(1), 7), msg)
	require.True(t, ed25519.Verify(key, msg, sig))

	_, err = Ed25519VerifyInstruction(device.PublicKey(), []byte{1}, msg)
	require.ErrorContains(t, err, "signature has 1 bytes")
}
