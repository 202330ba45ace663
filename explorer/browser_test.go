package explorer

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
)

// screenshots is where TestBrowser writes its PNGs (`make screenshots` points it at docs/explorer).
var screenshots = flag.String("explorer.screenshots", "", "directory for the browser tests' screenshots (default: a temporary one)")

// chromium finds Debian's chromium (or another Chromium-based browser) on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("no chromium on PATH: install it with `make deps` (Debian packages chromium and chromium-driver) to run the browser tests")
	return ""
}

// browser is a headless Chromium with a fresh profile, driven over the DevTools protocol.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	_, err := chromedp.Run(ctx, chromedp.Title()) // starts the browser with ctx's lifetime
	require.NoError(t, err, "start chromium")
	return ctx
}

// TestBrowser loads every page in headless Chromium, checks what it shows, and writes a
// non-blank screenshot of each.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	dir := *screenshots
	if dir == "" {
		dir = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	st, err := c.Emission.Status(t.Context())
	require.NoError(t, err)
	device := scene.device.PublicKey().String()
	pages := []struct {
		name, path string
		check      func(t *testing.T)
	}{
		{"network", "/", func(t *testing.T) {
			require.Equal(t, solanax.FormatAmount(st.Supply, schedule.Decimals)+" IO", text(t, ctx, "#supply"))
			// The zoom buttons redraw the chart from /api/chart.
			require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Click(chromedp.CSS(`button[data-span="year"]`)),
				chromedp.WaitVisible(chromedp.CSS(`button[data-span="year"][aria-pressed="true"]`))))
			require.Equal(t, "8760", text(t, ctx, "#chart-to"))
			require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Click(chromedp.CSS(`button[data-span="day"]`)),
				chromedp.WaitVisible(chromedp.CSS(`button[data-span="day"][aria-pressed="true"]`))))
			require.Equal(t, "24", text(t, ctx, "#chart-to"))
		}},
		{"devices", "/devices", func(t *testing.T) {
			require.Contains(t, text(t, ctx, "main table tbody"), "RTX4090")
		}},
		{"device", "/devices/" + device, func(t *testing.T) {
			row := text(t, ctx, fmt.Sprintf(`#epochs tr[data-epoch="%d"]`, scene.notLiveEpoch))
			require.Contains(t, row, "not live: no heartbeat recorded")
		}},
		{"jobs", "/jobs", func(t *testing.T) {
			require.Contains(t, text(t, ctx, "main"), "settled")
		}},
		{"job", fmt.Sprintf("/jobs/%d", scene.job), func(t *testing.T) {
			require.Equal(t, solanax.FormatAmount(wantPayout(t).Paid, solanax.IODecimals)+" IO", text(t, ctx, "#paid"))
		}},
		{"governance", "/governance", func(t *testing.T) {
			require.Contains(t, text(t, ctx, "main"), "1000 IO")
		}},
		{"wallet", "/wallet?address=" + scene.owner.PublicKey().String(), func(t *testing.T) {
			require.Contains(t, text(t, ctx, "main"), device)
		}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			start := time.Now()
			require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Navigate(web.URL+p.path), chromedp.WaitReady(chromedp.CSS("footer"))))
			t.Logf("%s loaded in %s", p.path, time.Since(start).Round(time.Millisecond))
			p.check(t)
			shot, err := chromedp.Run(step(t, ctx), chromedp.FullScreenshot(100))
			require.NoError(t, err)
			requireNotBlank(t, shot)
			require.NoError(t, os.WriteFile(filepath.Join(dir, p.name+".png"), shot, 0o644))
		})
	}
}

// step bounds one browser step (the browser itself lives as long as ctx).
func step(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// text is the visible text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(step(t, ctx), chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	require.NoError(t, err, sel)
	return strings.TrimSpace(s)
}

// requireNotBlank checks that a PNG decodes and is not one flat colour: some pixels differ from
// the background, in more than a few colours.
func requireNotBlank(t *testing.T, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	b := img.Bounds()
	require.Greater(t, b.Dx(), 100)
	require.Greater(t, b.Dy(), 100)
	bg := img.At(b.Min.X, b.Min.Y)
	colours := map[[4]uint32]bool{}
	differ := 0
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			px := img.At(x, y)
			r, g, bl, a := px.RGBA()
			colours[[4]uint32{r, g, bl, a}] = true
			if px != bg {
				differ++
			}
		}
	}
	total := (b.Dx() / 3) * (b.Dy() / 3)
	require.Greater(t, len(colours), 8, "the screenshot has almost no colours: blank?")
	require.Greater(t, differ, total/100, "the screenshot is almost all background: blank?")
}
