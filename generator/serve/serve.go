// Package serve builds a report project and serves it from memory for
// live authoring: it watches the config, the inputs, the commentary and a
// local theme, rebuilds on change, and reloads the open pages. A failed
// rebuild keeps the last good site and shows the error, with its
// file:line:col, in the terminal and over the page.
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/renewals/renewals/generator"
	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/site"
)

// Options configure a server.
type Options struct {
	Config string
	Addr   string // default 127.0.0.1:1313
	// Log receives the terminal's messages; nil is quiet.
	Log io.Writer
	// Poll is how often files are checked; default 300 ms.
	Poll time.Duration
	// MaxFileSize is the largest input file read (see generator.Options).
	MaxFileSize int64
}

// Server serves one project.
type Server struct {
	opt Options

	mu      sync.RWMutex
	files   map[string][]byte // the last good site
	version int               // counts good builds
	problem string            // the current build error, "" when good
	project *generator.Project
	// chartsWarned is set once the missing ECharts has been reported;
	// warned holds the data's warnings last printed.
	chartsWarned bool
	warned       string
	loads        int // full loads, for tests
	renders      int
	waiters      []chan struct{}

	ln   net.Listener
	srv  *http.Server
	done chan struct{} // closed when Run stops: open event streams end
	// start holds the files' stamps as the first build found them. Run
	// compares its first poll with them, so that an edit saved between
	// Start and Run is not taken for the state the site was built from.
	start map[string]stamp
}

// New prepares a server; Start builds and listens.
func New(opt Options) *Server {
	if opt.Addr == "" {
		opt.Addr = "127.0.0.1:1313"
	}
	if opt.Poll == 0 {
		opt.Poll = 300 * time.Millisecond
	}
	s := &Server{opt: opt, done: make(chan struct{})}
	return s
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		fmt.Fprintf(s.opt.Log, format, args...)
	}
}

// Start builds the site and starts listening. A build error does not stop
// it: the error is shown until a change fixes it.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", s.opt.Addr)
	if err != nil {
		return err
	}
	s.ln = ln
	began := time.Now()
	s.load("start")
	s.start = during(s.stamps(), began, time.Now())
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return nil
}

// allowedHost reports whether a request's Host names this server: an IP
// address (which no other site can take over), localhost, the host named
// in -addr (-addr reports.example.org:1313 for a name of its own), or this
// machine's name. Any other name may be an attacker's,
// pointed at this address after a page of theirs loaded.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if h, _, err := net.SplitHostPort(s.opt.Addr); err == nil && h != "" && strings.EqualFold(h, host) {
		return true
	}
	name, err := os.Hostname()
	return err == nil && name != "" && strings.EqualFold(name, host)
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Run watches the files until ctx ends, then stops the server.
func (s *Server) Run(ctx context.Context) error {
	stamps := s.start
	if stamps == nil {
		stamps = s.stamps()
	}
	tick := time.NewTicker(s.opt.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			close(s.done)
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			return s.srv.Shutdown(shut)
		case <-tick.C:
			now := s.stamps()
			changed := diff(stamps, now)
			if len(changed) == 0 {
				continue
			}
			began := time.Now()
			s.rebuild(changed)
			// A full load may watch other files now. The files watched
			// before keep the stamps they had when the rebuild began, so
			// that an edit saved while it ran is seen at the next tick;
			// so is one to a file the load has just found.
			stamps = during(since(now, s.stamps()), began, time.Now())
		}
	}
}

// stamp is what a poll compares.
type stamp struct {
	size int64
	mod  time.Time
	kind byte // 'i' input or config, 'c' commentary, 't' theme
}

func (s *Server) stamps() map[string]stamp {
	m := map[string]stamp{}
	add := func(p string, kind byte) {
		if st, err := os.Stat(p); err == nil {
			m[p] = stamp{st.Size(), st.ModTime(), kind}
		} else {
			m[p] = stamp{-1, time.Time{}, kind}
		}
	}
	walk := func(dir string, kind byte) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				add(p, kind)
			}
			return nil
		})
	}
	add(s.opt.Config, 'i')
	s.mu.RLock()
	p := s.project
	s.mu.RUnlock()
	if p != nil {
		inputs, content := p.Watched()
		for _, f := range inputs {
			add(f, 'i')
		}
		if content != "" {
			walk(content, 'c')
		}
	}
	// The project's theme folder, looked for at every poll: one made while
	// serve runs is seen as soon as it is.
	if dir := generator.ThemeDir(filepath.Dir(s.opt.Config)); dir != "" {
		walk(dir, 't')
	}
	return m
}

// since returns the stamps to compare the next poll with: after's files,
// with the stamps that before has for the files it knows.
func since(before, after map[string]stamp) map[string]stamp {
	for p := range after {
		if st, ok := before[p]; ok {
			after[p] = st
		}
	}
	return after
}

// during drops from stamps the files modified between began and ended,
// while a build read them: the next poll then sees them as changed. A file
// dated after ended (a clock ahead of this one) is kept, or it would
// rebuild the site at every poll.
func during(stamps map[string]stamp, began, ended time.Time) map[string]stamp {
	for p, st := range stamps {
		if !st.mod.Before(began) && !st.mod.After(ended) {
			delete(stamps, p)
		}
	}
	return stamps
}

func diff(a, b map[string]stamp) map[string]byte {
	out := map[string]byte{}
	for p, x := range b {
		if y, ok := a[p]; !ok || x.size != y.size || !x.mod.Equal(y.mod) {
			out[p] = x.kind
		}
	}
	for p, y := range a {
		if _, ok := b[p]; !ok {
			out[p] = y.kind
		}
	}
	return out
}

// rebuild does the least work the changes allow: commentary only means
// parse Markdown and render again; a theme change means render again;
// anything else means load the project again.
func (s *Server) rebuild(changed map[string]byte) {
	var names []string
	kinds := map[byte]bool{}
	for p, k := range changed {
		names = append(names, p)
		kinds[k] = true
	}
	sort.Strings(names)
	why := names[0]
	if len(names) > 1 {
		why += fmt.Sprintf(" and %d more", len(names)-1)
	}
	s.mu.RLock()
	p := s.project
	s.mu.RUnlock()
	switch {
	case kinds['i'] || p == nil || p.Report == nil:
		s.load(why)
	case kinds['c']:
		start := time.Now()
		if l := p.ReloadContent(); l.HasErrors(false) {
			s.fail(l, why)
			return
		}
		s.render(p, why, start)
	default:
		s.render(p, why, time.Now())
	}
}

// load reads the whole project again.
func (s *Server) load(why string) {
	start := time.Now()
	p := generator.Load(generator.Options{Config: s.opt.Config, MaxFileSize: s.opt.MaxFileSize})
	s.mu.Lock()
	s.loads++
	s.project = p
	warn := p.ChartsMissing() != "" && !s.chartsWarned
	s.chartsWarned = s.chartsWarned || warn
	s.mu.Unlock()
	if warn {
		s.logf("renewals: warning: %s\n", p.ChartsMissing())
	}
	if p.Diags.HasErrors(false) || p.Report == nil {
		s.fail(p.Diags, why)
		return
	}
	// The data's warnings, as build prints them: once, and again only
	// when they change.
	p.Diags.Sort()
	var b bytes.Buffer
	p.Diags.Write(&b)
	if text := b.String(); text != s.warned {
		s.warned = text
		s.logf("%s", text)
	}
	s.render(p, why, start)
}

func (s *Server) render(p *generator.Project, why string, start time.Time) {
	files, err := p.Render(generator.RenderOptions{})
	if err != nil {
		l := &diag.List{}
		l.Add(p.Diagnose(err)) // a theme's error at its template, not at the config
		s.fail(l, why)
		return
	}
	s.mu.Lock()
	s.files, s.problem = files, ""
	s.version++
	s.renders++
	s.mu.Unlock()
	s.logf("renewals: built %d pages after %s (%d ms)\n", site.PageCount(files), why, time.Since(start).Milliseconds())
	s.notify()
}

// fail keeps the last good site and shows the errors.
func (s *Server) fail(l *diag.List, why string) {
	l.Sort()
	var b bytes.Buffer
	l.Write(&b)
	text := b.String()
	if text == "" {
		text = "the build failed\n"
	}
	s.mu.Lock()
	s.problem = text
	s.mu.Unlock()
	s.logf("renewals: the build after %s failed; still serving the last good site\n%s", why, text)
	s.notify()
}

// notify wakes every open page.
func (s *Server) notify() {
	s.mu.Lock()
	for _, w := range s.waiters {
		close(w)
	}
	s.waiters = nil
	s.mu.Unlock()
}

// Counts reports how many full loads and renders happened, for tests.
func (s *Server) Counts() (loads, renders int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.loads, s.renders
}

// State is what the open pages are told.
type State struct {
	Version int    `json:"version"`
	Error   string `json:"error"`
}

func (s *Server) state() (State, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := make(chan struct{})
	s.waiters = append(s.waiters, w)
	return State{s.version, s.problem}, w
}

// ServeHTTP serves the site from memory, and the live-reload endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if !s.allowedHost(r.Host) {
		// A page on another site that points its own name at this
		// address (DNS rebinding) must not read the report.
		http.Error(w, "this server answers only to the address it listens on, such as http://"+s.Addr()+"/", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/__renewals/events":
		s.events(w, r)
		return
	case "/__renewals/state":
		st, _ := s.state()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(st)
		return
	case "/__renewals/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
		return
	}
	// Only names of the in-memory site resolve: nothing on disk is reachable.
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") || name == "/" {
		name = path.Join(name, "index.html")
	}
	name = strings.TrimPrefix(name, "/")
	s.mu.RLock()
	data, ok := s.files[name]
	_, isDir := s.files[name+"/index.html"]
	version := s.version
	s.mu.RUnlock()
	if !ok && isDir {
		http.Redirect(w, r, "/"+name+"/", http.StatusFound)
		return
	}
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, "<!doctype html><title>Not found</title><p>Not found. <a href=\"/index.html\">The report</a></p>%s", reloadTag(version))
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".ics":
		ctype = "text/calendar; charset=utf-8"
	case ".csv":
		ctype = "text/csv; charset=utf-8"
	}
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	if strings.HasSuffix(name, ".html") {
		data = bytes.Replace(data, []byte("</body>"), []byte(reloadTag(version)+"</body>"), 1)
	}
	w.Write(data)
}

func reloadTag(version int) string {
	return fmt.Sprintf(`<script src="/__renewals/reload.js" data-version="%d"></script>`, version)
}

// events streams the build state to a page (Server-Sent Events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	for {
		st, wait := s.state()
		b, _ := json.Marshal(st)
		if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
			return
		}
		flusher.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-wait:
		case <-time.After(25 * time.Second):
			// Sending the state again keeps proxies from closing the stream.
		}
	}
}

// reloadJS reloads the page after a good build and lays the error over it
// after a failed one.
const reloadJS = `(function () {
  "use strict";
  var me = document.currentScript;
  var version = parseInt(me.getAttribute("data-version"), 10);
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.id = "renewals-build-error";
      overlay.style.cssText = "position:fixed;inset:1rem;z-index:99999;overflow:auto;background:#2b1416;color:#ffe1de;" +
        "border:2px solid #e0675b;border-radius:8px;padding:1rem;font:14px/1.4 ui-monospace,monospace;box-shadow:0 8px 30px #0008";
      var h = document.createElement("strong");
      h.textContent = "The build failed; this is the last good report. Fix the file and save: the page reloads.";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      overlay.appendChild(h);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  var es = new EventSource("/__renewals/events");
  es.onmessage = function (ev) {
    var st = JSON.parse(ev.data);
    if (st.error) { show(st.error); return; }
    if (overlay) { overlay.remove(); overlay = null; }
    if (st.version !== version) location.reload();
  };
})();
`
