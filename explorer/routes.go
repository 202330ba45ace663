package explorer

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/ionet-oss/ionet/cli"
)

// errNotFound answers 404.
var errNotFound = errors.New("not found")

// reader reads one page's data from a request.
type reader func(r *http.Request) (any, error)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(webFiles, "web/static")
	files := http.StripPrefix("/static/", http.FileServer(http.FS(static)))
	mux.HandleFunc("GET /static/{file}", func(w http.ResponseWriter, r *http.Request) { files.ServeHTTP(w, r) }) // files only, no listing
	both := func(page, html, api string, read reader) {
		mux.HandleFunc("GET "+html, s.htmlPage(page, read))
		mux.HandleFunc("GET "+api, s.apiPage(read))
	}
	both("network", "/{$}", "/api/network", s.readNetwork)
	mux.HandleFunc("GET /api/chart", s.apiPage(s.readChart))
	both("devices", "/devices", "/api/devices", s.readDevices)
	both("device", "/devices/{key}", "/api/devices/{key}", s.readDevice)
	mux.HandleFunc("GET /devices/{key}/rewards.csv", s.rewardsCSV)
	both("jobs", "/jobs", "/api/jobs", s.readJobs)
	both("job", "/jobs/{id}", "/api/jobs/{id}", s.readJob)
	both("governance", "/governance", "/api/governance", s.readGovernance)
	mux.HandleFunc("GET /wallet", s.htmlPage("wallet", s.readWalletQuery))
	mux.HandleFunc("GET /api/wallet/{key}", s.apiPage(s.readWallet))
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, false, fmt.Errorf("%w: no page at this address", errNotFound))
	})
	return mux
}

// status is the HTTP status of a read error.
func status(err error) int {
	switch {
	case errors.Is(err, errBadInput):
		return http.StatusBadRequest
	case errors.Is(err, errNotFound):
		return http.StatusNotFound
	default:
		return http.StatusBadGateway // the node did not answer as expected
	}
}

// notInitialised is added to a failed read of an account that does not exist.
const notInitialised = " (is the protocol deployed and initialised on this cluster? `ionet localnet up` does both; " +
	"elsewhere pass the program ids: --staking-program, --jobs-program, --emission-program, --governance-program)"

// fail answers a failed read as a page or as JSON.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, api bool, err error) {
	code, msg := status(err), err.Error()
	if code == http.StatusBadGateway {
		s.log.Warn("explorer: read failed", "path", r.URL.Path, "err", err)
		if isNotFound(err) {
			msg += notInitialised
		}
	}
	if api {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	s.pages.render(w, code, "error", view{Title: http.StatusText(code), Cluster: s.cluster, Error: msg})
}

func (s *Server) htmlPage(name string, read reader) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := read(r)
		if err != nil {
			s.fail(w, r, false, err)
			return
		}
		s.pages.render(w, http.StatusOK, name, view{Title: titles[name], Page: name, Cluster: s.cluster, API: apiPath(r), Data: data})
	}
}

// apiPath is the JSON twin of a page's path (the wallet page's is under /api/wallet/KEY).
func apiPath(r *http.Request) string {
	if r.URL.Path == "/wallet" {
		if addr := r.URL.Query().Get("address"); addr != "" {
			return "/api/wallet/" + addr
		}
		return ""
	}
	if r.URL.Path == "/" {
		return "/api/network"
	}
	return "/api" + r.URL.Path + pageQuery(r)
}

func pageQuery(r *http.Request) string {
	if p := r.URL.Query().Get("page"); p != "" {
		return "?page=" + p
	}
	return ""
}

func (s *Server) apiPage(read reader) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := read(r)
		if err != nil {
			s.fail(w, r, true, err)
			return
		}
		writeJSON(w, http.StatusOK, data)
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) readNetwork(r *http.Request) (any, error) {
	if err := s.liveness.Refresh(r.Context()); err != nil {
		return nil, err
	}
	n, err := s.chain.ReadNetwork(r.Context(), s.liveness)
	if err != nil {
		return nil, err
	}
	chart, err := NewChart("day", n.Status.CurrentEpoch, n.Status.LastMintedEpoch)
	if err != nil {
		return nil, err
	}
	return networkPage{Network: n, Chart: chart, Spans: spanNames()}, nil
}

// networkPage is the network with its chart.
type networkPage struct {
	*Network
	Chart Chart    `json:"chart"`
	Spans []string `json:"-"`
}

func spanNames() []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name
	}
	return out
}

func (s *Server) readChart(r *http.Request) (any, error) {
	span := r.URL.Query().Get("span")
	if _, ok := spanEpochs(span); !ok {
		return nil, fmt.Errorf("%w: span must be day, month or year", errBadInput)
	}
	st, err := s.chain.Emission.Status(r.Context())
	if err != nil {
		return nil, err
	}
	return NewChart(span, st.CurrentEpoch, st.LastMintedEpoch)
}

func (s *Server) readDevices(r *http.Request) (any, error) {
	page, err := parsePage(r.URL.Query().Get("page"))
	if err != nil {
		return nil, err
	}
	if err := s.history.Refresh(r.Context()); err != nil {
		return nil, err
	}
	return s.chain.ReadDevices(r.Context(), s.history, page)
}

func (s *Server) device(r *http.Request) (*DeviceDetail, error) {
	key, err := parsePubkey("device key", r.PathValue("key"))
	if err != nil {
		return nil, err
	}
	page, err := parsePage(r.URL.Query().Get("page"))
	if err != nil {
		return nil, err
	}
	if err := s.history.Refresh(r.Context()); err != nil {
		return nil, err
	}
	if err := s.liveness.Refresh(r.Context()); err != nil {
		return nil, err
	}
	d, found, err := s.chain.ReadDevice(r.Context(), s.history, s.liveness, key, page)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%w: no device %s is registered", errNotFound, key)
	}
	return d, nil
}

func (s *Server) readDevice(r *http.Request) (any, error) { return s.device(r) }

// maxCSVEpochs bounds the rewards CSV (the newest epochs; 10,000 hours is over a year).
const maxCSVEpochs = 10_000

// rewardsCSV is a device's liveness rewards per epoch since registration as CSV.
func (s *Server) rewardsCSV(w http.ResponseWriter, r *http.Request) {
	d, err := s.device(r)
	if err != nil {
		s.fail(w, r, false, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="rewards-`+d.DeviceKey+`.csv"`)
	out := csv.NewWriter(w)
	_ = out.Write([]string{"epoch", "live", "status", "weight", "total_weight", "share_io", "claimed"})
	for _, e := range d.AllEpochs(maxCSVEpochs) {
		_ = out.Write([]string{
			strconv.FormatUint(e.Epoch, 10), strconv.FormatBool(e.Live), csvText(e.Status),
			strconv.FormatUint(e.Weight, 10), strconv.FormatUint(e.TotalWeight, 10),
			shareText(e.Share), strconv.FormatBool(e.Claimed),
		})
	}
	out.Flush()
}

// shareText is a share in IO, empty when there is none.
func shareText(a *cli.Amount) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// csvText keeps a cell from being read as a formula by spreadsheets.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (s *Server) readJobs(r *http.Request) (any, error) {
	page, err := parsePage(r.URL.Query().Get("page"))
	if err != nil {
		return nil, err
	}
	if err := s.history.Refresh(r.Context()); err != nil {
		return nil, err
	}
	return s.chain.ReadJobs(r.Context(), s.history, page)
}

func (s *Server) readJob(r *http.Request) (any, error) {
	id, err := parseID("job id", r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if err := s.history.Refresh(r.Context()); err != nil {
		return nil, err
	}
	j, found, err := s.chain.ReadJob(r.Context(), s.history, id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%w: job %d was never posted", errNotFound, id)
	}
	return j, nil
}

func (s *Server) readGovernance(r *http.Request) (any, error) {
	return s.chain.ReadGovernance(r.Context())
}

// walletPage is the wallet view: the form, and the wallet once an address is given.
type walletPage struct {
	Address string
	Wallet  *Wallet
}

func (s *Server) readWalletQuery(r *http.Request) (any, error) {
	text := r.URL.Query().Get("address")
	if text == "" {
		return walletPage{}, nil
	}
	w, err := s.wallet(r, text)
	if err != nil {
		return nil, err
	}
	return walletPage{Address: text, Wallet: w}, nil
}

func (s *Server) readWallet(r *http.Request) (any, error) { return s.wallet(r, r.PathValue("key")) }

func (s *Server) wallet(r *http.Request, text string) (*Wallet, error) {
	key, err := parsePubkey("address", strings.TrimSpace(text))
	if err != nil {
		return nil, err
	}
	if err := s.history.Refresh(r.Context()); err != nil {
		return nil, err
	}
	return s.chain.ReadWallet(r.Context(), s.history, key)
}
