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
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/internal/chart"
	"github.com/renewals/renewals/generator/internal/config"
	"github.com/renewals/renewals/generator/internal/content"
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
	// ECharts is a minified ECharts build, served as assets/echarts.min.js;
	// without it each chart is shown as its data table.
	ECharts []byte
	Theme   fs.FS // a theme folder: layouts/*.html, static/*
	// Wording is the pages' sentences; nil is the built-in theme's.
	Wording Wording
	// Quarter names the report's quarter (2026-Q4); Prev points at the
	// previous quarter's archived report; HasArchive says the site
	// publishes archive/.
	Quarter    string
	Prev       *Previous
	HasArchive bool
	// Pages, for a single-file report, are the keys of the pages it holds
	// (index, advice, renewals, spend, risk, quotes); empty holds all.
	Pages []string
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

// RenderTo renders the site into sink, and with Copy set the pages of the
// archived copy into Copy.Sink; that copy shares its data, downloads and
// assets with the site, so only its pages are rendered.
func RenderTo(in *Input, sink Sink) error {
	t, err := parseTheme(in.Theme)
	if err != nil {
		return err
	}
	in.tmpl = t
	b := &builder{in: in, r: in.Report, charts: chart.Set(in.Report), wording: in.wording()}
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
			bufs := pageBuffers{files: make([]byte, 0, b.devRows.largestFile())}
			for i := range work {
				if i == len(b.pages) {
					bufs.files = b.devRows.appendShared(bufs.files[:0])
					errs[i] = sink.Add(SharedRowsFile, bufs.files)
					continue
				}
				var copySink Sink
				if copyInfo != nil {
					copySink = in.Copy.Sink
				}
				errs[i] = renderPage(t, b.pages[i], sink, copyInfo, copySink, &bufs)
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
	if in.ECharts != nil {
		if err := sink.Add("assets/echarts.min.js", in.ECharts); err != nil {
			return err
		}
	}
	workbook, err := b.workbook()
	if err != nil {
		return fmt.Errorf("%s: %w", WorkbookFile, err)
	}
	rfqCSV, rfqXLSX, err := b.rfqFiles()
	if err != nil {
		return fmt.Errorf("%s: %w", RFQScopeXLSX, err)
	}
	return errors.Join(sink.Add("data/figures.json", in.Figures), sink.Add(WorkbookFile, workbook),
		sink.Add(RFQScopeCSV, rfqCSV), sink.Add(RFQScopeXLSX, rfqXLSX),
		sink.Add(CalendarFile, Calendar(in.Report, in.Config.Title, in.Config.Organization)), sink.Add(Marker, []byte(markerText)))
}

// renderPage renders one page and the downloads of its tables into sink,
// and with copyInfo set the page of the archived copy into copySink. Files
// are built in the worker's buffers, so that a large site does not leave
// its whole size behind as garbage.
//
// A table's rows are rendered once, as HTML the template prints; the
// archived copy prints the same rows.
func renderPage(t *template.Template, p *Page, sink Sink, copyInfo *Info, copySink Sink, bufs *pageBuffers) error {
	add := func(name string, fill func([]byte) []byte) error {
		bufs.files = fill(bufs.files[:0])
		return sink.Add(name, bufs.files)
	}
	var tables []*Table
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
		tb.show = tb.Count()
		if large {
			tb.show = tb.PageSize
		}
		var err error
		if tb.enc != nil {
			if large {
				tb.Devices, tb.Root = rel(p, SharedRowsFile), p.Root()
			}
			err = add(name, func(b []byte) []byte { return tb.enc.appendCSV(b, tb.devices) })
			if err == nil && large {
				err = add(data, func(b []byte) []byte { return tb.enc.appendJS(b, tb.ID, tb.devices) })
			}
		} else {
			err = sink.Add(name, tableCSV(tb, p.Site.Currency))
			if err == nil && large {
				err = sink.Add(data, tableJS(tb))
			}
		}
		if err != nil {
			return err
		}
		tables = append(tables, tb)
	}
	for _, tb := range tables {
		bufs.rows = tb.appendRowsHTML(bufs.rows[:0], p)
		tb.RowsHTML = template.HTML(bufs.rows)
	}
	defer func() {
		for _, tb := range tables {
			tb.RowsHTML = "" // the rows are in the page; let them go
		}
	}()

	var err error
	if bufs.page, err = execute(t, p, bufs.page[:0]); err != nil {
		return err
	}
	if err := sink.Add(p.Path, bufs.page); err != nil || copyInfo == nil {
		return err
	}
	site := p.Site
	p.Site = copyInfo
	defer func() { p.Site = site }()
	if bufs.copy, err = execute(t, p, bufs.copy[:0]); err != nil {
		return err
	}
	return copySink.Add(p.Path, bufs.copy)
}

// execute renders page p into buf.
func execute(t *template.Template, p *Page, buf []byte) ([]byte, error) {
	w := bytes.NewBuffer(buf)
	if err := t.ExecuteTemplate(w, "page", p); err != nil {
		return w.Bytes(), fmt.Errorf("%s: %w", p.Path, templateError(err))
	}
	return w.Bytes(), nil
}

// pageBuffers are a page worker's buffers, reused page after page: the
// downloads of a page's tables, a table's rows, the page, and its
// archived copy. The downloads' is made once as large as the largest
// device download; the others grow to the largest page.
type pageBuffers struct{ files, rows, page, copy []byte }

// appendRowsHTML appends the rows the table shows in page p's HTML.
func (tb *Table) appendRowsHTML(b []byte, p *Page) []byte {
	if tb.enc != nil {
		return tb.enc.appendRowsHTML(b, p, tb.devices, tb.show)
	}
	return appendRowsHTML(b, tb.Rows[:tb.show])
}

func parseTheme(theme fs.FS) (*template.Template, error) {
	t, err := template.New("").ParseFS(theme, "layouts/*.html")
	if err != nil {
		return nil, templateError(err)
	}
	return t, nil
}

// TemplateError is an error in a theme's template, at its place: File is
// the template's path in the theme (layouts/page.html).
type TemplateError struct {
	File      string
	Line, Col int
	Msg       string
	Err       error // html/template's own
}

func (e *TemplateError) Unwrap() error { return e.Err }

func (e *TemplateError) Error() string {
	pos := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Col > 0 {
		pos += fmt.Sprintf(":%d", e.Col)
	}
	return pos + ": " + e.Msg
}

// templatePlace reads the place html/template and text/template give an
// error: "template: page.html:12:3: executing ...", "html/template:page.html:12:5: ...".
var templatePlace = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+\.html):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError places a template's error in its file; other errors pass.
func templateError(err error) error {
	m := templatePlace.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &TemplateError{File: "layouts/" + m[1], Line: line, Col: col, Msg: m[4], Err: err}
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
