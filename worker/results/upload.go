package results

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"
	"time"

	"github.com/ionet-oss/ionet/client/jobs"
)

// Uploader PUTs archives with retries.
type Uploader struct {
	Client *http.Client
	// Attempts is how many times an upload is tried; Wait the first pause between tries
	// (doubling each time).
	Attempts int
	Wait     time.Duration
	// Progress is how often a running upload logs how far it got.
	Progress time.Duration
	Log      *slog.Logger
}

// NewUploader has the defaults: 6 attempts from 1 s apart, progress every 10 s.
func NewUploader(log *slog.Logger) *Uploader {
	return &Uploader{Client: &http.Client{}, Attempts: 6, Wait: time.Second, Progress: 10 * time.Second, Log: log}
}

// Redact is u without its query and user info, which may carry credentials (a presigned URL's
// signature): what logs and errors may show.
func Redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparseable URL)"
	}
	p.User, p.RawQuery, p.Fragment = nil, "", ""
	return p.String()
}

// permanent is an answer that trying again would not change.
type permanent struct{ error }

// Put uploads the file at path to out, streaming it from disk, retrying network failures and
// 5xx or 429 answers with backoff.
func (u *Uploader) Put(ctx context.Context, out jobs.Output, path string) error {
	target := Redact(out.URL)
	wait := u.Wait
	var err error
	for attempt := 1; attempt <= u.Attempts; attempt++ {
		if err = u.put(ctx, out, path); err == nil {
			return nil
		}
		var p permanent
		if errors.As(err, &p) || ctx.Err() != nil || attempt == u.Attempts {
			break
		}
		u.Log.Warn("results upload failed; retrying", "target", target, "attempt", attempt, "retryIn", wait, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("upload results to %s: %w", target, ctx.Err())
		case <-time.After(wait):
		}
		wait *= 2
	}
	return fmt.Errorf("upload results to %s: %w", target, err)
}

func (u *Uploader) put(ctx context.Context, out jobs.Output, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return permanent{err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return permanent{err}
	}
	body := &counter{r: f}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, out.URL, body)
	if err != nil {
		return permanent{errors.New("the output URL is not a valid URL")}
	}
	req.ContentLength = info.Size()
	req.GetBody = nil // a retry opens the file again
	req.Header.Set("Content-Type", "application/x-tar")
	for k, v := range out.Headers {
		req.Header.Set(k, v)
	}
	done := make(chan struct{})
	defer close(done)
	go u.report(done, body, info.Size(), Redact(out.URL))
	res, err := u.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL (and its credentials) stays out of the error
		}
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
	switch {
	case res.StatusCode >= 200 && res.StatusCode < 300:
		u.Log.Info("results uploaded", "target", Redact(out.URL), "bytes", info.Size())
		return nil
	case res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusRequestTimeout:
		return fmt.Errorf("the server answered %s", res.Status)
	default:
		return permanent{fmt.Errorf("the server answered %s", res.Status)}
	}
}

// report logs the upload's progress every Progress until done.
func (u *Uploader) report(done <-chan struct{}, c *counter, total int64, target string) {
	if u.Progress <= 0 {
		return
	}
	tick := time.NewTicker(u.Progress)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			sent := c.n.Load()
			u.Log.Info("uploading results", "target", target, "sent", sent, "total", total, "percent", sent*100/max(total, 1))
		}
	}
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n atomic.Int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
