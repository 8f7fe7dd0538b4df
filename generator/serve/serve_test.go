package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/renewals/renewals/generator/echarts"
	"github.com/renewals/renewals/generator/internal/browsertest"
	"github.com/renewals/renewals/generator/sample"
	"github.com/renewals/renewals/themes"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// save replaces a file as editors do, by renaming a whole new copy over
// it: written in place, a poll could read it half written (truncated and
// not yet filled) and build from that, which a busy machine makes likely.
func save(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(filepath.Dir(path)), ".saving")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// eventually polls cond for up to 10 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// startSample writes a small sample project and starts a server on it,
// polling every 20 ms; Run is the caller's to start.
func startSample(t *testing.T) (s *Server, dir string) {
	t.Helper()
	dir = t.TempDir()
	if _, err := sample.Write(dir, sample.Options{Devices: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	s = New(Options{Config: filepath.Join(dir, "report.toml"), Addr: "127.0.0.1:0", Poll: 20 * time.Millisecond})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestServe(t *testing.T) {
	s, dir := startSample(t)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- s.Run(ctx) }()
	base := "http://" + s.Addr()

	code, body := get(t, base+"/")
	if code != 200 || !strings.Contains(body, "Executive summary") || !strings.Contains(body, `<script src="/__renewals/reload.js" data-version="1"></script></body>`) {
		t.Fatalf("GET / = %d\n%.300s", code, body)
	}
	if code, _ := get(t, base+"/contracts"); code != 200 {
		t.Errorf("a folder without its slash: %d", code)
	}
	// Nothing outside the site is served.
	for _, p := range []string{"/../report.toml", "/..%2freport.toml", "/%2e%2e/%2e%2e/etc/passwd", "/sample-data/eox.csv", "/report.toml"} {
		if code, body := get(t, base+p); code != 404 || strings.Contains(body, "as_of") || strings.Contains(body, "EOLProductID") {
			t.Errorf("GET %s = %d", p, code)
		}
	}

	// A commentary edit rebuilds without importing the exports again.
	index := filepath.Join(dir, "content", "index.md")
	src, _ := os.ReadFile(index)
	save(t, index, append(src, []byte("\nFresh words from the manager.\n")...))
	eventually(t, "the edit to appear", func() bool { _, b := get(t, base+"/"); return strings.Contains(b, "Fresh words from the manager.") })
	if loads, renders := s.Counts(); loads != 1 || renders != 2 {
		t.Errorf("after a commentary edit: %d loads, %d renders; want 1 and 2", loads, renders)
	}

	// A broken edit keeps the last good site and reports where.
	save(t, index, append(src, []byte("\n{{< figure no_such_figure >}}\n")...))
	var st State
	eventually(t, "the error", func() bool {
		_, b := get(t, base+"/__renewals/state")
		json.Unmarshal([]byte(b), &st)
		return st.Error != ""
	})
	if !strings.Contains(st.Error, filepath.Join(dir, "content", "index.md")+":") || !strings.Contains(st.Error, `unknown figure "no_such_figure"`) {
		t.Errorf("error = %q", st.Error)
	}
	if _, b := get(t, base+"/"); !strings.Contains(b, "Fresh words from the manager.") {
		t.Error("the last good site is not served")
	}

	// The event stream tells an open page at once.
	resp, err := http.Get(base + "/__renewals/events")
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	if !strings.HasPrefix(line, "data: ") || !strings.Contains(line, "no_such_figure") {
		t.Errorf("first event %q", line)
	}

	// Fixing it clears the error; editing an export loads the project again.
	save(t, index, src)
	eventually(t, "the fix", func() bool { _, b := get(t, base+"/__renewals/state"); return strings.Contains(b, `"error":""`) })
	eox := filepath.Join(dir, "sample-data", "eox.csv")
	data, _ := os.ReadFile(eox)
	save(t, eox, append(data, []byte("\n")...))
	eventually(t, "a reload", func() bool { loads, _ := s.Counts(); return loads == 2 })

	cancel()
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop")
	}
	resp.Body.Close()
	if _, err := http.Get(base + "/"); err == nil {
		t.Error("still serving after stop")
	}
}

// TestServeInTheBrowser opens a served page, breaks the commentary, and
// checks the overlay; fixing it reloads the page.
func TestServeInTheBrowser(t *testing.T) {
	ctx := browsertest.Start(t)
	s, dir := startSample(t)
	sctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(sctx)
	base := "http://" + s.Addr() + "/"
	var w browsertest.Watch
	if err := w.Listen(ctx, base); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "content", "index.md")
	src, _ := os.ReadFile(index)
	save(t, index, append(src, []byte("\n{{< chart no_such_chart >}}\n")...))
	text, err := chromedp.Run(ctx, chromedp.Poll[string](`(document.getElementById("renewals-build-error") || {}).textContent || ""`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil || !strings.Contains(text, "content/index.md:") || !strings.Contains(text, `unknown chart "no_such_chart"`) {
		t.Fatalf("overlay %q (%v)", text, err)
	}
	save(t, index, append(src, []byte("\nThe fixed text.\n")...))
	// The page reloads itself; an evaluation that meets the navigation
	// fails and is tried again.
	fixed := `document.body.textContent.includes("The fixed text.") && !document.getElementById("renewals-build-error")`
	eventually(t, "the page to reload after the fix", func() bool {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fixed))
		return err == nil && ok
	})
	errs, reqs := w.Take()
	for _, e := range errs {
		t.Error(e)
	}
	for _, r := range reqs {
		t.Errorf("requested %s", r)
	}
}

// TestEditDuringRebuildIsSeen: a file saved while a rebuild runs differs
// from the stamps the next poll compares with.
func TestEditDuringRebuildIsSeen(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	before := map[string]stamp{"index.md": {10, t0, 'c'}, "report.toml": {5, t0, 'i'}}
	after := map[string]stamp{"index.md": {12, t0.Add(time.Second), 'c'}, "report.toml": {5, t0, 'i'}, "new.csv": {7, t0, 'i'}}
	next := since(before, after)
	changed := diff(next, map[string]stamp{"index.md": {12, t0.Add(time.Second), 'c'}, "report.toml": {5, t0, 'i'}, "new.csv": {7, t0, 'i'}})
	if len(changed) != 1 || changed["index.md"] != 'c' {
		t.Errorf("changed = %v, want index.md", changed)
	}
}

// An edit saved after the first build but before the watching starts is
// still seen: the first poll compares with what the build read.
func TestServeSeesAnEditBeforeRun(t *testing.T) {
	s, dir := startSample(t)
	index := filepath.Join(dir, "content", "index.md")
	src, _ := os.ReadFile(index)
	save(t, index, append(src, []byte("\nWritten before the watch began.\n")...))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	eventually(t, "the edit to appear", func() bool {
		_, b := get(t, "http://"+s.Addr()+"/")
		return strings.Contains(b, "Written before the watch began.")
	})
}

// TestEditDuringFirstLoadIsSeen: a file saved while a build read it,
// found by that build (as every file is by the first), is left out of the
// stamps the next poll compares with, so that the poll sees it changed.
// A file dated after the build, by a clock ahead of this one, is kept.
func TestEditDuringFirstLoadIsSeen(t *testing.T) {
	began := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	ended := began.Add(2 * time.Second)
	stamps := map[string]stamp{
		"report.toml": {5, began.Add(-time.Hour), 'i'},
		"index.md":    {12, began.Add(time.Second), 'c'},
		"late.csv":    {7, ended.Add(time.Hour), 'i'},
	}
	next := during(stamps, began, ended)
	changed := diff(next, map[string]stamp{
		"report.toml": {5, began.Add(-time.Hour), 'i'},
		"index.md":    {12, began.Add(time.Second), 'c'},
		"late.csv":    {7, ended.Add(time.Hour), 'i'},
	})
	if len(changed) != 1 || changed["index.md"] != 'c' {
		t.Errorf("changed = %v, want index.md", changed)
	}
}

// TestServeSeesANewTheme: a theme folder made while serve runs is
// watched and used from then on, as build would use it.
func TestServeSeesANewTheme(t *testing.T) {
	s, dir := startSample(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	layout, err := fs.ReadFile(themes.FS, "default/layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	layout = bytes.ReplaceAll(layout, []byte("</head>"), []byte(`<meta name="theme" content="made while serving"></head>`))
	// Made aside and moved into place whole, as a poll must not see it half made.
	staged := filepath.Join(dir, ".theme")
	os.MkdirAll(filepath.Join(staged, "default", "layouts"), 0o755)
	if err := os.WriteFile(filepath.Join(staged, "default", "layouts", "page.html"), layout, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(staged, filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the new theme to be used", func() bool {
		_, b := get(t, "http://"+s.Addr()+"/")
		return strings.Contains(b, `content="made while serving"`)
	})
}

// lockedBuffer is a log the server writes from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runLogged starts serve on a small sample with its terminal in a buffer,
// and runs it until the test ends.
func runLogged(t *testing.T) (*Server, string, *lockedBuffer) {
	t.Helper()
	dir := t.TempDir()
	if _, err := sample.Write(dir, sample.Options{Devices: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	log := &lockedBuffer{}
	s := New(Options{Config: filepath.Join(dir, "report.toml"), Addr: "127.0.0.1:0", Poll: 20 * time.Millisecond, Log: log})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go s.Run(ctx)
	return s, dir, log
}

// TestServeWithoutECharts: with no ECharts anywhere, serve still serves the
// whole report, its charts as tables, and warns once, not at every
// rebuild.
func TestServeWithoutECharts(t *testing.T) {
	t.Setenv(echarts.EnvVar, "")
	t.Chdir(t.TempDir()) // no node_modules above the working folder
	s, dir, log := runLogged(t)
	base := "http://" + s.Addr()
	if code, body := get(t, base+"/spend/"); code != 200 || !strings.Contains(body, `<figure class="chart chart-static"`) || strings.Contains(body, "echarts.min.js") {
		t.Fatalf("GET /spend/ = %d\n%.300s", code, body)
	}
	if code, _ := get(t, base+"/assets/echarts.min.js"); code != 404 {
		t.Errorf("GET /assets/echarts.min.js = %d", code)
	}
	save(t, filepath.Join(dir, "report.toml"), append(must(os.ReadFile(filepath.Join(dir, "report.toml"))), "\n# edited\n"...))
	eventually(t, "a rebuild after the config changed", func() bool { loads, _ := s.Counts(); return loads >= 2 })
	if n := strings.Count(log.String(), "warning: charts are shown as data tables"); n != 1 {
		t.Errorf("the warning is logged %d times:\n%s", n, log.String())
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestServeTrustsNoOtherHost: a request whose Host is a name this server
// does not answer to (DNS rebinding) gets nothing; state and every other
// path answer only GET and HEAD.
func TestServeTrustsNoOtherHost(t *testing.T) {
	s, _ := startSample(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	do := func(method, host, path string) (int, string) {
		req, _ := http.NewRequest(method, "http://"+s.Addr()+path, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for _, host := range []string{"evil.example", "evil.example:1313", "localhost.evil.example"} {
		for _, p := range []string{"/data/figures.json", "/__renewals/state", "/"} {
			if code, body := do("GET", host, p); code != http.StatusForbidden || strings.Contains(body, "annual_spend") {
				t.Errorf("Host %s, GET %s = %d", host, p, code)
			}
		}
	}
	_, port, _ := net.SplitHostPort(s.Addr())
	for _, host := range []string{"", "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST"} {
		if code, _ := do("GET", host, "/data/figures.json"); code != 200 {
			t.Errorf("Host %q = %d", host, code)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		for _, p := range []string{"/__renewals/state", "/__renewals/events", "/"} {
			if code, _ := do(m, "", p); code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s = %d", m, p, code)
			}
		}
	}
}

// TestServePrintsTheDataWarnings: serve prints the warnings build prints,
// once, not at every rebuild.
func TestServePrintsTheDataWarnings(t *testing.T) {
	s, dir, log := runLogged(t)
	first := strings.Count(log.String(), ": warning: ")
	if first == 0 {
		t.Fatalf("no warning printed:\n%s", log.String())
	}
	save(t, filepath.Join(dir, "report.toml"), append(must(os.ReadFile(filepath.Join(dir, "report.toml"))), "\n# edited\n"...))
	eventually(t, "a rebuild after the config changed", func() bool { loads, _ := s.Counts(); return loads >= 2 })
	if n := strings.Count(log.String(), ": warning: "); n != first {
		t.Errorf("the same warnings printed again: %d, then %d", first, n)
	}
}
