// Data quality: quality/index.html.

package site

import (
	"sort"
)

func (b *builder) quality() {
	q := b.r.Quality
	p := b.page("quality/index.html", "", b.say("quality.title", nil), b.say("quality.description", nil),
		b.say("quality.lead", struct {
			Files, Rows, Dropped int
			DroppedValue         string
		}{len(q.Files), q.Rows, q.Dropped, b.money(q.DroppedMoney)}))
	ft := &Table{ID: "files", Caption: b.caption("input-files"), Columns: []Column{{Name: "File"}, {Name: "Kind"}, {Name: "Style"}, {Name: "Header line", Numeric: true},
		{Name: "Delimiter"}, {Name: "Rows", Numeric: true}, {Name: "Kept", Numeric: true}, {Name: "Skipped", Numeric: true}, {Name: "Dropped", Numeric: true}, {Name: "Dropped money", Numeric: true}}}
	for _, f := range q.Files {
		ft.Rows = append(ft.Rows, []Cell{{Text: b.file(f.Path)}, {Text: f.Kind}, {Text: f.Vocabulary}, intCell(f.HeaderLine), {Text: delim(f.Delimiter)},
			intCell(f.Rows), intCell(f.Kept), intCell(f.Skipped), intCell(f.Dropped), moneyCell(b, f.DroppedMoney)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "files", Heading: b.heading("files"), Table: ft})
	wt := &Table{ID: "warnings", Caption: b.caption("quirks-that-changed-or-dropped-data-and-what-the-analysis-found"), Columns: []Column{{Name: "Kind"}, {Name: "File"}, {Name: "First line", Numeric: true}, {Name: "Count", Numeric: true}, {Name: "Example"}}}
	for _, k := range q.Quirks {
		wt.Rows = append(wt.Rows, []Cell{{Text: k.Kind}, {Text: b.file(k.File)}, intCell(k.First.Line), intCell(k.Count), {Text: k.Example}})
	}
	kinds := make([]string, 0, len(q.WarningsByKind))
	for k := range q.WarningsByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var tiles []Tile
	inTable := map[string]bool{}
	for _, k := range q.Quirks {
		inTable[k.Kind] = true
	}
	for _, k := range kinds {
		tiles = append(tiles, Tile{Label: k, Value: thousands(q.WarningsByKind[k])})
		if !inTable[k] {
			// A warning of the analysis, not of one file: every kind the
			// cards count has its row.
			example := ""
			if k == "ldos-disagreement" {
				example = "see LDoS disagreements below"
			}
			wt.Rows = append(wt.Rows, []Cell{{Text: k}, {}, {}, intCell(q.WarningsByKind[k]), {Text: example}})
		}
	}
	p.Blocks = append(p.Blocks, Block{ID: "warnings", Heading: b.heading("warnings"), Tiles: tiles, Table: wt})
	lt := &Table{ID: "ldos-disagreements", Caption: b.caption("products-whose-ldos-differs-between-the-eox-file-and-the-exports"), Columns: []Column{
		{Name: "Product ID"}, {Name: "EoX file"}, {Name: "Export"}, {Name: "Devices", Numeric: true}}}
	for _, d := range q.LDoSDisagreements {
		lt.Rows = append(lt.Rows, []Cell{b.link(p, b.product[d.ProductID], d.ProductID), dateCell(d.EoX), dateCell(d.Export), intCell(d.Devices)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "ldos-disagreements", Heading: b.heading("ldos-disagreements"), Table: lt, Note: b.say("quality.ldos_note", nil)})
	if len(q.UnknownServiceLevels) > 0 {
		ut := &Table{ID: "unknown-service-levels", Caption: b.caption("service-levels-not-in-the-lookup-table"), Columns: []Column{{Name: "Code"}, {Name: "Lines", Numeric: true}}}
		codes := make([]string, 0, len(q.UnknownServiceLevels))
		for c := range q.UnknownServiceLevels {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			ut.Rows = append(ut.Rows, []Cell{{Text: c}, intCell(q.UnknownServiceLevels[c])})
		}
		p.Blocks = append(p.Blocks, Block{ID: "unknown-service-levels", Heading: b.heading("unknown-service-levels"), Table: ut})
	}
}

func delim(r rune) string {
	switch r {
	case '\t':
		return "tab"
	case 0:
		return ""
	}
	return string(r)
}
