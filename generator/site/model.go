package site

import (
	"html/template"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
)

// Page is one HTML page of the site.
type Page struct {
	Path        string // slash-separated, from the site root: contracts/93824710/index.html
	Title       string
	Description string
	Section     string // the nav entry it belongs to
	Lead        string
	LeadHTML    template.HTML // Lead with the glossary's terms linked
	Crumbs      []Link
	Blocks      []Block
	Site        *Info
	// single maps the paths of the pages in a single-file report to their
	// anchors; it is nil for a site.
	single map[string]string
}

// Root is the relative path from the page back to the site root.
func (p *Page) Root() string { return strings.Repeat("../", strings.Count(p.Path, "/")) }

// HasCharts reports whether the page draws any chart, so that only such
// pages load ECharts.
func (p *Page) HasCharts() bool {
	for _, b := range p.Blocks {
		for _, c := range b.Charts {
			if !c.Static {
				return true
			}
		}
		if strings.Contains(string(b.HTML), `class="chart-canvas"`) {
			return true
		}
	}
	return false
}

// Info is what every page shows about the report.
type Info struct {
	Title, Organization, AsOf, Currency string
	Quarter                             string // 2026-Q4
	Files                               int
	Nav                                 []NavItem
	// Archived is set on the copy of a quarter kept under archive/;
	// HasArchive when the site publishes archive/index.html.
	Archived, HasArchive bool
	// Prev is the previous quarter's report, if there is one.
	Prev *Previous
}

// Previous points at the previous quarter's archived report.
type Previous struct {
	Quarter string
	// Base is the path from this report's root to the previous report's
	// root: archive/2026-Q3/ from the site root, ../2026-Q3/ from an
	// archived copy.
	Base string
	// Pages are the pages that report has.
	Pages map[string]bool
}

// PrevLink is the link from the page to the same page in the previous
// quarter, or "" when that quarter has no such page.
func (p *Page) PrevLink() string {
	prev := p.Site.Prev
	if prev == nil || !prev.Pages[p.Path] {
		return ""
	}
	return p.Root() + prev.Base + p.Path
}

// ArchiveIndex is the link to the list of quarters.
func (p *Page) ArchiveIndex() string {
	if p.Site.Archived {
		return p.Root() + "../index.html"
	}
	return p.Root() + "archive/index.html"
}

// NavItem is one entry of the top navigation.
type NavItem struct{ Key, Text, Href string }

// Block is one section of a page; the template shows whichever parts are
// set, in a fixed order.
type Block struct {
	ID, Class, Heading string
	Paras              []string
	ParasHTML          []template.HTML // Paras with the glossary's terms linked
	Tiles              []Tile
	Charts             []*ChartView
	Recs               []RecView
	Decisions          []DecisionView
	HTML               template.HTML
	Links              []Link
	Table              *Table
	Note               string
}

// Tile is one headline figure. ID, when set, gives it a link anchor.
type Tile struct{ ID, Label, Value, Note, Href, Tone string }

// Link is a link with optional note.
type Link struct{ Text, Href, Note string }

// ChartView is a chart placed on a page. A Static chart is shown as its
// data table, for a report built without ECharts.
type ChartView struct {
	DOMID, Title, Summary string
	Option                template.JS
	Static                bool
	Table                 struct {
		Columns []string
		Rows    [][]string
	}
}

// RecView is a recommendation as shown.
type RecView struct {
	Rank                              int
	ID, Action, Money, MoneyKind, Per string
	DecideBy                          string
	Overdue                           bool
	Evidence, Caveats                 []string
	Links                             []Link
}

// Table is a sortable, filterable, paginated table with a CSV download.
type Table struct {
	ID       string // unique across the site; names the CSV too
	Caption  string
	CSV      string // href of the download, set when the page is written
	Columns  []Column
	Rows     [][]Cell
	PageSize int
	// Set when the page is written: the rows in the HTML, and for a large
	// table the data file that holds them all.
	RowsHTML template.HTML
	Data     string
	// A large device table also names the shared rows file and the path
	// back to the site root, which its links are relative to.
	Devices string
	Root    string
	show    int // the rows in the HTML
	// A device table lists devices instead of Rows; their rows come
	// encoded once from deviceRows.
	devices []*analyze.Device
	enc     *deviceRows
}

// Count is the number of rows, for the filter's placeholder.
func (t *Table) Count() int {
	if t.enc != nil {
		return len(t.devices)
	}
	return len(t.Rows)
}

// CountText is the number of rows in words, for the filter's prompt:
// "1 row", "25 rows".
func (t *Table) CountText() string { return plural(t.Count(), "row") }

// Column is a table column.
type Column struct {
	Name    string
	Numeric bool
}

// Cell is one table cell. Sort, when set, is the value sorting uses (cents
// for money, ISO dates already sort as text).
type Cell struct {
	Text, Href, Sort string
	Num              bool
	// Value is the cell as a spreadsheet should read it in a download, when
	// that differs from Text: an amount or a count as a plain number
	// (1234.56, not USD 1,234.56). Money marks an amount, whose column's
	// name then says the currency.
	Value string
	Money bool
}

// rel returns the link from page p to the site path target. In a
// single-file report a page inside the file becomes an anchor, and a page
// outside it no link at all.
// Single says that the page is part of a one-file report.
func (p *Page) Single() bool { return p.single != nil }

func rel(p *Page, target string) string {
	if target == "" {
		return ""
	}
	if p.single != nil {
		path, frag, _ := strings.Cut(target, "#")
		key, ok := p.single[path]
		switch {
		case !ok:
			return ""
		case frag != "":
			return "#" + key + "-" + frag
		}
		return "#page-" + key
	}
	return p.Root() + target
}
