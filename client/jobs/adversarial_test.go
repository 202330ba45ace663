package jobs

import (
	"crypto/ed25519"
	"math"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/token"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestAttestationRejected(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	stranger := solana.NewWallet().PrivateKey
	jobA := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 2)
	jobB := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 2)
	for _, id := range []uint64{jobA, jobB} {
		_, err := jc.ClaimJob(ctx, owner, device, id)
		require.NoError(t, err)
	}
	warp(t, 600)
	a := attestation(t, jobA, 600)
	b := attestation(t, jobB, 500) // valid times for job B
	watch := []solana.PublicKey{jobAddr(t, jobA), jobAddr(t, jobB)}
	submit := func(id uint64, att Attestation) solana.Instruction {
		ix, err := jc.SubmitAttestationInstruction(id, att)
		require.NoError(t, err)
		return ix
	}
	signed := func(key solana.PrivateKey, job uint64, att Attestation) solana.Instruction {
		ix, err := SignAttestation(key, jobAddr(t, job), job, att)
		require.NoError(t, err)
		return ix
	}
	other := a
	other.ResultHash[0] ^= 1
	late := a
	late.EndedTs = a.StartedTs + 1_000_000
	early := a
	early.StartedTs = a.StartedTs - 1
	// A verify instruction whose message is another signed message than the one submitted.
	msg := a.Message(jobAddr(t, jobA), jobA)
	msg[len(msg)-1] ^= 1
	tampered, err := Ed25519VerifyInstruction(device.PublicKey(), ed25519.Sign(ed25519.PrivateKey(device), msg), msg)
	require.NoError(t, err)
	// A valid verify instruction (first in its transaction) whose offsets name instruction 0
	// explicitly rather than "this instruction".
	indexed := signed(device, jobA, a)
	data, err := indexed.Data()
	require.NoError(t, err)
	for _, at := range []int{4, 8, 14} {
		data[at], data[at+1] = 0, 0
	}
	indexed = solana.NewInstruction(Ed25519ProgramID, nil, data)

	cases := []struct {
		name string
		want string
		ixs  []solana.Instruction
	}{
		{"signed by another key", gen.Error_WrongAttestationKey, []solana.Instruction{signed(stranger, jobA, a), submit(jobA, a)}},
		{"signed for another job", gen.Error_WrongAttestationMessage, []solana.Instruction{signed(device, jobA, b), submit(jobB, b)}},
		{"other result than signed", gen.Error_WrongAttestationMessage, []solana.Instruction{signed(device, jobA, a), submit(jobA, other)}},
		{"tampered message bytes", gen.Error_WrongAttestationMessage, []solana.Instruction{tampered, submit(jobA, a)}},
		{"offsets into an indexed instruction", gen.Error_InvalidSignatureInstruction, []solana.Instruction{indexed, submit(jobA, a)}},
		{"no verify instruction", gen.Error_MissingSignatureInstruction, []solana.Instruction{submit(jobA, a)}},
		{"verify not right before", gen.Error_MissingSignatureInstruction, []solana.Instruction{signed(device, jobA, a), localnettest.MustIx(t)(solanaMemo("x"))[0], submit(jobA, a)}},
		{"ends in the future", gen.Error_InvalidAttestationTimes, []solana.Instruction{signed(device, jobA, late), submit(jobA, late)}},
		{"starts before the claim", gen.Error_InvalidAttestationTimes, []solana.Instruction{signed(device, jobA, early), submit(jobA, early)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			requireRejected(t, tc.want, watch, owner, tc.ixs)
		})
	}

	// The real one passes once; replaying it fails, before and after settlement.
	replay := []solana.Instruction{signed(device, jobA, a), submit(jobA, a)}
	_, err = jc.Send(ctx, owner, replay)
	require.NoError(t, err)
	requireRejected(t, gen.Error_WrongJobState, watch, owner, replay)
	warp(t, testWindow)
	_, err = jc.SettleJob(ctx, owner, jobA)
	require.NoError(t, err)
	requireRejected(t, gen.Error_JobNotFound, watch, owner, replay)
}

// solanaMemo is an unrelated instruction (SPL Memo) to put between verify and submit.
func solanaMemo(text string) (solana.Instruction, error) {
	return solana.NewInstruction(solana.MemoProgramID, nil, []byte(text)), nil
}

func TestClaimRejected(t *testing.T) {
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 5_000*IO, 0)
	id := createJob(t, buyer, ioMint, "RTX4090", 2, IO, 1)
	watch := []solana.PublicKey{jobAddr(t, id)}
	eligible := newDevice(t, owner, "RTX4090", 2, 400*IO)
	cases := []struct {
		name   string
		want   string
		device solana.PrivateKey
		edit   func(ix solana.Instruction)
	}{
		{"under-staked by one base unit", gen.Error_DeviceNotEligible, newDevice(t, owner, "RTX4090", 2, 400*IO-1), nil},
		{"other GPU class", gen.Error_DeviceMismatch, newDevice(t, owner, "A100", 2, 2_000*IO), nil},
		{"fewer GPUs", gen.Error_DeviceMismatch, newDevice(t, owner, "RTX4090", 1, 400*IO), nil},
		{"another device's account", gen.Error_WrongStakingAccount, eligible, func(ix solana.Instruction) {
			other := newDevice(t, owner, "RTX4090", 2, 0)
			addr, err := jc.deviceAddress(other.PublicKey())
			require.NoError(t, err)
			ix.Accounts()[4].PublicKey = addr
		}},
		{"staking config posing as the device", gen.Error_WrongStakingAccount, eligible, func(ix solana.Instruction) { ix.Accounts()[4].PublicKey = stk.Addresses.Config }},
		{"device posing as the staking config", gen.Error_WrongStakingAccount, eligible, func(ix solana.Instruction) { ix.Accounts()[3].PublicKey = ix.Accounts()[4].PublicKey }},
		{"device key did not sign", "MissingRequiredSignature", eligible, func(ix solana.Instruction) { ix.Accounts()[0].IsSigner = false }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := jc.ClaimJobInstruction(id, tc.device.PublicKey())
			require.NoError(t, err)
			signers := []solana.PrivateKey{tc.device}
			if tc.edit != nil {
				tc.edit(ix)
				if !ix.Accounts()[0].IsSigner {
					signers = nil
				}
			}
			requireRejected(t, tc.want, watch, owner, []solana.Instruction{ix}, signers...)
		})
	}
	_, err := jc.ClaimJob(localnettest.Context(t), owner, eligible, id)
	require.NoError(t, err, "exactly at the threshold is eligible")
}

func TestSettlementAccountsSubstituted(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	otherJob := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	runUntilAttested(t, owner, device, id, 100)
	warp(t, testWindow)
	job := fetchJob(t, id)
	other := fetchJob(t, otherJob)
	tokens, err := JobTokenAccounts(job)
	require.NoError(t, err)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, tokens.Buyer, tokens.Worker, fixed.IOTreasury, other.Escrow}
	cases := []struct {
		name    string
		want    string
		account int
		to      solana.PublicKey
	}{
		{"USDC treasury for an IO job", gen.Error_WrongVault, 4, fixed.USDCTreasury},
		{"another job's escrow", gen.Error_WrongVault, 2, other.Escrow},
		{"payment to the buyer", gen.Error_WrongOwner, 3, tokens.Buyer},
		{"refund to the worker", gen.Error_WrongOwner, 5, tokens.Worker},
		{"refund in another mint", gen.Error_WrongMint, 5, fixed.USDCTreasury},
		{"rent to someone else", gen.Error_WrongOwner, 6, owner.PublicKey()},
		{"the open job in place of the attested one", gen.Error_WrongJobState, 1, jobAddr(t, otherJob)},
		{"the config (already read as the config) in place of the job", "AccountBorrowFailed", 1, jc.Config},
		{"a token account in place of the job", "InvalidAccountOwner", 1, job.Escrow},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix := localnettest.MustIx(t)(jc.SettleJobInstruction(job, fixed.IOTreasury))
			ix[0].Accounts()[tc.account].PublicKey = tc.to
			requireRejected(t, tc.want, watch, owner, ix)
		})
	}
	_, err = jc.SettleJob(ctx, owner, id)
	require.NoError(t, err)
}

func TestCreateRejected(t *testing.T) {
	buyer := newWallet(t, 100*IO, 100*USDC)
	ioToken, usdcToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint), localnettest.TokenAccount(t, buyer.PublicKey(), usdcMint)
	cfg, err := jc.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	next := cfg.NextJobId
	good := Terms{SpecHash: specHash(t, "x"), GPUClass: 0, GPUCount: 1, PricePerHour: IO, MaxDurationSeconds: 3600}
	with := func(f func(*Terms)) Terms { t := good; f(&t); return t }
	cases := []struct {
		name  string
		want  string
		mint  solana.PublicKey
		token solana.PublicKey
		id    uint64
		terms Terms
	}{
		{"price x duration overflows", gen.Error_Overflow, ioMint, ioToken, next, with(func(t *Terms) { t.PricePerHour = math.MaxUint64 })},
		{"escrow overflows by its fee", gen.Error_Overflow, usdcMint, usdcToken, next, with(func(t *Terms) { t.PricePerHour = math.MaxUint64 - 1 })},
		{"costs more than the buyer holds", "Custom(1)", ioMint, ioToken, next, with(func(t *Terms) { t.PricePerHour = 101 * IO })},
		{"zero duration", gen.Error_InvalidJobArgs, ioMint, ioToken, next, with(func(t *Terms) { t.MaxDurationSeconds = 0 })},
		{"over 366 days", gen.Error_InvalidJobArgs, ioMint, ioToken, next, with(func(t *Terms) { t.MaxDurationSeconds = MaxDurationSeconds + 1 })},
		{"zero price", gen.Error_InvalidJobArgs, ioMint, ioToken, next, with(func(t *Terms) { t.PricePerHour = 0 })},
		{"no GPUs", gen.Error_InvalidJobArgs, ioMint, ioToken, next, with(func(t *Terms) { t.GPUCount = 0 })},
		{"class index past the table", gen.Error_InvalidJobArgs, ioMint, ioToken, next, with(func(t *Terms) { t.GPUClass = 8 })},
		{"job id taken", gen.Error_JobIdMismatch, ioMint, ioToken, next - 1, good},
		{"job id skipped", gen.Error_JobIdMismatch, ioMint, ioToken, next + 1, good},
		{"paying from the other currency", gen.Error_WrongMint, ioMint, usdcToken, next, good},
		{"a mint that is neither", gen.Error_WrongMint, stk.Addresses.StakeVault, ioToken, next, good},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix := localnettest.MustIx(t)(jc.CreateJobInstruction(buyer.PublicKey(), tc.token, tc.mint, tc.id, tc.terms))
			requireRejected(t, tc.want, []solana.PublicKey{jc.Config, ioToken, usdcToken, jobAddr(t, next)}, buyer, ix)
		})
	}
}

func TestChallengeRejected(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	unstaked := newWallet(t, 100*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	runUntilAttested(t, owner, device, id, 60)
	job := fetchJob(t, id)
	bond := job.Escrowed
	unstakedToken := localnettest.TokenAccount(t, unstaked.PublicKey(), ioMint)
	watch := []solana.PublicKey{jobAddr(t, id), job.Escrow, unstakedToken}
	requireRejected(t, gen.Error_NotChecker, watch, unstaked, localnettest.MustIx(t)(jc.ChallengeJobInstruction(unstaked.PublicKey(), unstakedToken, job, bond)))
	warp(t, testWindow)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	requireRejected(t, gen.Error_WindowClosed, []solana.PublicKey{jobAddr(t, id), job.Escrow, buyerToken}, buyer,
		localnettest.MustIx(t)(jc.ChallengeJobInstruction(buyer.PublicKey(), buyerToken, job, bond)))
	_, err := jc.SettleJob(ctx, owner, id)
	require.NoError(t, err)
}

func TestUpdateParams(t *testing.T) {
	ctx := localnettest.Context(t)
	stranger := newWallet(t, 0, 0)
	params := testParams(arbiter.PublicKey())
	requireRejected(t, gen.Error_Unauthorized, []solana.PublicKey{jc.Config}, stranger, localnettest.MustIx(t)(jc.UpdateParamsInstruction(stranger.PublicKey(), params)))
	bad := params
	bad.UsdcFeeBps = BPS
	requireRejected(t, gen.Error_InvalidParams, []solana.PublicKey{jc.Config}, arbiter, localnettest.MustIx(t)(jc.UpdateParamsInstruction(arbiter.PublicKey(), bad)))

	// A new fee rate applies to new jobs only.
	changed := params
	changed.ReservationFeeBps = 50
	_, err := jc.UpdateParams(ctx, arbiter, changed)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := jc.UpdateParams(localnettest.Context(t), arbiter, params)
		require.NoError(t, err)
	})
	cfg, err := jc.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(50), cfg.ReservationFeeBps)
	buyer := newWallet(t, 10*IO, 0)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	require.Equal(t, uint64(50), fetchJob(t, id).FeeBps)
	_, err = jc.CancelJob(ctx, buyer, id)
	require.NoError(t, err)
}

// A buyer who closes its token account cannot block the worker's payment: the settlement
// recreates the buyer's associated account for the refund.
func TestClosedAccountDoesNotBlockSettlement(t *testing.T) {
	ctx := localnettest.Context(t)
	escrow := uint64(100_250_000) // 1 IO an hour for 1 h plus 0.25%
	buyer := newWallet(t, escrow, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, IO, 1)
	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	closeIx, err := token.NewCloseAccountInstruction(buyerToken, buyer.PublicKey(), buyer.PublicKey(), nil).ValidateAndBuild()
	require.NoError(t, err)
	_, err = jc.Send(ctx, buyer, []solana.Instruction{closeIx})
	require.NoError(t, err)
	require.Equal(t, []string{"absent"}, localnettest.AccountStates(t, jc.sx.RPC, buyerToken))

	runUntilAttested(t, owner, device, id, 1800)
	warp(t, testWindow)
	keeper := newWallet(t, 0, 0)
	_, err = jc.SettleJob(ctx, keeper, id)
	require.NoError(t, err)
	require.Equal(t, escrow-IO/2-IO/2*25/BPS, localnettest.TokenBalance(t, jc.sx, buyerToken), "refund of the unused half hour and its fee")
}
