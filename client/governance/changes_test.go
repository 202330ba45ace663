package governance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/governance/gen"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestParseChange(t *testing.T) {
	cases := []struct {
		in   string
		want Change
		err  string
	}{
		{"staking.cooldown=7d", Change{"staking", "cooldown", "7d"}, ""},
		{"jobs.arbiter=11111111111111111111111111111111", Change{"jobs", "arbiter", "11111111111111111111111111111111"}, ""},
		{"staking.cooldown", Change{}, "PROGRAM.PARAM=VALUE"},
		{"cooldown=7d", Change{}, "PROGRAM.PARAM=VALUE"},
		{"staking.=7d", Change{}, "PROGRAM.PARAM=VALUE"},
		{"staking.cooldown=", Change{}, "PROGRAM.PARAM=VALUE"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseChange(c.in)
			if c.err != "" {
				require.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
}

// setParam changes exactly the named field, parsing the value by the field's type.
func TestSetParam(t *testing.T) {
	key := localnettest.SampleKey(5)
	cases := []struct {
		name, param, value string
		check              func(t *testing.T, p *jobsgen.Params)
		err                string
	}{
		{"basis points", "usdc_fee_bps", "150", func(t *testing.T, p *jobsgen.Params) { require.Equal(t, uint64(150), p.UsdcFeeBps) }, ""},
		{"duration in days, suffix dropped", "challenge_window", "2d", func(t *testing.T, p *jobsgen.Params) { require.Equal(t, int64(2*86400), p.ChallengeWindowSeconds) }, ""},
		{"Go duration", "expiry_grace_seconds", "90m", func(t *testing.T, p *jobsgen.Params) { require.Equal(t, int64(5400), p.ExpiryGraceSeconds) }, ""},
		{"plain seconds", "expiry_grace", "45", func(t *testing.T, p *jobsgen.Params) { require.Equal(t, int64(45), p.ExpiryGraceSeconds) }, ""},
		{"IO amount", "fraud_penalty", "2.5IO", func(t *testing.T, p *jobsgen.Params) { require.Equal(t, uint64(250_000_000), p.FraudPenalty) }, ""},
		{"base units", "fraud_penalty", "7", func(t *testing.T, p *jobsgen.Params) { require.Equal(t, uint64(7), p.FraudPenalty) }, ""},
		{"public key", "arbiter", key.String(), func(t *testing.T, p *jobsgen.Params) { require.Equal(t, key, p.Arbiter) }, ""},
		{"unknown parameter", "usdc_fee", "1", nil, "settable ones are authority, arbiter, reservation_fee_bps, usdc_fee_bps"},
		{"not a number", "usdc_fee_bps", "cheap", nil, "not a non-negative integer"},
		{"negative", "usdc_fee_bps", "-1", nil, "not a non-negative integer"},
		{"not a duration", "challenge_window", "soon", nil, "not a duration"},
		{"duration of a non-duration field", "min_bond_bps", "7d", nil, "not a non-negative integer"},
		{"bad key", "arbiter", "not-a-key", nil, "not a base58 public key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &jobsgen.Params{UsdcFeeBps: 200, ReservationFeeBps: 25}
			err := setParam(p, c.param, c.value)
			if c.err != "" {
				require.ErrorContains(t, err, c.err)
				require.Equal(t, &jobsgen.Params{UsdcFeeBps: 200, ReservationFeeBps: 25}, p, "a failed change leaves the parameters alone")
				return
			}
			require.NoError(t, err)
			c.check(t, p)
			require.Equal(t, uint64(25), p.ReservationFeeBps, "other fields unchanged")
		})
	}
	require.ErrorContains(t, setParam(&stakinggen.Params{}, "gpu_classes", "x"), "cannot be set", "tables are not settable one field at a time")
}

func TestSummarize(t *testing.T) {
	ends := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	p := &gen.Proposal{Id: 3, Yes: 30 * 100_000_000, No: 10 * 100_000_000, Abstain: 0, Quorum: 80 * 100_000_000, VoterCount: 2,
		VotingEndsTs: ends.Unix(), ExecutableTs: ends.Add(DefaultTimelock).Unix(), ActionCount: 1}
	copy(p.Title[:], "Cooldown 7d")
	s := Summarize(p, ends.Add(-90*time.Minute))
	require.Equal(t, "Cooldown 7d", s.Title)
	require.Equal(t, "voting", s.State)
	require.Equal(t, "30", s.Yes)
	require.InDelta(t, 50.0, s.QuorumProgressPct, 1e-9)
	require.Equal(t, "1h30m0s", s.TimeLeft)
	p.State = uint8(Succeeded)
	require.Equal(t, "24h0m0s", Summarize(p, ends).TimeLeft, "after voting: time to execution")
	require.Equal(t, "0s", Summarize(p, ends.Add(48*time.Hour)).TimeLeft)
}
