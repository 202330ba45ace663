package explorer

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/ionet-oss/ionet/cli"
)

//go:embed web
var webFiles embed.FS

// titles are the pages' titles.
var titles = map[string]string{
	"network": "Network", "devices": "Devices", "device": "Device", "jobs": "Jobs", "job": "Job",
	"governance": "Staking and governance", "wallet": "Wallet",
}

// view is what every page template gets.
type view struct {
	Title   string
	Page    string
	Cluster string
	API     string // the page's JSON twin, polled for live updates
	Error   string
	Data    any
}

// pages are the parsed templates, one set per page (the layout plus the page).
type pages struct {
	byName map[string]*template.Template
	log    *slog.Logger
}

var funcs = template.FuncMap{
	"short": func(s string) string {
		if len(s) <= 12 {
			return s
		}
		return s[:4] + "…" + s[len(s)-4:]
	},
	"yesno": func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	},
	"join": strings.Join,
	// amt is an amount (cli.Amount or *cli.Amount) with its unit, "-" when there is none.
	"amt": func(v any, unit string) string {
		switch a := v.(type) {
		case cli.Amount:
			return a.String() + " " + unit
		case *cli.Amount:
			if a != nil {
				return a.String() + " " + unit
			}
		}
		return "-"
	},
}

func loadPages(log *slog.Logger) (*pages, error) {
	names, err := fs.Glob(webFiles, "web/templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}, log: log}
	for _, path := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "web/templates/"), ".html")
		if name == "layout" || name == "common" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(webFiles, "web/templates/layout.html", "web/templates/common.html", path)
		if err != nil {
			return nil, fmt.Errorf("explorer: template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes page name with v, buffered so that a template error never sends half a page.
func (p *pages) render(w http.ResponseWriter, code int, name string, v view) {
	t, ok := p.byName[name]
	if !ok {
		http.Error(w, "no template "+name, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		p.log.Error("explorer: render a page", "page", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = buf.WriteTo(w)
}
