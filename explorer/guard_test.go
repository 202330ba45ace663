package explorer

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
)

// TestHostileRequests: every bad request gets its own error and changes nothing; the server
// answers the next request as before.
func TestHostileRequests(t *testing.T) {
	long := strings.Repeat("1", MaxURLLen)
	for _, tc := range []struct {
		name, method, path, host string
		want                     int
		body                     string
	}{
		{"post", http.MethodPost, "/", "", http.StatusMethodNotAllowed, "read-only"},
		{"long URL", http.MethodGet, "/jobs/" + long, "", http.StatusRequestURITooLong, "URL longer"},
		{"foreign Host", http.MethodGet, "/", "evil.example", http.StatusMisdirectedRequest, "Host"},
		{"long key", http.MethodGet, "/api/devices/" + strings.Repeat("A", 45), "", http.StatusBadRequest, "at most 44"},
		{"not base58", http.MethodGet, "/api/devices/0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl", "", http.StatusBadRequest, "not a base58"},
		{"unregistered device", http.MethodGet, "/api/devices/11111111111111111111111111111111", "", http.StatusNotFound, "no device"},
		{"job id not a number", http.MethodGet, "/api/jobs/abc", "", http.StatusBadRequest, "whole number"},
		{"job id too long", http.MethodGet, "/api/jobs/123456789012345678901", "", http.StatusBadRequest, "at most 20"},
		{"job id overflows", http.MethodGet, "/api/jobs/99999999999999999999", "", http.StatusBadRequest, "whole number"},
		{"unknown job", http.MethodGet, "/api/jobs/424242", "", http.StatusNotFound, "never posted"},
		{"page zero", http.MethodGet, "/api/jobs?page=0", "", http.StatusBadRequest, "page must be"},
		{"page too large", http.MethodGet, "/api/devices?page=999999", "", http.StatusBadRequest, "page must be"},
		{"unknown span", http.MethodGet, "/api/chart?span=__proto__", "", http.StatusBadRequest, "span must be"},
		{"script in address", http.MethodGet, "/wallet?address=%3Cscript%3Ealert(1)%3C/script%3E", "", http.StatusBadRequest, "not a base58"},
		{"no such page", http.MethodGet, "/admin", "", http.StatusNotFound, "no page"},
		{"static escape", http.MethodGet, "/static/../main_test.go", "", http.StatusNotFound, ""},
		{"static listing", http.MethodGet, "/static/", "", http.StatusNotFound, "no page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tc.method, web.URL+tc.path, nil)
			require.NoError(t, err)
			if tc.host != "" {
				req.Host = tc.host
			}
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			buf := new(bytes.Buffer)
			_, _ = buf.ReadFrom(res.Body)
			require.Equal(t, tc.want, res.StatusCode, buf.String())
			require.Contains(t, buf.String(), tc.body)
			require.NotContains(t, buf.String(), "<script>alert")
			require.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'none'")
		})
	}
	code, _ := get(t, "/")
	require.Equal(t, http.StatusOK, code)
}

func TestPanicIsOneRequest(t *testing.T) {
	h := srv.guard(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/", nil))
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	code, _ := get(t, "/jobs")
	require.Equal(t, http.StatusOK, code)
}

func TestMissingProgramSaysWhy(t *testing.T) {
	rec := httptest.NewRecorder()
	srv.fail(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/api/network", nil), true,
		fmt.Errorf("fetch emission state X: %w", anchor.ErrNotFound))
	require.Equal(t, http.StatusBadGateway, rec.Code)
	require.Contains(t, rec.Body.String(), "is the protocol deployed and initialised on this cluster?")
}

func TestInputBounds(t *testing.T) {
	_, err := parsePubkey("key", strings.Repeat("z", 1000))
	require.ErrorIs(t, err, errBadInput)
	rows := make([]int, 120)
	got, p := pageOf(rows, 3)
	require.Len(t, got, 20)
	require.Equal(t, Page{Number: 3, Total: 120, Prev: 2}, p)
	got, p = pageOf(rows, 9)
	require.Empty(t, got)
	require.False(t, p.More)
	require.True(t, loopbackHost("127.0.0.1:8080"))
	require.True(t, loopbackHost("[::1]:80"))
	require.True(t, loopbackHost("localhost"))
	require.False(t, loopbackHost("127.0.0.1.evil.example"))
}
