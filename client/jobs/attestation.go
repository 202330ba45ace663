package jobs

import (
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/gagliardetto/solana-go"
)

// Ed25519ProgramID is the ed25519 signature-verification precompile.
var Ed25519ProgramID = solana.MustPublicKeyFromBase58("Ed25519SigVerify111111111111111111111111111")

// AttestationDomain starts every attestation message (16 bytes, NUL-terminated).
const AttestationDomain = "ionet-attest-v1\x00"

// AttestationMessageLen is the canonical message's length.
const AttestationMessageLen = 16 + 32 + 8 + 32 + 8 + 8 + 32

// Attestation is what a device attests about a job it ran.
type Attestation struct {
	ResultHash    [32]byte
	StartedTs     int64
	EndedTs       int64
	MetricsDigest [32]byte
}

// Message is the canonical bytes the device key signs for the job at job with id jobID:
// domain (16) | job address (32) | job id u64 LE | result hash (32) | started i64 LE |
// ended i64 LE | metrics digest (32). The job address binds it to this program and job.
func (a Attestation) Message(job solana.PublicKey, jobID uint64) []byte {
	m := make([]byte, 0, AttestationMessageLen)
	m = append(m, AttestationDomain...)
	m = append(m, job[:]...)
	m = binary.LittleEndian.AppendUint64(m, jobID)
	m = append(m, a.ResultHash[:]...)
	m = binary.LittleEndian.AppendUint64(m, uint64(a.StartedTs))
	m = binary.LittleEndian.AppendUint64(m, uint64(a.EndedTs))
	return append(m, a.MetricsDigest[:]...)
}

// Ed25519 verify instruction layout: a 16-byte header (count 1, padding, seven u16 offsets),
// then the public key, the signature and the message, every offset pointing into this
// instruction's own data (instruction index u16::MAX), as the jobs program requires.
const (
	ed25519HeaderLen = 16
	ed25519KeyAt     = ed25519HeaderLen
	ed25519SigAt     = ed25519KeyAt + ed25519.PublicKeySize
	ed25519MsgAt     = ed25519SigAt + ed25519.SignatureSize
	thisInstruction  = math.MaxUint16
)

// Ed25519VerifyInstruction asks the precompile to verify signature by key over message.
func Ed25519VerifyInstruction(key solana.PublicKey, signature []byte, message []byte) (solana.Instruction, error) {
	if len(signature) != ed25519.SignatureSize {
		return nil, fmt.Errorf("ed25519 verify instruction: signature has %d bytes, want %d", len(signature), ed25519.SignatureSize)
	}
	if ed25519MsgAt+len(message) > math.MaxUint16 {
		return nil, fmt.Errorf("ed25519 verify instruction: message of %d bytes is too long", len(message))
	}
	data := []byte{1, 0}
	for _, v := range []int{ed25519SigAt, thisInstruction, ed25519KeyAt, thisInstruction, ed25519MsgAt, len(message), thisInstruction} {
		data = binary.LittleEndian.AppendUint16(data, uint16(v))
	}
	data = append(data, key[:]...)
	data = append(data, signature...)
	data = append(data, message...)
	return solana.NewInstruction(Ed25519ProgramID, nil, data), nil
}

// SignAttestation signs a's message for the job with deviceKey and returns the verify
// instruction that must come right before submit_attestation.
func SignAttestation(deviceKey solana.PrivateKey, job solana.PublicKey, jobID uint64, a Attestation) (solana.Instruction, error) {
	msg := a.Message(job, jobID)
	sig := ed25519.Sign(ed25519.PrivateKey(deviceKey), msg)
	return Ed25519VerifyInstruction(deviceKey.PublicKey(), sig, msg)
}
