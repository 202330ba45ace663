package jobs

import (
	"encoding/binary"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestCreateJobBumpsChecked: create_job takes the job's and escrow's bumps from the client and
// derives neither address; the runtime checks them when each PDA signs its creation. A wrong
// bump lands and fails, and so does a keypair's account signing in place of either PDA (its own
// signature would pass the runtime's check: a job at a keypair's address would let that key
// move the escrow, which the job owns).
func TestCreateJobBumpsChecked(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	cfg, err := jc.FetchConfig(ctx)
	require.NoError(t, err)
	id := cfg.NextJobId
	job, jobBump, err := jobPDA(jc.ProgramID, id)
	require.NoError(t, err)
	escrow, escrowBump, err := escrowPDA(jc.ProgramID, job)
	require.NoError(t, err)
	keyJob, keyEscrow := solana.NewWallet().PrivateKey, solana.NewWallet().PrivateKey
	keyJobEscrow, _, err := escrowPDA(jc.ProgramID, keyJob.PublicKey())
	require.NoError(t, err)
	hash := specHash(t, "x")

	cases := []struct {
		name                string
		want                string
		job, escrow         solana.PublicKey
		jobBump, escrowBump uint8
		signers             []solana.PrivateKey
	}{
		{"the job's bump wrong", "PrivilegeEscalation", job, escrow, otherBump(t, jobBump, seedJob, binary.LittleEndian.AppendUint64(nil, id)), escrowBump, nil},
		{"the escrow's bump wrong", "PrivilegeEscalation", job, escrow, jobBump, otherBump(t, escrowBump, seedEscrow, job.Bytes()), nil},
		{"a keypair signing in place of the job", "InvalidSeeds", keyJob.PublicKey(), keyJobEscrow, jobBump, escrowBump, []solana.PrivateKey{keyJob}},
		{"a keypair signing in place of the escrow", "InvalidSeeds", job, keyEscrow.PublicKey(), jobBump, escrowBump, []solana.PrivateKey{keyEscrow}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := gen.NewCreateJobInstruction(id, hash, 0, 1, IO, 3600, 1, tc.jobBump, tc.escrowBump,
				buyer.PublicKey(), jc.Config, tc.job, tc.escrow, ioMint, buyerToken, solana.TokenProgramID, solana.SystemProgramID)
			built, err := anchor.At("jobs", jc.ProgramID, ix, err)
			require.NoError(t, err)
			built = asSigners(t, built, tc.signers)
			requireRejected(t, tc.want, []solana.PublicKey{jc.Config, buyerToken, job, escrow}, buyer, []solana.Instruction{built}, tc.signers...)
		})
	}
}

// TestPublishSpecBumpChecked: the same for the spec PDA, created by the first chunk.
func TestPublishSpecBumpChecked(t *testing.T) {
	buyer := newWallet(t, 100*IO, 0)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	job := jobAddr(t, id)
	spec, bump, err := anchor.PDAWithBump(jc.ProgramID, seedSpec, job.Bytes())
	require.NoError(t, err)
	key := solana.NewWallet().PrivateKey
	cases := []struct {
		name    string
		want    string
		spec    solana.PublicKey
		bump    uint8
		signers []solana.PrivateKey
	}{
		{"the spec's bump wrong", "PrivilegeEscalation", spec, otherBump(t, bump, seedSpec, job.Bytes()), nil},
		{"a keypair signing in place of the spec", "InvalidSeeds", key.PublicKey(), bump, []solana.PrivateKey{key}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := gen.NewPublishSpecInstruction(4, 0, []byte("spec"), tc.bump, buyer.PublicKey(), job, tc.spec, solana.SystemProgramID)
			built, err := anchor.At("jobs", jc.ProgramID, ix, err)
			require.NoError(t, err)
			built = asSigners(t, built, tc.signers)
			requireRejected(t, tc.want, []solana.PublicKey{job, spec}, buyer, []solana.Instruction{built}, tc.signers...)
		})
	}
}

// otherBump is the first bump below canonical that gives an off-curve address of seeds: a valid
// bump for another address than the PDA's.
func otherBump(t *testing.T, canonical uint8, seeds ...[]byte) uint8 {
	t.Helper()
	for b := int(canonical) - 1; b >= 0; b-- {
		if _, err := solana.CreateProgramAddress(append(seeds, []byte{uint8(b)}), jc.ProgramID); err == nil {
			return uint8(b)
		}
	}
	t.Fatal("no bump below the canonical one gives an address")
	return 0
}

// asSigners is ix with the accounts of signers marked as signing.
func asSigners(t *testing.T, ix solana.Instruction, signers []solana.PrivateKey) solana.Instruction {
	t.Helper()
	metas := ix.Accounts()
	for _, s := range signers {
		for _, m := range metas {
			if m.PublicKey == s.PublicKey() {
				m.IsSigner = true
			}
		}
	}
	data, err := ix.Data()
	require.NoError(t, err)
	return solana.NewInstruction(ix.ProgramID(), metas, data)
}
