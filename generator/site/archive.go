package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// Quarter is one published quarter, as the archive index lists it.
type Quarter struct {
	Label   string // 2026-Q4
	Current bool
	// Figures is the quarter's data/figures.json.
	Figures []byte
}

// quarterFigures is the part of figures.json the archive index shows.
type quarterFigures struct {
	AsOf        string      `json:"as_of"`
	Currency    string      `json:"currency"`
	AnnualSpend json.Number `json:"annual_spend"`
	Devices     struct {
		Total, Uncovered int
	} `json:"devices"`
	Expiring struct {
		AnnualValue json.Number `json:"annual_value"`
	} `json:"expiring"`
	Recommendations []json.RawMessage `json:"recommendations"`
}

// readQuarterFigures reads the keys of quarterFigures from a figures.json,
// and no further.
func readQuarterFigures(data []byte) (*quarterFigures, error) {
	var f quarterFigures
	if err := analyze.DecodeFigures(data, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

func money(n json.Number, currency string) string {
	s := n.String()
	units, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	v, err := strconv.ParseInt(units+frac, 10, 64)
	if err != nil {
		return s
	}
	if strings.HasPrefix(units, "-") && v > 0 {
		v = -v
	}
	return contract.Money(v).Format(currency)
}

// ArchiveIndex renders archive/index.html: every quarter with its headline
// figures, newest first.
func ArchiveIndex(theme fs.FS, info *Info, quarters []Quarter) ([]byte, error) {
	t, err := parseTheme(theme)
	if err != nil {
		return nil, err
	}
	p := &Page{Path: "archive/index.html", Title: "Earlier quarters", Site: info,
		Description: "Every quarterly report as it was published.",
		Lead:        "Each quarter's report stays here as it was published, so links shared then keep working."}
	tbl := &Table{ID: "quarters", Caption: "Published quarters", Columns: []Column{{Name: "Quarter"}, {Name: "As of"},
		{Name: "Annual spend", Numeric: true}, {Name: "Devices", Numeric: true}, {Name: "Uncovered", Numeric: true},
		{Name: "Expiring within the horizon", Numeric: true}, {Name: "Recommendations", Numeric: true}}}
	for i := len(quarters) - 1; i >= 0; i-- {
		q := quarters[i]
		f, err := readQuarterFigures(q.Figures)
		if err != nil {
			return nil, fmt.Errorf("archive/%s/data/figures.json: %w", q.Label, err)
		}
		label := Cell{Text: q.Label, Href: q.Label + "/index.html"}
		if q.Current {
			label.Text += " (current)"
		}
		tbl.Rows = append(tbl.Rows, []Cell{label, {Text: f.AsOf}, {Text: money(f.AnnualSpend, f.Currency), Num: true},
			intCell(f.Devices.Total), intCell(f.Devices.Uncovered), {Text: money(f.Expiring.AnnualValue, f.Currency), Num: true}, intCell(len(f.Recommendations))})
	}
	tbl.RowsHTML = rowsHTML(tbl.Rows)
	p.Blocks = []Block{{ID: "quarters", Heading: "Quarters", Table: tbl,
		Links: []Link{{Text: "The current report", Href: "../index.html"}}}}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "page", p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
