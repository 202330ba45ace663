package governance

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet"
)

// TestProposalChangesJobsAndEmission: one proposal with an action for each program; after
// execution a USDC job created afterwards is charged the new fee, and the next emission crank
// pays the new tip.
func TestProposalChangesJobsAndEmission(t *testing.T) {
	ctx := testContext(t)
	proposer, _ := newMajorityStaker(t)
	const newTip = 2_000_000 // 0.02 IO
	id := propose(t, proposer, "fees", changeActions(t, "jobs.usdc_fee_bps=150", "emission.crank_tip=0.02IO"))
	require.EqualValues(t, 2, fetchProposal(t, id).ActionCount)
	vote(t, proposer, id, Yes)
	warp(t, DefaultVotingPeriod)
	_, err := gov.Finalize(ctx, proposer, id)
	require.NoError(t, err)
	warp(t, DefaultTimelock)
	_, err = gov.Execute(ctx, proposer, id)
	require.NoError(t, err)

	cfg, err := jc.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(150), cfg.UsdcFeeBps)
	require.Equal(t, gov.Governance, cfg.Authority, "the authority stays with governance")
	buyer, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, USDC: 1_000_000_000})
	require.NoError(t, err)
	jobID, _, err := jc.CreateJob(ctx, buyer, chain.Manifest.Mints.USDC.Address, jobs.Terms{GPUClass: 0, GPUCount: 1, PricePerHour: 1_000_000, MaxDurationSeconds: 3600})
	require.NoError(t, err)
	job, err := jc.FetchJob(ctx, jobID)
	require.NoError(t, err)
	require.Equal(t, cfg.ReservationFeeBps+150, job.FeeBps, "the job pays the new USDC fee")

	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(newTip), st.CrankTip)
	warp(t, time.Hour)
	res, err := em.Crank(ctx, proposer, 1)
	require.NoError(t, err)
	require.Equal(t, uint64(newTip), res.Minted.Tip, "the next crank pays the new tip")
}

// TestOldAuthorityRejectedByJobsAndEmission: after the hand-over the set-up key cannot update
// the jobs or emission parameters.
func TestOldAuthorityRejectedByJobsAndEmission(t *testing.T) {
	ctx := testContext(t)
	jobsParams := jobs.DefaultParams(oldAuthority.PublicKey(), oldAuthority.PublicKey())
	_, err := jc.UpdateParams(ctx, oldAuthority, jobsParams)
	require.Error(t, err)
	require.Equal(t, jobsgen.Error_Unauthorized, jobs.ErrorName(err), "%v", err)
	settings := emission.DefaultSettings(oldAuthority.PublicKey(), oldAuthority.PublicKey())
	_, err = em.UpdateParams(ctx, oldAuthority, settings)
	require.Error(t, err)
	require.Equal(t, emissiongen.Error_Unauthorized, emission.ErrorName(err), "%v", err)
	cfg, err := jc.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, gov.Governance, cfg.Authority)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	require.Equal(t, gov.Governance, st.Authority)
}
