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

	"github.com/chromedp/cdproto/emulation"
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
	// Chromium's own temporary files (org.chromium.Chromium.*) go here, not into TMPDIR: a short
	// path (its SingletonSocket must fit a unix socket's 108 bytes), removed after the browser.
	tmp, err := os.MkdirTemp("", "chromium-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(tmp) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env("TMPDIR=" + tmp),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	_, err = chromedp.Run(ctx, chromedp.Title()) // starts the browser with ctx's lifetime
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
			require.Equal(t, solanax.FormatAmount(st.Supply, schedule.Decimals), text(t, ctx, "#supply"))
			require.Equal(t, "live: updates every 5 s", text(t, ctx, "#updated")) // the script runs
			// The zoom buttons redraw the chart from /api/chart.
			require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Click(chromedp.CSS(`button[data-span="year"]`)),
				chromedp.WaitVisible(chromedp.CSS(`button[data-span="year"][aria-pressed="true"]`))))
			require.Equal(t, "8760", text(t, ctx, "#chart-to"))
			require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Click(chromedp.CSS(`button[data-span="day"]`)),
				chromedp.WaitVisible(chromedp.CSS(`button[data-span="day"][aria-pressed="true"]`))))
			require.Equal(t, "24", text(t, ctx, "#chart-to"))
			// A burn lands: within a refresh (5 s) the page shows it without a reload.
			operator, err := chain.Manifest.Distribution.Load()
			require.NoError(t, err)
			before := text(t, ctx, `[data-field="burned.uiAmountString"]`)
			_, _, err = c.Emission.Burn(t.Context(), operator, ioUnit, "live update check")
			require.NoError(t, err)
			st, err := c.Emission.Status(t.Context())
			require.NoError(t, err)
			want := solanax.FormatAmount(st.Burned, schedule.Decimals)
			require.NotEqual(t, before, want)
			require.Eventually(t, func() bool { return text(t, ctx, `[data-field="burned.uiAmountString"]`) == want }, 12*time.Second, 250*time.Millisecond)
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

// TestBrowserPhoneWithoutScript loads every page at a phone's width with JavaScript off: the
// server-rendered tables carry the content, and nothing makes the page scroll sideways (wide
// tables scroll inside their own box).
func TestBrowserPhoneWithoutScript(t *testing.T) {
	ctx := browser(t)
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(step(t, ctx), chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch)))
	for _, path := range []string{
		"/", "/devices", "/devices/" + scene.device.PublicKey().String(), "/jobs", fmt.Sprintf("/jobs/%d", scene.job),
		"/governance", "/wallet?address=" + scene.owner.PublicKey().String(),
	} {
		t.Run(path, func(t *testing.T) {
			require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Navigate(web.URL+path), chromedp.WaitReady(chromedp.CSS("footer"))))
			require.Equal(t, "rendered by the server", text(t, ctx, "#updated")) // the script did not run
			overflow, err := chromedp.Run(step(t, ctx), chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth + 1"))
			require.NoError(t, err)
			require.False(t, overflow, "the page is wider than the phone's screen")
		})
	}
	require.NoError(t, chromedp.Do(step(t, ctx), chromedp.Navigate(fmt.Sprintf("%s/jobs/%d", web.URL, scene.job)), chromedp.WaitReady(chromedp.CSS("footer"))))
	require.Equal(t, "3 IO", text(t, ctx, "#paid"))
}
