package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// reservePerJob is what each claim reserves under testParams: the larger penalty.
const reservePerJob uint64 = max(testExpiry, testFraud)

// TestDeviceStakeReserve is the audit's finding 7: a device at its minimum stake claimed jobs,
// unstaked everything at once and withdrew it after the cooldown, so a proven fraud and the
// expiries slashed nothing. Each claim now reserves the job's worst-case penalty: the unstake
// is refused, a claim beyond the free stake is refused, and every penalty is paid.
func TestDeviceStakeReserve(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	const stake uint64 = 200 * IO // the minimum for one RTX4090: four reserves of 50 IO
	const jobs = stake / reservePerJob
	device := newDevice(t, owner, "RTX4090", 1, stake)
	devAddr := deviceAddr(t, device)
	var ids []uint64
	for range jobs {
		id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
		_, err := jc.ClaimJob(ctx, owner, device, id)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	d, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, stake, d.JobReserve, "each claim reserves the worst-case penalty")
	for _, id := range ids {
		require.Equal(t, reservePerJob, fetchJob(t, id).StakeReserved)
	}

	// The attack: unstake everything while the jobs run. Refused, on-chain, nothing but the fee moved.
	watch := []solana.PublicKey{devAddr, stk.Addresses.Config, stk.Addresses.StakeVault}
	unstakeAll := localnettest.MustIx(t)(stk.UnstakeDeviceInstruction(owner.PublicKey(), device.PublicKey(), stake))
	requireLandedRejected(t, stakinggen.Error_StakeReservedForJobs, watch, owner, unstakeAll)
	unstakeOne := localnettest.MustIx(t)(stk.UnstakeDeviceInstruction(owner.PublicKey(), device.PublicKey(), 1))
	requireLandedRejected(t, stakinggen.Error_StakeReservedForJobs, watch, owner, unstakeOne)

	// One more claim does not fit in the free stake (zero), though the device is eligible.
	extra := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	claim := localnettest.MustIx(t)(jc.ClaimJobInstruction(extra, device.PublicKey()))
	requireLandedRejected(t, gen.Error_InsufficientFreeStake, []solana.PublicKey{jobAddr(t, extra), devAddr}, owner, claim, device)

	// The device owner cannot release its own reserve, nor can anyone but the slasher reserve.
	for _, tc := range []struct {
		name    string
		build   func(amount uint64, slasher, config, device solana.PublicKey) (solana.Instruction, error)
		amount  uint64
		signers []solana.PrivateKey
	}{
		{"owner releases its reserve", releaseIx, stake, nil},
		{"outsider reserves a device's stake", reserveIx, 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := tc.build(tc.amount, owner.PublicKey(), stk.Addresses.Config, devAddr)
			require.NoError(t, err)
			data, err := ix.Data()
			require.NoError(t, err)
			requireLandedRejected(t, stakinggen.Error_NotJobsSlasher, watch, owner, []solana.Instruction{solana.NewInstruction(stk.ProgramID, ix.Accounts(), data)})
		})
	}

	// Job 0 is attested and proven fraudulent; the others expire: every penalty is slashed.
	warp(t, 600)
	_, err = jc.SubmitAttestation(ctx, owner, device, ids[0], attestation(t, ids[0], 600))
	require.NoError(t, err)
	job := fetchJob(t, ids[0])
	_, err = jc.ChallengeJob(ctx, buyer, ids[0], job.Escrowed*testBondBps/BPS)
	require.NoError(t, err)
	res, err := jc.ResolveChallenge(ctx, arbiter, ids[0], true)
	require.NoError(t, err)
	require.Equal(t, uint64(testFraud), closedEvent(t, res.Signature).Slashed, "fraud slashed in full")
	warp(t, SecondsPerHour+testGrace)
	for _, id := range ids[1:] {
		res, err := jc.ExpireJob(ctx, buyer, id)
		require.NoError(t, err)
		require.Equal(t, uint64(testExpiry), closedEvent(t, res.Signature).Slashed, "expiry of job %d slashed in full", id)
	}
	d, err = stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Zero(t, d.JobReserve, "every job ended: nothing reserved")
	require.Equal(t, stake-testFraud-(jobs-1)*testExpiry, d.Stake, "the penalties came out of the reserved stake")
	// What is left is free again; the open job can now be claimed.
	_, err = stk.UnstakeDevice(ctx, owner, device.PublicKey(), d.Stake-reservePerJob)
	require.NoError(t, err)
	_, err = jc.ClaimJob(ctx, owner, device, extra)
	require.ErrorContains(t, err, gen.Error_DeviceNotEligible, "below the minimum after the penalties and the unstake")
}

func reserveIx(amount uint64, slasher, config, device solana.PublicKey) (solana.Instruction, error) {
	return stakinggen.NewReserveDeviceStakeInstruction(amount, slasher, config, device)
}

func releaseIx(amount uint64, slasher, config, device solana.PublicKey) (solana.Instruction, error) {
	return stakinggen.NewReleaseDeviceStakeInstruction(amount, slasher, config, device)
}
