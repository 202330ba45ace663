package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The samples of programs-idl/samples/jobs.mjs, built with the Go encoders. Their bytes must
// equal what the official Anchor TS coder produced (programs-idl/golden/jobs.json).

func sampleBytes(i byte) [32]byte { return localnettest.SampleKey(i) }

func sampleParams() gen.Params {
	return gen.Params{
		Authority: localnettest.SampleKey(1), Arbiter: localnettest.SampleKey(2), ReservationFeeBps: 25, UsdcFeeBps: 200,
		ChallengeWindowSeconds: 3600, ExpiryGraceSeconds: -1, ExpiryPenalty: 5_000_000_000,
		FraudPenalty: ^uint64(0), MinBondBps: 500, MinCheckerStake: 10_000_000_000,
		AuditRateBps: 1_000, AuditFeeBps: 5_000, VerdictSeconds: 3_600, CheckerMissPenalty: 2_000_000_000, CheckerMinorityPenalty: 5_000_000_000,
	}
}

func goldenEncodings(t *testing.T) map[string][]byte {
	stk, err := staking.New(nil, localnettest.SampleKey(20))
	require.NoError(t, err)
	c, err := New(nil, gen.ProgramID, stk)
	require.NoError(t, err)
	k := localnettest.SampleKey
	ixData := localnettest.InstructionData(t)
	job := gen.Job{
		Id: 42, Buyer: k(1), Mint: k(2), Escrow: k(3), SpecHash: sampleBytes(5), DeviceKey: k(6),
		Device: k(7), Worker: k(8), Challenger: k(9), ResultHash: sampleBytes(11), MetricsDigest: sampleBytes(12),
		PricePerHour: 250_000_000, MaxDurationSeconds: 10_800, Escrowed: 751_875_000, FeeBps: 25, Bond: 1, GpuCount: 8,
		CreatedTs: 1_700_000_000, ClaimedTs: 1_700_000_001, StartedTs: 1_700_000_002, EndedTs: 1_700_000_003, WindowEndTs: -4,
		AttestedSlot: 4242, GpuClass: 3, State: 2, Bump: 250, EscrowBump: 249, Failed: 1, Audit: 2, AuditExempt: 1,
	}
	config := gen.JobsConfig{
		Authority: k(1), Arbiter: k(2), IoMint: k(3), UsdcMint: k(4), IoTreasury: k(5), UsdcTreasury: k(6), StakingProgram: k(7), CheckerVault: k(8),
		ReservationFeeBps: 25, UsdcFeeBps: 200, ChallengeWindowSeconds: 3600, ExpiryGraceSeconds: 600, ExpiryPenalty: 5_000_000_000,
		FraudPenalty: 20_000_000_000, MinBondBps: 500, MinCheckerStake: 10_000_000_000, NextJobId: ^uint64(0),
		AuditRateBps: 1_000, AuditFeeBps: 5_000, VerdictSeconds: 3_600, CheckerMissPenalty: 2_000_000_000, CheckerMinorityPenalty: 5_000_000_000,
		Bump: 255, IoTreasuryBump: 254, UsdcTreasuryBump: 253, CheckerVaultBump: 252, RegistryBump: 251,
	}
	terms := Terms{SpecHash: sampleBytes(7), GPUClass: 3, GPUCount: 8, PricePerHour: 250_000_000, MaxDurationSeconds: 10_800, AuditExempt: true}
	att := Attestation{ResultHash: sampleBytes(9), StartedTs: 1_700_000_000, EndedTs: -2, MetricsDigest: sampleBytes(10)}
	return map[string][]byte{
		"instruction/initialize":         ixData(c.InitializeInstruction(k(1), k(2), k(3), sampleParams())),
		"instruction/update_params":      ixData(c.UpdateParamsInstruction(k(1), sampleParams())),
		"instruction/check_params":       ixData(c.CheckParamsInstruction(k(1), sampleParams())),
		"instruction/create_job":         ixData(c.CreateJobInstruction(k(1), k(2), k(3), 42, terms)),
		"instruction/cancel_job":         ixData(c.CancelJobInstruction(&job)),
		"instruction/claim_job":          ixData(c.ClaimJobInstruction(42, k(6))),
		"instruction/submit_attestation": ixData(c.SubmitAttestationInstruction(42, att)),
		"instruction/attest_failure":     ixData(c.AttestFailureInstruction(&job, att)),
		"instruction/publish_spec":       ixData(gen.NewPublishSpecInstruction(1000, 400, []byte("ionet spec"), 253, k(1), k(2), k(3), k(4))),
		"instruction/close_spec":         ixData(c.CloseSpecInstruction(&job, false)),
		"instruction/extend_job":         ixData(c.ExtendJobInstruction(&job, 7_200)),
		"instruction/settle_job":         ixData(c.SettleJobInstruction(&job, k(5))),
		"instruction/expire_job":         ixData(c.ExpireJobInstruction(&job, k(3), k(4), staking.BurnLedger{Program: k(7), State: k(8)})),
		"instruction/challenge_job":      ixData(c.ChallengeJobInstruction(k(9), k(10), &job, 123_456_789)),
		"instruction/resolve_challenge":  ixData(c.ResolveChallengeInstruction(k(2), &job, k(5), k(3), k(4), true, staking.BurnLedger{Program: k(7), State: k(8)})),
		"instruction/register_checker":   ixData(c.RegisterCheckerInstruction(k(1), k(2), k(5), 3, 10_000_000_000)),
		"instruction/draw_audit":         ixData(c.DrawAuditInstruction(k(1), 42)),
		"instruction/submit_verdict":     ixData(c.SubmitVerdictInstruction(k(5), k(1), 42, sampleBytes(9))),
		"instruction/reveal_verdict":     ixData(c.RevealVerdictInstruction(k(5), k(1), 42, sampleBytes(10))),
		"instruction/escalate_audit":     ixData(c.EscalateAuditInstruction(k(5), k(1), 42)),
		"account/Checker": localnettest.WithDiscriminator(t, gen.Account_Checker, gen.Checker{
			Owner: k(1), VerdictKey: k(2), Stake: 10_000_000_000, Rewards: 7, UnlockTs: -1, OpenAudits: 2, Classes: 5,
		}),
		"account/Audit": localnettest.WithDiscriminator(t, gen.Account_Audit, gen.Audit{
			Job: k(1), Device: k(2), Worker: k(3), Payer: k(4), Seed: sampleBytes(5), Checkers: [3]solana.PublicKey{k(6), k(7), k(0)},
			Results: [3][32]uint8{sampleBytes(8), sampleBytes(9), sampleBytes(0)}, Excluded: [8]solana.PublicKey{k(10)},
			Commitments: [3][32]uint8{sampleBytes(11), sampleBytes(12), sampleBytes(0)},
			Draws:       3, SeedSlot: 4243, Deadlines: [3]int64{1_700_000_000, -1, 0}, Needed: 3, Reason: 1, Verdicts: [3]uint8{2, 1, 3},
			ExcludedCount: 1, Seeded: 1, Seen: [3]uint8{0, 1, 3},
		}),
		"event/AuditDrawn":       localnettest.WithDiscriminator(t, gen.Event_AuditDrawn, gen.AuditDrawn{JobId: 42, Selected: 1}),
		"event/CheckerAssigned":  localnettest.WithDiscriminator(t, gen.Event_CheckerAssigned, gen.CheckerAssigned{JobId: 42, Checker: k(6), Slot: 2, Deadline: 1_700_000_300}),
		"event/CheckerSkipped":   localnettest.WithDiscriminator(t, gen.Event_CheckerSkipped, gen.CheckerSkipped{JobId: 42, Checker: k(7)}),
		"event/VerdictSubmitted": localnettest.WithDiscriminator(t, gen.Event_VerdictSubmitted, gen.VerdictSubmitted{JobId: 42, Checker: k(6), Slot: 1}),
		"event/CheckerPenalized": localnettest.WithDiscriminator(t, gen.Event_CheckerPenalized, gen.CheckerPenalized{JobId: 42, Checker: k(6), Amount: 5_000_000_000, Reason: 1}),
		"account/JobsConfig":     localnettest.WithDiscriminator(t, gen.Account_JobsConfig, config),
		"account/JobSpec":        localnettest.WithDiscriminator(t, gen.Account_JobSpec, gen.JobSpec{Job: k(1), Buyer: k(2), Len: 1000, Written: 400, Bump: 251}),
		"account/Job":            localnettest.WithDiscriminator(t, gen.Account_Job, job),
		"event/JobCreated":       localnettest.WithDiscriminator(t, gen.Event_JobCreated, gen.JobCreated{JobId: 42, Buyer: k(1), Mint: k(2), Escrowed: 751_875_000}),
		"event/JobClaimed":       localnettest.WithDiscriminator(t, gen.Event_JobClaimed, gen.JobClaimed{JobId: 42, DeviceKey: k(6)}),
		"event/JobAttested":      localnettest.WithDiscriminator(t, gen.Event_JobAttested, gen.JobAttested{JobId: 42, ResultHash: sampleBytes(11), StartedTs: 1_700_000_002, EndedTs: 1_700_000_003}),
		"event/JobExtended":      localnettest.WithDiscriminator(t, gen.Event_JobExtended, gen.JobExtended{JobId: 42, MaxDurationSeconds: 18_000, Escrowed: 1_253_125_000, Added: 501_250_000}),
		"event/JobFailed":        localnettest.WithDiscriminator(t, gen.Event_JobFailed, gen.JobFailed{JobId: 42, DeviceKey: k(6), Refunded: 751_875_000, StartedTs: 1_700_000_002, EndedTs: -3}),
		"event/JobChallenged":    localnettest.WithDiscriminator(t, gen.Event_JobChallenged, gen.JobChallenged{JobId: 42, Challenger: k(9), Bond: 1}),
		"event/JobClosed": localnettest.WithDiscriminator(t, gen.Event_JobClosed, gen.JobClosed{
			JobId: 42, Outcome: uint8(OutcomeChallengeRejected), Paid: 250_000_000, Fee: 625_000, Refunded: 501_250_000, Bond: 1,
		}),
	}
}

func TestGoldenEncodings(t *testing.T) {
	localnettest.RequireGolden(t, "jobs", goldenEncodings(t))
}

// The decoders read the TS coder's bytes back into the same values.
func TestGoldenDecodings(t *testing.T) {
	ours := goldenEncodings(t)
	job, err := gen.ParseAccount_Job(ours["account/Job"])
	require.NoError(t, err)
	require.Equal(t, int64(-4), job.WindowEndTs)
	require.Equal(t, uint8(StateAttested), job.State)
	require.Len(t, ours["account/Job"], jobAccountLen)
	ev, err := gen.ParseAnyEvent(ours["event/JobClosed"])
	require.NoError(t, err)
	require.Equal(t, &gen.JobClosed{JobId: 42, Outcome: 4, Paid: 250_000_000, Fee: 625_000, Refunded: 501_250_000, Bond: 1}, ev)
}
