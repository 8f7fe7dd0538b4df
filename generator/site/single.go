package site

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/internal/chart"
)

// singlePages are the pages a single-file report holds, in order, by
// section key.
var singlePages = []struct{ key, path string }{
	{"index", "index.html"}, {"advice", "advice/index.html"}, {"renewals", "renewals/index.html"},
	{"spend", "spend/index.html"}, {"risk", "risk/index.html"}, {"quotes", "quotes/index.html"},
}

type singleDoc struct {
	Site        *Info
	Description string
	Pages       []*Page
	CSS         template.CSS
	ECharts, JS template.JS
	Icon        template.URL
}

// Single renders the executive summary, advice, renewals, spend, risk and
// quotes as one HTML file with its CSS, script, ECharts, chart data and
// commentary inlined, for email. Links between those pages become
// anchors; links to pages outside the file are left as text.
func Single(in *Input) ([]byte, error) {
	t, err := parseTheme(in.Theme)
	if err != nil {
		return nil, err
	}
	in.tmpl = t
	pages := singlePages
	if len(in.Pages) > 0 {
		pages = nil
		for _, p := range singlePages {
			if slices.Contains(in.Pages, p.key) {
				pages = append(pages, p)
			}
		}
	}
	anchors := map[string]string{}
	for _, p := range pages {
		anchors[p.path] = p.key
	}
	b := &builder{in: in, r: in.Report, charts: chart.Set(in.Report), wording: in.wording(), single: anchors}
	b.info = &Info{Title: in.Config.Title, Organization: in.Config.Organization, AsOf: in.Report.AsOf.String(),
		Currency: in.Report.Currency, Files: len(in.Estate.Files()), Nav: nav, Quarter: in.Quarter}
	if err := b.build(); err != nil {
		return nil, err
	}
	doc := &singleDoc{Site: b.info}
	for _, sp := range pages {
		for _, p := range b.pages {
			if p.Path != sp.path {
				continue
			}
			// One document: ids must be unique across its pages.
			for i := range p.Blocks {
				blk := &p.Blocks[i]
				if blk.ID != "" {
					blk.ID = sp.key + "-" + blk.ID
				}
				for _, c := range blk.Charts {
					c.DOMID += "_" + sp.key
				}
				if tb := blk.Table; tb != nil {
					// A mail carries the first rows of a long table; the
					// site has them all.
					if tb.Count() > LargeTable {
						blk.Note = fmt.Sprintf("The first %d of %d rows; the site lists them all.", LargeTable, tb.Count())
					}
					if tb.enc != nil {
						tb.RowsHTML = rowsHTML(tb.enc.rows(p, tb.devices, LargeTable))
					} else {
						tb.RowsHTML = rowsHTML(tb.Rows[:min(len(tb.Rows), LargeTable)])
					}
				}
				for j := range blk.Tiles {
					if blk.Tiles[j].ID != "" {
						blk.Tiles[j].ID = sp.key + "-" + blk.Tiles[j].ID
					}
				}
				for j := range blk.Recs {
					blk.Recs[j].ID = sp.key + "-" + blk.Recs[j].ID
				}
				blk.HTML = template.HTML(strings.ReplaceAll(string(blk.HTML), `id="`, `id="`+sp.key+"-"))
			}
			if sp.key == "index" {
				doc.Description = p.Description
			}
			doc.Pages = append(doc.Pages, p)
		}
	}
	css, err := fs.ReadFile(in.Theme, "static/style.css")
	if err != nil {
		return nil, err
	}
	js, err := fs.ReadFile(in.Theme, "static/site.js")
	if err != nil {
		return nil, err
	}
	for name, code := range map[string][]byte{"echarts.min.js": in.ECharts, "site.js": js} {
		if bytes.Contains(code, []byte("</script")) || bytes.Contains(code, []byte("<!--")) {
			return nil, fmt.Errorf("%s holds </script or <!-- and cannot be inlined safely", name)
		}
	}
	icon, err := fs.ReadFile(in.Theme, "static/favicon.svg")
	if err != nil {
		return nil, err
	}
	doc.CSS, doc.ECharts, doc.JS = template.CSS(css), template.JS(in.ECharts), template.JS(js)
	doc.Icon = template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(icon))
	var out bytes.Buffer
	if err := t.ExecuteTemplate(&out, "single", doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
