package site

import (
	"errors"
	"fmt"
	"html/template"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/internal/chart"
)

// builder turns the report into pages.
type builder struct {
	wording Wording // the pages' sentences (see say)
	terms   []term  // the glossary
	// placed notes the charts the commentary of a page draws, while it is
	// rendered.
	placed   map[string]bool
	sayErr   []error
	devRows  *deviceRows       // every device's row, encoded once
	single   map[string]string // set for a single-file report
	in       *Input
	r        *analyze.Report
	info     *Info
	charts   map[string]*chart.Chart
	pages    []*Page
	contract map[string]string // number → page path
	site     map[string]string // site name → page path
	siteList []string          // site names, sorted
	product  map[string]string // product ID → page path
	labels   map[string]string // contract number → label
	files    map[string]string // input path → as the pages name it (see file)
}

const pageSize = 25

var nav = []NavItem{
	{"index", "Summary", "index.html"},
	{"advice", "Advice", "advice/index.html"},
	{"renewals", "Renewals", "renewals/index.html"},
	{"spend", "Spend & trends", "spend/index.html"},
	{"changes", "Changes", "changes/index.html"},
	{"risk", "Risk", "risk/index.html"},
	{"quotes", "Quotes", "quotes/index.html"},
	{"devices", "Devices", "devices/index.html"},
}

// Nav returns the top navigation.
func Nav() []NavItem { return nav }

// money formats an amount; with no prices in the exports, an amount of
// the coverage is not known and says so.
func (b *builder) money(m analyze.Money) string { return b.r.Amount(m) }

// NoPrices stands for an amount the exports cannot give.
const NoPrices = analyze.NoPrices

// noPricesBlock says, on the pages that show money, why there is none.
func (b *builder) noPricesBlock() []Block {
	if b.r.Priced {
		return nil
	}
	return []Block{{ID: "no-prices", Class: "notice", Heading: b.heading("no-prices"),
		Paras: []string{b.say("notices.no_prices", nil), b.say("notices.no_prices_where", nil)}}}
}

func (b *builder) page(path, section, title, description, lead string) *Page {
	p := &Page{Path: path, Section: section, Title: title, Description: description, Lead: lead, Site: b.info, single: b.single}
	b.pages = append(b.pages, p)
	return p
}

// build makes every page, in a fixed order.
func (b *builder) build() error {
	terms, err := readGlossary(b.in.Theme)
	if err != nil {
		return err
	}
	b.terms = terms
	b.paths()
	// Every device's row encodes on the other cores while the pages are
	// assembled; device tables only point at the rows until they render.
	b.devRows = newDeviceRows(b)
	defer b.devRows.wait()
	b.index()
	b.advice()
	b.renewals()
	b.spend()
	b.risk()
	b.quotes()
	b.devices()
	b.contracts()
	b.sites()
	b.products()
	b.quality()
	b.changes()
	b.decisions()
	b.glossary()
	if err := errors.Join(b.sayErr...); err != nil {
		return err
	}
	return b.commentary()
}

// paths assigns each contract, site and product its permanent page:
// contracts/<name>/, sites/<name>/, products/<name>/, where each name is
// short and held by one value (see contract.Names).
func (b *builder) paths() {
	b.contract, b.site, b.product, b.labels = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	used := map[string]bool{}
	assign := func(prefix string, values []string, into map[string]string) {
		names := contract.Names(values)
		for _, v := range values {
			p := prefix + names[v]
			for i := 2; used[p]; i++ { // two keys alike: not seen, but never one page for two
				p = prefix + names[v] + "-" + strconv.Itoa(i)
			}
			used[p] = true
			into[v] = p + "/index.html"
		}
	}
	var numbers []string
	for _, c := range b.r.Contracts {
		numbers = append(numbers, c.Number)
		b.labels[c.Number] = c.Label
	}
	assign("contracts/", numbers, b.contract)
	b.siteList = sortedSites(b.r)
	assign("sites/", b.siteList, b.site)
	var products []string
	for _, p := range b.r.Lifecycle.Products {
		products = append(products, p.ProductID)
	}
	assign("products/", products, b.product)
}

func sortedSites(r *analyze.Report) []string {
	set := map[string]bool{}
	for _, d := range r.Devices {
		set[siteName(d.Site)] = true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func siteName(s string) string {
	if s == "" {
		return analyze.NoSite
	}
	return s
}

// file is how the site names an input file: relative to the project
// folder, with /, however the config was named on the command line, so
// that the site shows no local path and is the same from anywhere.
func (b *builder) file(path string) string {
	if path == "" {
		return ""
	}
	if name, ok := b.files[path]; ok {
		return name // each source cell asks; filepath.Abs asks the OS
	}
	name := filepath.ToSlash(filepath.Base(path))
	dir, err1 := filepath.Abs(b.in.Config.Dir)
	abs, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(dir, abs); err == nil {
			name = filepath.ToSlash(rel)
		}
	}
	if b.files == nil {
		b.files = map[string]string{}
	}
	b.files[path] = name
	return name
}

// slug is contract.Slug: anchors and note pages from input text.
func slug(s string) string { return contract.Slug(s) }

func (b *builder) chartView(id string, n int) *ChartView {
	c := b.charts[id]
	if c == nil {
		return nil
	}
	v := &ChartView{DOMID: id, Title: c.Title, Summary: c.Summary, Option: template.JS(c.Option), Static: b.in.ECharts == nil}
	if n > 0 {
		v.DOMID = fmt.Sprintf("%s_%d", id, n)
	}
	v.Table.Columns, v.Table.Rows = c.Table.Columns, c.Table.Rows
	return v
}

func (b *builder) chartBlock(ids ...string) []*ChartView {
	var out []*ChartView
	for _, id := range ids {
		if v := b.chartView(id, 0); v != nil {
			out = append(out, v)
		}
	}
	return out
}

func moneyCell(b *builder, m analyze.Money) Cell { return amountCell(b.money(m), m) }

// amountCell is the cell of amount m written as text.
func amountCell(text string, m analyze.Money) Cell {
	c := Cell{Text: text, Sort: strconv.FormatInt(m.Cents(), 10), Num: true, Money: true}
	if c.Text != NoPrices {
		c.Value = m.String()
	}
	return c
}

func intCell(n int) Cell {
	return Cell{Text: thousands(n), Sort: strconv.Itoa(n), Num: true, Value: strconv.Itoa(n)}
}

func dateCell(d contract.Date) Cell { return Cell{Text: d.String(), Sort: d.String()} }

func (b *builder) link(p *Page, target, text string) Cell {
	return Cell{Text: text, Href: rel(p, target)}
}

func (b *builder) contractName(n string) string {
	if l := b.labels[n]; l != "" {
		return n + " · " + l
	}
	return n
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}
