package explorer

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
)

func get(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(web.URL + path)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(body)
}

func getJSON(t *testing.T, path string, v any) {
	t.Helper()
	code, body := get(t, path)
	require.Equal(t, http.StatusOK, code, body)
	require.NoError(t, json.Unmarshal([]byte(body), v))
}

// wantPayout is the settled job's split as the program computes it (the client's mirror).
func wantPayout(t *testing.T) jobs.Settlement {
	t.Helper()
	cfg, err := c.Jobs.FetchConfig(t.Context())
	require.NoError(t, err)
	q, err := jobs.NewQuote(scene.terms.PricePerHour, scene.terms.MaxDurationSeconds, cfg.ReservationFeeBps)
	require.NoError(t, err)
	s, err := jobs.Settle(q.Escrow, scene.terms.PricePerHour, scene.terms.MaxDurationSeconds, cfg.ReservationFeeBps, uint64(scene.elapsed))
	require.NoError(t, err)
	return s
}

// TestNetworkAgreesWithEmissionStatus: the supply figure is `ionet emission status`'s (the same
// Status call and the same FormatAmount).
func TestNetworkAgreesWithEmissionStatus(t *testing.T) {
	st, err := c.Emission.Status(t.Context())
	require.NoError(t, err)
	var n struct {
		Supply cli.Amount `json:"supply"`
		Holds  bool       `json:"holds"`
		Burns  []BurnRow
		Keeper KeeperHealth `json:"keeper"`
	}
	getJSON(t, "/api/network", &n)
	require.Equal(t, cli.IO(st.Supply), n.Supply)
	require.Equal(t, solanax.FormatAmount(st.Supply, schedule.Decimals), n.Supply.UIAmountString)
	require.True(t, n.Holds)
	require.NotEmpty(t, n.Burns)
	first := n.Burns[len(n.Burns)-1] // newest first
	require.Equal(t, uint64(0), first.Index)
	require.Equal(t, "revenue buyback", first.Reason)
	require.Equal(t, "1000", first.Amount.String())
	require.Contains(t, n.Keeper.LastCrank, "epochs 1-")

	code, body := get(t, "/")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, `<span id="supply" data-field="supply.uiAmountString">`+solanax.FormatAmount(st.Supply, schedule.Decimals)+"</span> IO")
}

func TestSettledJobReceipt(t *testing.T) {
	want := wantPayout(t)
	require.Equal(t, uint64(3*ioUnit), want.Paid) // 2 IO an hour for 90 minutes
	var j JobDetail
	getJSON(t, fmt.Sprintf("/api/jobs/%d", scene.job), &j)
	require.False(t, j.Open)
	require.Equal(t, "settled", j.State)
	require.Equal(t, "IO", j.Currency)
	require.Equal(t, cli.IO(want.Paid), *j.Paid)
	require.Equal(t, "3", j.Paid.String())
	require.Equal(t, cli.IO(want.Fee), *j.Fees)
	require.Equal(t, cli.IO(want.Refund), *j.Refund)
	require.Equal(t, "1h30m0s", j.Elapsed)
	require.Equal(t, "2", j.PricePerHour.String())
	require.Equal(t, scene.device.PublicKey().String(), j.Device)
	var steps []string
	for _, s := range j.Timeline {
		steps = append(steps, strings.Fields(s.What)[0])
	}
	require.Equal(t, []string{"created", "claimed", "attested", "closed:"}, steps)

	var list Jobs
	getJSON(t, "/api/jobs", &list)
	require.Equal(t, 1, list.Counts["settled"])
	require.Empty(t, list.Open)
}

func TestDeviceEpochReasons(t *testing.T) {
	var d DeviceDetail
	getJSON(t, "/api/devices/"+scene.device.PublicKey().String(), &d)
	require.True(t, d.Eligible, d.Reason)
	require.Equal(t, 1, d.Settled)
	byEpoch := map[uint64]EpochRow{}
	for _, e := range d.Epochs {
		byEpoch[e.Epoch] = e
	}
	require.Equal(t, uint64(1), d.FirstEpoch)
	require.Equal(t, 3, d.EpochsPage.Total)
	require.Equal(t, "not live: no heartbeat recorded", byEpoch[scene.notLiveEpoch].Status)
	require.True(t, byEpoch[1].Live)
	require.Equal(t, "live; claimable", byEpoch[1].Status)
	// The liveness history rebuilt from events agrees with the program's own record.
	for epoch, want := range byEpoch {
		b, live := srv.liveness.Beat(scene.device.PublicKey(), epoch)
		require.Equal(t, want.Live, live, "epoch %d", epoch)
		if live {
			require.Equal(t, want.Weight, b.Weight)
		}
	}

	code, body := get(t, "/devices/"+scene.device.PublicKey().String()+"/rewards.csv")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "epoch,live,status,weight,total_weight,share_io,claimed\n")
	require.Contains(t, body, "\n2,false,not live: no heartbeat recorded,0,0,,false\n")

	var list Devices
	getJSON(t, "/api/devices", &list)
	require.Len(t, list.Devices, 1)
	require.True(t, list.Devices[0].LiveNow)
}

func TestWallet(t *testing.T) {
	var w Wallet
	getJSON(t, "/api/wallet/"+scene.staker.PublicKey().String(), &w)
	require.True(t, w.Position.Exists)
	require.Equal(t, "1000", w.Position.Active.String())

	getJSON(t, "/api/wallet/"+scene.buyer.PublicKey().String(), &w)
	require.Len(t, w.Jobs, 1)
	require.Equal(t, "3", w.Jobs[0].Paid.String())

	getJSON(t, "/api/wallet/"+scene.owner.PublicKey().String(), &w)
	require.Len(t, w.Devices, 1)

	code, body := get(t, "/wallet?address="+scene.owner.PublicKey().String())
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, scene.device.PublicKey().String())
}

func TestGovernance(t *testing.T) {
	var g Governance
	getJSON(t, "/api/governance", &g)
	require.True(t, g.Initialised)
	require.Equal(t, "1000", g.ActiveStake.String())
	require.Len(t, g.Proposals, 1)
	p := g.Proposals[0]
	require.Equal(t, "1.5% USDC fee", p.Title)
	require.Equal(t, "voting", p.State)
	require.Equal(t, cli.IO(1_000*ioUnit), p.Yes)
	require.True(t, p.QuorumMet)
	require.Equal(t, []string{"jobs.usdc_fee_bps: 200 -> 150"}, p.Actions)

	var w Wallet
	getJSON(t, "/api/wallet/"+scene.staker.PublicKey().String(), &w)
	require.Len(t, w.Votes, 1)
	require.Equal(t, "yes", w.Votes[0].Choice)
	require.NotEqual(t, "-", w.Position.LockedUntil) // voting locks the position
}

func TestChartZoom(t *testing.T) {
	for _, span := range []string{"day", "month", "year"} {
		var ch Chart
		getJSON(t, "/api/chart?span="+span, &ch)
		require.Equal(t, uint64(1), ch.From)
		require.Equal(t, uint64(2), ch.LastMinted)
		require.True(t, strings.HasPrefix(ch.ScheduledPath, "M0.0 "), ch.ScheduledPath)
		require.NotEmpty(t, ch.MintedPath)
	}
}
