// Package site renders the report as a static site: html/template over a
// theme, one page per section, contract, site and product, a CSV for every
// table, and figures.json. The site is built in a temporary folder and
// swapped in whole, so a failed build leaves the previous output as it was.
// Every link is relative; the site works from file:// and under any path.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/chart"
	"github.com/renewals/renewals/generator/config"
	"github.com/renewals/renewals/generator/content"
	"github.com/renewals/renewals/generator/contract"
)

// Marker names the file that marks a folder as renewals output. Only a
// folder that holds it, or an empty one, is ever replaced.
const Marker = ".renewals-site"

const markerText = "This folder is written by renewals build and replaced whole by the next build.\n"

// Input is everything a site is made from.
type Input struct {
	Config  *config.Config
	Estate  *contract.Estate
	Report  *analyze.Report
	Docs    []*content.Doc
	Figures []byte // data/figures.json
	ECharts []byte // a minified ECharts build, served as assets/echarts.min.js
	Theme   fs.FS  // a theme folder: layouts/*.html, static/*
	// Quarter names the report's quarter (2026-Q4); Prev points at the
	// previous quarter's archived report; HasArchive says the site
	// publishes archive/.
	Quarter    string
	Prev       *Previous
	HasArchive bool
	// Copy, when set, receives each page a second time as the archived
	// copy of the quarter shows it: the banner, and links to the previous
	// quarter from inside the archive.
	Copy *Copy
	tmpl *template.Template
}

// Copy is where the archived copy of the pages goes.
type Copy struct {
	Sink Sink
	Prev *Previous
}

// Result says what was written.
type Result struct {
	Pages, Files int
	Bytes        int64
}

// Render returns every file of the site by slash-separated path.
func Render(in *Input) (map[string][]byte, error) {
	f := NewFiles()
	if err := RenderTo(in, f); err != nil {
		return nil, err
	}
	return f.Map(), nil
}

// RenderTo renders the site into sink, and with Copy set the pages of the
// archived copy into Copy.Sink; that copy shares its data, downloads and
// assets with the site, so only its pages are rendered.
func RenderTo(in *Input, sink Sink) error {
	t, err := parseTheme(in.Theme)
	if err != nil {
		return err
	}
	in.tmpl = t
	b := &builder{in: in, r: in.Report, charts: chart.Set(in.Report)}
	b.info = &Info{Title: in.Config.Title, Organization: in.Config.Organization, AsOf: in.Report.AsOf.String(),
		Currency: in.Report.Currency, Files: len(in.Estate.Files()), Nav: nav, Quarter: in.Quarter, Prev: in.Prev, HasArchive: in.HasArchive}
	if err := b.build(); err != nil {
		return err
	}
	var copyInfo *Info
	if in.Copy != nil {
		ci := *b.info
		ci.Archived, ci.HasArchive, ci.Prev = true, true, in.Copy.Prev
		copyInfo = &ci
	}
	// Pages are independent: render them on every core, each straight into
	// the sink, so that a large site is never held whole in memory. The
	// shared device rows, the largest file, go first beside them. The files
	// do not depend on timing.
	shared := b.devRows.needed(b.pages)
	errs := make([]error, len(b.pages)+1)
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if i == len(b.pages) {
					bp := buffers.Get().(*[]byte)
					*bp = b.devRows.appendShared((*bp)[:0])
					errs[i] = sink.Add(SharedRowsFile, *bp)
					buffers.Put(bp)
					continue
				}
				p := b.pages[i]
				errs[i] = renderPage(t, p, sink, false)
				if errs[i] == nil && copyInfo != nil {
					site := p.Site
					p.Site = copyInfo
					errs[i] = renderPage(t, p, in.Copy.Sink, true)
					p.Site = site
				}
			}
		}()
	}
	if shared {
		work <- len(b.pages)
	}
	for i := range b.pages {
		work <- i
	}
	close(work)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	static, err := fs.Sub(in.Theme, "static")
	if err != nil {
		return err
	}
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		return sink.Add("assets/"+p, data)
	})
	if err != nil {
		return err
	}
	return errors.Join(sink.Add("assets/echarts.min.js", in.ECharts), sink.Add("data/figures.json", in.Figures),
		sink.Add(CalendarFile, Calendar(in.Report, in.Config.Title, in.Config.Organization)), sink.Add(Marker, []byte(markerText)))
}

// renderPage renders one page, and unless pagesOnly the downloads of its
// tables, into sink. Files are built in buffers that the pages share, so
// that a large site does not leave its whole size behind as garbage.
func renderPage(t *template.Template, p *Page, sink Sink, pagesOnly bool) error {
	bp := buffers.Get().(*[]byte)
	defer buffers.Put(bp)
	add := func(name string, fill func([]byte) []byte) error {
		*bp = fill((*bp)[:0])
		return sink.Add(name, *bp)
	}
	for _, blk := range p.Blocks {
		tb := blk.Table
		if tb == nil {
			continue
		}
		name := "data/" + tb.ID + ".csv"
		data := "data/" + tb.ID + ".js"
		large := tb.Count() > LargeTable
		tb.CSV = rel(p, name)
		if large {
			tb.Data = rel(p, data)
		}
		show := tb.Count()
		if large {
			show = tb.PageSize
		}
		if tb.enc != nil {
			if large {
				tb.Devices, tb.Root = rel(p, SharedRowsFile), p.Root()
			}
			if !pagesOnly {
				err := add(name, func(b []byte) []byte { return tb.enc.appendCSV(b, tb.devices) })
				if err == nil && large {
					err = add(data, func(b []byte) []byte { return tb.enc.appendJS(b, tb.ID, tb.devices) })
				}
				if err != nil {
					return err
				}
			}
			if !pagesOnly || tb.RowsHTML == "" {
				tb.RowsHTML = tb.enc.rowsHTML(p, tb.devices, show)
			}
			continue
		}
		if !pagesOnly {
			err := sink.Add(name, tableCSV(tb))
			if err == nil && large {
				err = sink.Add(data, tableJS(tb))
			}
			if err != nil {
				return err
			}
		}
		if !pagesOnly || tb.RowsHTML == "" {
			tb.RowsHTML = rowsHTML(tb.Rows[:show])
		}
	}
	buf := bytes.NewBuffer((*bp)[:0])
	err := t.ExecuteTemplate(buf, "page", p)
	*bp = buf.Bytes()
	if err != nil {
		return fmt.Errorf("%s: %v", p.Path, err)
	}
	return sink.Add(p.Path, *bp)
}

// buffers hold the files of pages while they are written.
var buffers = sync.Pool{New: func() any { return new([]byte) }}

func parseTheme(theme fs.FS) (*template.Template, error) {
	t, err := template.New("").ParseFS(theme, "layouts/*.html")
	if err != nil {
		return nil, fmt.Errorf("theme: %v", err)
	}
	return t, nil
}

// PageCount counts the HTML files of a rendered site.
func PageCount(files map[string][]byte) int {
	n := 0
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

// Write puts files into out atomically: it writes a sibling temporary
// folder and swaps it in. It refuses to replace a folder that is neither
// empty nor marked as renewals output.
func Write(out string, files map[string][]byte) (Result, error) {
	d, err := NewDir(out)
	if err != nil {
		return Result{}, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := d.Add(n, files[n]); err != nil {
			d.Abort()
			return Result{}, err
		}
	}
	return d.Commit()
}

// replaceable checks that out may be replaced.
func replaceable(out string) error {
	st, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is a file, not a folder; choose another output", out)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s holds files that renewals did not write (it has no %s), so it is not replaced; choose another output with -out or output = \"...\", or empty it", out, Marker)
	}
	return nil
}
