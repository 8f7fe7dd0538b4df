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
	"path"
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
	ECharts []byte // echarts.min.js
	Theme   fs.FS  // a theme folder: layouts/*.html, static/*
	// Quarter names the report's quarter (2026-Q4); Prev points at the
	// previous quarter's archived report; Archived marks the copy kept
	// under archive/.
	Quarter    string
	Prev       *Previous
	Archived   bool
	HasArchive bool
	tmpl       *template.Template
}

// Result says what was written.
type Result struct {
	Pages, Files int
	Bytes        int64
}

// Render returns every file of the site by slash-separated path.
func Render(in *Input) (map[string][]byte, error) {
	t, err := parseTheme(in.Theme)
	if err != nil {
		return nil, err
	}
	in.tmpl = t
	b := &builder{in: in, r: in.Report, charts: chart.Set(in.Report)}
	b.info = &Info{Title: in.Config.Title, Organization: in.Config.Organization, AsOf: in.Report.AsOf.String(),
		Currency: in.Report.Currency, Files: len(in.Estate.Files()), Nav: nav, Quarter: in.Quarter, Prev: in.Prev, Archived: in.Archived, HasArchive: in.HasArchive || in.Archived}
	if err := b.build(); err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range b.pages {
		if _, dup := files[p.Path]; dup {
			return nil, fmt.Errorf("two pages share the path %q", p.Path)
		}
		files[p.Path] = nil
		for _, blk := range p.Blocks {
			if t := blk.Table; t != nil {
				name := "data/" + t.ID + ".csv"
				if _, dup := files[name]; dup {
					return nil, fmt.Errorf("two tables share the id %q", t.ID)
				}
				files[name] = nil
			}
		}
	}
	// Pages are independent: render them on every core. Each result goes
	// to its own slot, so the files do not depend on timing.
	results := make([][]siteFile, len(b.pages))
	errs := make([]error, len(b.pages))
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i], errs[i] = renderPage(t, b.pages[i])
			}
		}()
	}
	for i := range b.pages {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, r := range results {
		if errs[i] != nil {
			return nil, errs[i]
		}
		for _, o := range r {
			files[o.name] = o.data
		}
	}
	static, err := fs.Sub(in.Theme, "static")
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, p)
		files["assets/"+p] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	files["assets/echarts.min.js"] = in.ECharts
	files["data/figures.json"] = in.Figures
	files[CalendarFile] = Calendar(in.Report, in.Config.Title, in.Config.Organization)
	files[Marker] = []byte(markerText)
	return files, nil
}

// siteFile is one rendered file.
type siteFile struct {
	name string
	data []byte
}

// renderPage renders one page and the downloads of its tables.
func renderPage(t *template.Template, p *Page) ([]siteFile, error) {
	var files []siteFile
	for _, blk := range p.Blocks {
		tb := blk.Table
		if tb == nil {
			continue
		}
		name := "data/" + tb.ID + ".csv"
		files = append(files, siteFile{name, tableCSV(tb)})
		tb.CSV = rel(p, name)
		rows := tb.Rows
		if len(rows) > LargeTable {
			data := "data/" + tb.ID + ".js"
			files = append(files, siteFile{data, tableJS(tb)})
			tb.Data = rel(p, data)
			rows = rows[:tb.PageSize]
		}
		tb.RowsHTML = rowsHTML(rows)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", p); err != nil {
		return nil, fmt.Errorf("%s: %v", p.Path, err)
	}
	return append(files, siteFile{p.Path, buf.Bytes()}), nil
}

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
	var res Result
	if err := replaceable(out); err != nil {
		return res, err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return res, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(tmp) // nothing is left behind on failure; a no-op after the swap
	if err := os.Chmod(tmp, 0o755); err != nil {
		return res, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return res, err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return res, err
		}
		res.Files++
		res.Bytes += int64(len(files[n]))
		if path.Ext(n) == ".html" {
			res.Pages++
		}
	}
	if _, err := os.Stat(out); err == nil {
		old := tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return res, err
		}
		if err := os.Rename(tmp, out); err != nil {
			_ = os.Rename(old, out) // put the previous site back
			return res, err
		}
		return res, os.RemoveAll(old)
	}
	return res, os.Rename(tmp, out)
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
