package explorer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// DefaultListen is where the explorer listens unless told otherwise: this machine only.
const DefaultListen = "127.0.0.1:8080"

// Server limits.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
	// requestTimeout bounds the chain reads of one request.
	requestTimeout = 30 * time.Second
	// maxInFlight bounds the requests reading the chain at once; more are answered 503.
	maxInFlight = 32
)

// Config is what the server reads and how it presents itself.
type Config struct {
	Chain *Chain
	// Cluster names the cluster in the page header (its URL or moniker).
	Cluster string
	Log     *slog.Logger
}

// Server is the explorer's HTTP server. It holds no key: it only reads the chain.
type Server struct {
	chain    *Chain
	history  *History
	liveness *Liveness
	cluster  string
	log      *slog.Logger
	pages    *pages
	handler  http.Handler
	inFlight chan struct{}
	// allowAnyHost is set when listening beyond the loopback interface.
	allowAnyHost bool
}

// New builds a server over cfg.Chain.
func New(cfg Config) (*Server, error) {
	if cfg.Chain == nil {
		return nil, errors.New("explorer: no chain")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	p, err := loadPages(cfg.Log)
	if err != nil {
		return nil, err
	}
	s := &Server{
		chain: cfg.Chain, history: NewHistory(cfg.Chain, cfg.Log), liveness: NewLiveness(cfg.Chain, cfg.Log), cluster: cfg.Cluster, log: cfg.Log,
		pages: p, inFlight: make(chan struct{}, maxInFlight),
	}
	s.handler = s.guard(s.routes())
	return s, nil
}

// Handler is the server's HTTP handler (routes behind the request guard).
func (s *Server) Handler() http.Handler { return s.handler }

// History is the server's job history (tests and benchmarks refresh it directly).
func (s *Server) History() *History { return s.history }

// Serve answers on ln until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		s.allowAnyHost = true
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("explorer: serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("explorer: shut down: %w", err)
	}
	return nil
}

// guard bounds every request before a route sees it: method, URL length, Host (against DNS
// rebinding while on loopback), concurrency and time; it sets the security headers and turns a
// panic into a 500 for that request alone.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("explorer: request failed", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "read-only: only GET and HEAD", http.StatusMethodNotAllowed)
			return
		case len(r.URL.RequestURI()) > MaxURLLen:
			http.Error(w, fmt.Sprintf("URL longer than %d bytes", MaxURLLen), http.StatusRequestURITooLong)
			return
		case !s.allowAnyHost && !loopbackHost(r.Host):
			http.Error(w, "unexpected Host header: use http://127.0.0.1 or http://localhost", http.StatusMisdirectedRequest)
			return
		}
		select {
		case s.inFlight <- struct{}{}:
			defer func() { <-s.inFlight }()
		default:
			http.Error(w, "busy: too many requests at once, try again", http.StatusServiceUnavailable)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
