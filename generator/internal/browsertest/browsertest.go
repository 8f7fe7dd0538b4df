// Package browsertest starts headless Chromium for the tests that check
// the report as a person sees it, and watches what a page logs and
// requests.
package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Need finds a tool the browser tests use. Without it they skip, except in
// CI (CI is set), where a skipped browser test would hide a broken site.
func Need(t *testing.T, tool, install string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI: %s", tool, install)
	}
	t.Skipf("%s is not installed (%s); skipping the browser tests", tool, install)
	return ""
}

// NeedNodeModules checks that npm ci has run: the site's charts need
// ECharts, and the tests run axe-core. Without them the browser tests skip
// at once, or fail at once in CI, rather than wait for charts that never
// come.
func NeedNodeModules(t *testing.T) {
	t.Helper()
	dir, err := os.Getwd()
	for err == nil {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if parent := filepath.Dir(dir); parent != dir {
			dir = parent
			continue
		}
		err = os.ErrNotExist
	}
	var missing []string
	for _, f := range []string{"node_modules/echarts/dist/echarts.common.min.js", "node_modules/axe-core/axe.min.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("%s missing in %s: run npm ci there", strings.Join(missing, " and "), dir)
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (required in CI)", msg)
	}
	t.Skipf("%s; skipping the browser tests", msg)
}

// Start starts headless Chromium with no network of its own and returns
// its context, which the test's cleanup closes. A browser that fails to
// start, as one now and then does on a loaded machine, is started again
// before the test fails.
func Start(t *testing.T) context.Context {
	t.Helper()
	exe := Need(t, "chromium", "apt-get install chromium")
	NeedNodeModules(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true), chromedp.WindowSize(1280, 900))
	var err error
	for attempt := 1; attempt <= launchAttempts; attempt++ {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts[:len(opts):len(opts)], chromedp.UserDataDir(t.TempDir()))...)
		ctx, cancelBrowser := chromedp.NewContext(actx)
		// No actions: this starts the browser. Its context has no timeout,
		// which would stop the browser with it.
		if err = chromedp.Do(ctx); err == nil {
			t.Cleanup(cancelAlloc)
			t.Cleanup(cancelBrowser)
			ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
			t.Cleanup(cancel)
			return ctx
		}
		cancelBrowser()
		cancelAlloc()
		t.Logf("chromium did not start (attempt %d of %d): %v", attempt, launchAttempts, err)
	}
	t.Fatalf("chromium did not start: %v", err)
	return nil
}

// launchAttempts is how many times Start tries to start the browser.
const launchAttempts = 3

// Watch records console errors and requests that leave the allowed
// schemes.
type Watch struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

// Listen starts recording; only file: and data: requests are allowed,
// plus the origins given.
func (w *Watch) Listen(ctx context.Context, allowed ...string) error {
	return chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				w.errors = append(w.errors, "console: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			w.errors = append(w.errors, "exception: "+e.ExceptionDetails.Text+" "+fmt.Sprint(e.ExceptionDetails.Exception.Description))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				w.errors = append(w.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(e.Request.URL)
			ok := err == nil && (u.Scheme == "file" || u.Scheme == "data")
			for _, a := range allowed {
				ok = ok || strings.HasPrefix(e.Request.URL, a)
			}
			if !ok {
				w.requests = append(w.requests, e.Request.URL)
			}
		}
	})
}

// Take returns and forgets what was recorded.
func (w *Watch) Take() (errs, reqs []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	errs, reqs = w.errors, w.requests
	w.errors, w.requests = nil, nil
	return
}
