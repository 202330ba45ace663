package jobs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// cpiCost is the runtime's fixed charge to the caller for each cross-program invocation.
const cpiCost = 1000

// TestComputeUnits runs every instruction once, alone in its transaction (submit_attestation
// with its ed25519 verify instruction), and reports the compute units each consumed
// (transaction meta computeUnitsConsumed, SPL Token and staking CPIs included) and the jobs
// program's own (less what its CPIs consumed, from the logs) less the runtime's 1,000 per CPI:
// issue 19's measure, for the audit instructions the CLI walk of programs/COMPUTE_UNITS.md does
// not run. Run with -v to see the table.
func TestComputeUnits(t *testing.T) {
	ctx := localnettest.Context(t)
	type row struct {
		name    string
		cu, own int64 // the most of each over the runs
	}
	var rows []*row
	byName := map[string]*row{}
	measure := func(name string, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
		t.Helper()
		res, err := jc.Send(ctx, payer, ixs, signers...)
		require.NoError(t, err)
		own, total := ownLessCPIs(t, res)
		r := byName[name]
		if r == nil {
			r = &row{name: name}
			byName[name] = r
			rows = append(rows, r)
		}
		r.cu, r.own = max(r.cu, total), max(r.own, own)
	}
	buyer := newWallet(t, 1_000*IO, 1_000*USDC)
	owner := newWallet(t, 5_000*IO, 0)
	device := newDevice(t, owner, "H100", 1, 3_000*IO)
	buyerIO := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	next := func() uint64 {
		cfg, err := jc.FetchConfig(ctx)
		require.NoError(t, err)
		return cfg.NextJobId
	}
	terms := Terms{SpecHash: specHash(t, "cu"), GPUClass: classIndex(t, "H100"), GPUCount: 1, PricePerHour: IO, MaxDurationSeconds: 3600, AuditExempt: true}
	create := func(name string) uint64 {
		id := next()
		measure(name, buyer, localnettest.MustIx(t)(jc.CreateJobInstruction(buyer.PublicKey(), buyerIO, ioMint, id, terms)))
		return id
	}
	claim := func(name string, id uint64) {
		measure(name, owner, localnettest.MustIx(t)(jc.ClaimJobInstruction(id, device.PublicKey())), device)
	}
	attest := func(name string, id uint64) {
		warp(t, 60)
		ixs, err := jc.SubmitAttestationInstructions(device, id, attestation(t, id, 60))
		require.NoError(t, err)
		measure(name, owner, ixs)
	}

	id := create("create_job")
	claim("claim_job", id)
	attest("submit_attestation + ed25519", id)
	warp(t, testWindow)
	measure("settle_job", owner, localnettest.MustIx(t)(jc.SettleJobInstruction(fetchJob(t, id), fixed.IOTreasury)))

	id = create("create_job")
	measure("cancel_job", buyer, localnettest.MustIx(t)(jc.CancelJobInstruction(fetchJob(t, id))))

	id = create("create_job")
	claim("claim_job", id)
	warp(t, 3600+testGrace+1)
	measure("expire_job (release, slash CPIs)", owner, localnettest.MustIx(t)(jc.ExpireJobInstruction(fetchJob(t, id), ioMint, fixed.IOTreasury, fixed.Ledger)))

	for _, fraud := range []bool{false, true} {
		id = create("create_job")
		claim("claim_job", id)
		attest("submit_attestation + ed25519", id)
		job := fetchJob(t, id)
		measure("challenge_job", buyer, localnettest.MustIx(t)(jc.ChallengeJobInstruction(buyer.PublicKey(), buyerIO, job, job.Escrowed)))
		name := "resolve_challenge (settle)"
		if fraud {
			name = "resolve_challenge (fraud)"
		}
		measure(name, arbiter, localnettest.MustIx(t)(jc.ResolveChallengeInstruction(arbiter.PublicKey(), fetchJob(t, id), fixed.IOTreasury, ioMint, buyerIO, fraud, fixed.Ledger)))
	}
	id = create("create_job")
	claim("claim_job", id)
	attest("submit_attestation + ed25519", id)
	measure("challenge_job", buyer, localnettest.MustIx(t)(jc.ChallengeJobInstruction(buyer.PublicKey(), buyerIO, fetchJob(t, id), fetchJob(t, id).Escrowed)))
	warp(t, ResolutionWindowSeconds+1)
	measure("lapse_challenge", owner, localnettest.MustIx(t)(jc.LapseChallengeInstruction(fetchJob(t, id), fixed.IOTreasury)))
	measure("update_params", arbiter, localnettest.MustIx(t)(jc.UpdateParamsInstruction(arbiter.PublicKey(), testParams(arbiter.PublicKey()))))

	// Audits: three H100 checkers; an honest job confirmed by one, a forged one convicted by two.
	var checkers []checkerKeys
	for i := range 3 {
		k := checkerKeys{owner: newWallet(t, 2*testChecker, 0), verdict: solana.NewWallet().PrivateKey}
		measure("register_checker", k.owner, localnettest.MustIx(t)(jc.RegisterCheckerInstruction(k.key(), ioToken(t, k.key()), k.verdict.PublicKey(), ClassBit(terms.GPUClass), testChecker+uint64(i))))
		t.Cleanup(func() { leaveIfRegistered(t, k.owner) })
		checkers = append(checkers, k)
	}
	terms.AuditExempt = false
	audited := func(result [32]byte) uint64 {
		id := create("create_job")
		claim("claim_job", id)
		warp(t, 60)
		a := attestation(t, id, 60)
		a.ResultHash = SealResult(result)
		ixs, err := jc.SubmitAttestationInstructions(device, id, a)
		require.NoError(t, err)
		measure("submit_attestation + ed25519", owner, ixs)
		for _, ok, err := jc.PredictDraw(ctx, id); !ok; _, ok, err = jc.PredictDraw(ctx, id) {
			require.NoError(t, err)
		}
		measure("draw_audit (selected)", buyer, localnettest.MustIx(t)(jc.DrawAuditInstruction(buyer.PublicKey(), id)))
		return id
	}
	assignAndVote := func(id uint64, result [32]byte) {
		job, audit := fetchJob(t, id), fetchAudit(t, id)
		pick, ok, err := jc.NextPick(ctx, job, audit)
		require.NoError(t, err)
		require.True(t, ok)
		measure("assign_checker", owner, localnettest.MustIx(t)(jc.AssignCheckerInstruction(job, audit, pick)))
		k := byKey(t, pick, checkers...)
		measure("submit_verdict", k.owner, localnettest.MustIx(t)(jc.SubmitVerdictInstruction(k.verdict.PublicKey(), pick, id, VerdictCommitment(result, pick))), k.verdict)
		committed.Store(commitKey{id, pick}, committedVerdict{k, result})
		if fetchAudit(t, id).Needed == 1 && !Opens(result, job.ResultHash) {
			measure("escalate_audit", k.owner, localnettest.MustIx(t)(jc.EscalateAuditInstruction(k.verdict.PublicKey(), pick, id)), k.verdict)
			return
		}
		for a := fetchAudit(t, id); AllCommitted(a); a = fetchAudit(t, id) {
			slot := -1
			for i := range a.Checkers {
				if a.Verdicts[i] == VerdictCommitted {
					slot = i
					break
				}
			}
			if slot < 0 {
				break
			}
			v, ok := committed.Load(commitKey{id, a.Checkers[slot]})
			require.True(t, ok)
			cv := v.(committedVerdict)
			measure("reveal_verdict", cv.k.owner, localnettest.MustIx(t)(jc.RevealVerdictInstruction(cv.k.verdict.PublicKey(), cv.k.key(), id, cv.digest)), cv.k.verdict)
		}
	}
	honest := specHash(t, "result")
	id = audited(honest)
	assignAndVote(id, honest)
	for _, k := range checkers {
		_, err := jc.sx.Send(ctx, owner, []solana.Instruction{mustATA(t, owner.PublicKey(), k.key())})
		require.NoError(t, err)
	}
	measure("settle_audited (1 checker)", owner, localnettest.MustIx(t)(jc.SettleAuditedInstruction(fetchJob(t, id), fetchAudit(t, id), fixed.IOTreasury)))
	id = audited(specHash(t, "forged"))
	assignAndVote(id, honest)
	assignAndVote(id, honest)
	assignAndVote(id, honest)
	measure("convict_audited (slash CPI)", owner, localnettest.MustIx(t)(jc.ConvictAuditedInstruction(fetchJob(t, id), fetchAudit(t, id), ioMint, fixed.Ledger)))

	var table []string
	for _, r := range rows {
		table = append(table, fmt.Sprintf("| %-32s | %6d | %6d |", r.name, r.cu, r.own))
	}
	t.Logf("compute units per instruction: the transaction's (CPIs included), and the jobs program's own less %d per CPI it makes:\n| instruction                      |     CU |    own |\n|----------------------------------|--------|--------|\n%s", cpiCost,
		strings.Join(table, "\n"))
}

// ownLessCPIs reads, from the logs of the landed transaction res, the jobs program's own compute
// units (less what the programs it called consumed) less the runtime's 1,000 per CPI it made:
// issue 19's measure. total is what the whole transaction consumed.
func ownLessCPIs(t *testing.T, res *solanax.Result) (own, total int64) {
	t.Helper()
	details, err := res.Details(localnettest.Context(t))
	require.NoError(t, err)
	own = -1
	for _, inv := range anchor.Invocations(details.Logs) {
		if inv.Program == jc.ProgramID {
			own = int64(inv.Own()) - cpiCost*int64(inv.CPIs)
		}
	}
	require.GreaterOrEqual(t, own, int64(0), "no jobs invocation in the logs of %s", res.Signature)
	return own, int64(details.ComputeUnits)
}
