package explorer

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	stkgen "github.com/ionet-oss/ionet/client/staking/gen"
)

func isNotFound(err error) bool { return errors.Is(err, anchor.ErrNotFound) }

// JobRow is one job in a table: open jobs from their accounts, closed ones from the history.
type JobRow struct {
	ID       uint64 `json:"id"`
	State    string `json:"state"`
	Buyer    string `json:"buyer"`
	Device   string `json:"device,omitempty"`
	GPUs     string `json:"gpus"`
	Currency string `json:"currency"` // of every amount but Slashed (IO)
	// PricePerHour and MaxDuration are missing from a receipt whose create_job was not found.
	PricePerHour *cli.Amount `json:"pricePerHour,omitempty"`
	MaxDuration  string      `json:"maxDuration"`
	Escrowed     cli.Amount  `json:"escrowed"`
	Elapsed      string      `json:"elapsed,omitempty"`
	Paid         *cli.Amount `json:"paid,omitempty"`
	Fees         *cli.Amount `json:"fees,omitempty"`
	Refund       *cli.Amount `json:"refund,omitempty"`
	Slashed      *cli.Amount `json:"slashed,omitempty"`
	ResultHash   string      `json:"resultHash,omitempty"`
}

// jobViews formats jobs under the jobs config (currencies) and the staking class table.
type jobViews struct {
	cfg     *jobsgen.JobsConfig
	classes *stkgen.Config
}

func (c *Chain) jobViews(ctx context.Context) (jobViews, error) {
	cfg, err := c.Jobs.FetchConfig(ctx)
	if err != nil {
		return jobViews{}, err
	}
	classes, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return jobViews{}, err
	}
	return jobViews{cfg: cfg, classes: classes}, nil
}

func (v jobViews) className(index uint8) string {
	if index >= v.classes.GpuClassCount {
		return fmt.Sprintf("class %d", index)
	}
	return staking.ClassName(v.classes.GpuClasses[index])
}

func (v jobViews) openRow(j *jobsgen.Job) JobRow {
	cur := jobs.CurrencyOf(v.cfg, j.Mint)
	r := JobRow{
		ID: j.Id, State: jobs.State(j.State).String(), Buyer: j.Buyer.String(), Currency: cur.Name,
		GPUs: fmt.Sprintf("%d x %s", j.GpuCount, v.className(j.GpuClass)), PricePerHour: amountPtr(cur, j.PricePerHour),
		MaxDuration: durationText(int64(j.MaxDurationSeconds)), Escrowed: amountIn(cur, j.Escrowed),
	}
	if jobs.State(j.State) != jobs.StateOpen {
		r.Device = j.DeviceKey.String()
	}
	if jobs.State(j.State) >= jobs.StateAttested {
		r.Elapsed = durationText(j.EndedTs - j.StartedTs)
		r.ResultHash = hex.EncodeToString(j.ResultHash[:])
	}
	return r
}

func (v jobViews) openRows(list []*jobsgen.Job) []JobRow {
	out := make([]JobRow, 0, len(list))
	for _, j := range list {
		out = append(out, v.openRow(j))
	}
	return out
}

func (v jobViews) receiptRow(r Receipt) JobRow {
	cur := jobs.CurrencyOf(v.cfg, r.Mint)
	row := JobRow{ID: r.ID, State: "open", Buyer: r.Buyer.String(), Currency: cur.Name, Escrowed: amountIn(cur, r.Escrowed), GPUs: "-", MaxDuration: "-"}
	if r.HasTerms {
		row.GPUs = fmt.Sprintf("%d x %s", r.GpuCount, v.className(r.GpuClass))
		row.PricePerHour, row.MaxDuration = amountPtr(cur, r.PricePerHour), durationText(int64(r.MaxSeconds))
	}
	if !r.DeviceKey.IsZero() {
		row.Device = r.DeviceKey.String()
	}
	if r.Attested {
		row.Elapsed = durationText(r.EndedTs - r.StartedTs)
		row.ResultHash = hex.EncodeToString(r.ResultHash[:])
	}
	if r.Closed {
		row.State = OutcomeName(r.Outcome)
		row.Paid, row.Fees, row.Refund = amountPtr(cur, r.Paid), amountPtr(cur, r.Fee), amountPtr(cur, r.Refunded)
		if r.Slashed > 0 {
			slashed := cli.IO(r.Slashed)
			row.Slashed = &slashed
		}
	}
	return row
}

func (v jobViews) receiptRows(list []Receipt) []JobRow {
	out := []JobRow{}
	for _, r := range list {
		if r.Closed {
			out = append(out, v.receiptRow(r))
		}
	}
	return out
}

// Jobs is the jobs page.
type Jobs struct {
	Open       []JobRow       `json:"open"`
	Closed     []JobRow       `json:"closed"` // one page
	ClosedPage Page           `json:"closedPage"`
	Counts     map[string]int `json:"counts"` // open jobs by state, closed jobs by outcome
}

// ReadJobs reads the open jobs and one page of the closed ones.
func (c *Chain) ReadJobs(ctx context.Context, h *History, page int) (*Jobs, error) {
	views, err := c.jobViews(ctx)
	if err != nil {
		return nil, err
	}
	open, err := c.Jobs.ListJobs(ctx, jobs.Filter{})
	if err != nil {
		return nil, err
	}
	out := &Jobs{Counts: map[string]int{}}
	openRows := views.openRows(open)
	for _, r := range openRows {
		out.Counts[r.State]++
	}
	// Open jobs are bounded like the closed ones: the newest PageSize.
	if len(openRows) > PageSize {
		openRows = openRows[len(openRows)-PageSize:]
	}
	out.Open = openRows
	closed := views.receiptRows(h.Receipts(func(r *Receipt) bool { return r.Closed }))
	for _, r := range closed {
		out.Counts[r.State]++
	}
	out.Closed, out.ClosedPage = pageOf(closed, page)
	return out, nil
}

// JobDetail is one job's page: its account while open, its receipt and timeline from history.
type JobDetail struct {
	JobRow
	Open       bool        `json:"open"`
	SpecHash   string      `json:"specHash,omitempty"`
	WindowEnds string      `json:"windowEnds,omitempty"`
	Challenger string      `json:"challenger,omitempty"`
	Bond       *cli.Amount `json:"bond,omitempty"`
	Timeline   []Step      `json:"timeline"`
	Explain    string      `json:"explain"`
}

// ReadJob reads job id; found is false when neither its account nor its history exists.
func (c *Chain) ReadJob(ctx context.Context, h *History, id uint64) (*JobDetail, bool, error) {
	views, err := c.jobViews(ctx)
	if err != nil {
		return nil, false, err
	}
	receipt, inHistory := h.Receipt(id)
	j, err := c.Jobs.FetchJob(ctx, id)
	switch {
	case err == nil:
		cur := jobs.CurrencyOf(views.cfg, j.Mint)
		out := &JobDetail{JobRow: views.openRow(j), Open: true, SpecHash: hex.EncodeToString(j.SpecHash[:]), Timeline: receipt.Timeline}
		if jobs.State(j.State) >= jobs.StateAttested {
			out.WindowEnds = unixText(j.WindowEndTs)
		}
		if j.Bond > 0 {
			out.Challenger, out.Bond = j.Challenger.String(), amountPtr(cur, j.Bond)
		}
		out.Explain = "job " + strconv.FormatUint(id, 10) + " is " + out.State + ": its account holds the escrow until it closes"
		return out, true, nil
	case !isNotFound(err):
		return nil, false, err
	case !inHistory:
		return nil, false, nil
	}
	out := &JobDetail{JobRow: views.receiptRow(receipt), Timeline: receipt.Timeline}
	if receipt.HasTerms {
		out.SpecHash = hex.EncodeToString(receipt.SpecHash[:])
	}
	if !receipt.Challenger.IsZero() {
		cur := jobs.CurrencyOf(views.cfg, receipt.Mint)
		out.Challenger, out.Bond = receipt.Challenger.String(), amountPtr(cur, receipt.Bond)
	}
	out.Explain = explainReceipt(receipt, jobs.CurrencyOf(views.cfg, receipt.Mint))
	return out, true, nil
}

// explainReceipt says in words how a closed job's escrow split (cur is its currency).
func explainReceipt(r Receipt, cur jobs.Currency) string {
	if !r.Closed {
		return "this job's account is gone but its closing transaction is not in the history yet"
	}
	switch r.Outcome {
	case jobs.OutcomeSettled, jobs.OutcomeChallengeRejected:
		return fmt.Sprintf("the worker ran %s and was paid %s; fees %s went to the treasury; %s of the %s escrow was refunded to the buyer",
			durationText(r.EndedTs-r.StartedTs), cur.Format(r.Paid), cur.Format(r.Fee), cur.Format(r.Refunded), cur.Format(r.Escrowed))
	case jobs.OutcomeCancelled:
		return fmt.Sprintf("the buyer cancelled before any device claimed it: %s refunded", cur.Format(r.Refunded))
	case jobs.OutcomeExpired:
		return fmt.Sprintf("no attestation by the deadline plus grace: %s refunded, %s slashed from the device", cur.Format(r.Refunded), ioText(r.Slashed))
	default:
		return fmt.Sprintf("the arbiter found fraud: %s refunded, %s slashed from the device", cur.Format(r.Refunded), ioText(r.Slashed))
	}
}

// amountIn is units of cur in the CLI's JSON shape.
func amountIn(cur jobs.Currency, units uint64) cli.Amount { return cli.NewAmount(units, cur.Decimals) }

func amountPtr(cur jobs.Currency, units uint64) *cli.Amount {
	a := amountIn(cur, units)
	return &a
}
