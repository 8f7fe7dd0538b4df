package site

import (
	"cmp"
	"fmt"
	"html/template"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/internal/chart"
	"github.com/renewals/renewals/generator/internal/content"
)

// builder turns the report into pages.
type builder struct {
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
}

const pageSize = 25

var nav = []NavItem{
	{"index", "Summary", "index.html"},
	{"advice", "Advice", "advice/index.html"},
	{"renewals", "Renewals", "renewals/index.html"},
	{"spend", "Spend & trends", "spend/index.html"},
	{"risk", "Risk", "risk/index.html"},
	{"quotes", "Quotes", "quotes/index.html"},
	{"devices", "Devices", "devices/index.html"},
}

// Nav returns the top navigation.
func Nav() []NavItem { return nav }

// money formats an amount; with no prices in the exports, an amount of
// the coverage is not known and says so.
func (b *builder) money(m analyze.Money) string { return b.r.Amount(m) }

// quoteMoney formats an amount of a partner quote, which carries its own
// prices whether or not the exports do.
func (b *builder) quoteMoney(m analyze.Money) string { return m.Format(b.r.Currency) }

// NoPrices stands for an amount the exports cannot give.
const NoPrices = analyze.NoPrices

// noPricesBlock says, on the pages that show money, why there is none.
func (b *builder) noPricesBlock() []Block {
	if b.r.Priced {
		return nil
	}
	return []Block{{ID: "no-prices", Class: "notice", Heading: "No prices in these exports",
		Paras: []string{"The coverage exports carry no prices (no Extended Net Price column), so this report shows no spend, costs or savings of the coverage: it cannot know them, and they are not zero. Recommendations are ranked by devices and urgency instead.",
			"Service Contract Center and CX Cloud exports carry prices; Cisco Ready's install base and the Serial Number to Information API do not. Add a priced export to the snapshot to see the money."}}}
}

func (b *builder) page(path, section, title, description, lead string) *Page {
	p := &Page{Path: path, Section: section, Title: title, Description: description, Lead: lead, Site: b.info, single: b.single}
	b.pages = append(b.pages, p)
	return p
}

// build makes every page, in a fixed order.
func (b *builder) build() error {
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
	dir, err1 := filepath.Abs(b.in.Config.Dir)
	abs, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(dir, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Base(path))
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

func quoteMoneyCell(b *builder, m analyze.Money) Cell { return amountCell(b.quoteMoney(m), m) }

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

// recs turns recommendations into views with links relative to p.
func (b *builder) recs(p *Page, recs []analyze.Recommendation) []RecView {
	var out []RecView
	for i, a := range recs {
		money := a.Money.Format(b.r.Currency)
		if a.NoMoney {
			money = NoPrices
		}
		v := RecView{Rank: i + 1, ID: a.ID, Action: a.Action, Money: money, MoneyKind: a.MoneyKind,
			Per: "a year", Evidence: a.Evidence, Caveats: a.Caveats}
		switch {
		case a.NoMoney:
			v.Per = ""
		case a.OneOff:
			v.Per = "once"
		}
		if !a.DecideBy.IsZero() {
			v.DecideBy = a.DecideBy.String()
			v.Overdue = a.DecideBy.Before(b.r.AsOf)
		}
		if len(a.Serials) > 0 {
			v.Links = append(v.Links, Link{Text: plural(len(a.Serials), "device"), Href: rel(p, "advice/"+a.ID+"/index.html")})
		}
		for i, c := range a.Contracts {
			if i == 6 {
				v.Links = append(v.Links, Link{Text: fmt.Sprintf("%d more contracts", len(a.Contracts)-6), Href: rel(p, "contracts/index.html")})
				break
			}
			if path := b.contract[c]; path != "" {
				v.Links = append(v.Links, Link{Text: "contract " + c, Href: rel(p, path)})
			}
		}
		for i, pid := range a.Products {
			if i == 6 {
				break
			}
			if path := b.product[pid]; path != "" {
				v.Links = append(v.Links, Link{Text: pid, Href: rel(p, path)})
			}
		}
		out = append(out, v)
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// status describes a device's coverage.
func status(d *analyze.Device) string {
	switch {
	case d.Covered:
		return "Covered"
	case d.NeverCovered:
		return "Never covered"
	case d.LapsedDays > 0:
		return fmt.Sprintf("Lapsed %d days", d.LapsedDays)
	}
	return "Lapsed"
}

func tone(d *analyze.Device) string {
	switch {
	case d.Covered:
		return ""
	case d.NeverCovered:
		return "bad"
	}
	return "warn"
}

// deviceTable lists devices with links to their contract, site and product
// pages.
func (b *builder) deviceTable(p *Page, id, caption string, ds []*analyze.Device) *Table {
	return &Table{ID: id, Caption: caption, PageSize: pageSize, Columns: deviceColumns, devices: ds, enc: b.devRows}
}

// tableID names the device table of a contract, site or product page after
// the page's unique path: contracts/93824710/index.html → contracts-93824710.
func tableID(p *Page) string {
	return strings.ReplaceAll(strings.TrimSuffix(p.Path, "/index.html"), "/", "-")
}

func (b *builder) devicesBySerial(serials []string) []*analyze.Device {
	out := make([]*analyze.Device, 0, len(serials))
	for _, s := range serials {
		if d := b.r.Device(s); d != nil {
			out = append(out, d)
		}
	}
	return out
}

// commentaryFor returns the blocks of the documents placed on a page.
func (b *builder) commentaryFor(key string) ([]Block, error) {
	var out []Block
	ids := &content.PageIDs{} // the documents share the page
	for _, d := range b.in.Docs {
		if d.Page != key {
			continue
		}
		h, err := b.render(d, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, Block{ID: "note-" + slug(d.Slug), Class: "commentary", Heading: d.Title, HTML: h})
	}
	return out, nil
}

// render renders a commentary document into a page on which others may
// have taken ids (ids; nil when it is alone on its page).
func (b *builder) render(d *content.Doc, ids *content.PageIDs) (template.HTML, error) {
	return d.Render(content.Resolver{
		IDs:    ids,
		Figure: func(name string) string { return figureValue(b.r, name) },
		Chart: func(name string, n int) template.HTML {
			v := b.chartView(name, n+1)
			if v == nil {
				return template.HTML(`<p class="muted">This chart has no data in this report.</p>`)
			}
			var s strings.Builder
			if err := b.in.tmpl.ExecuteTemplate(&s, "chart", v); err != nil {
				return ""
			}
			return template.HTML(s.String())
		},
	}, b.in.Config.UnsafeHTML)
}

func (b *builder) index() {
	r := b.r
	lead := fmt.Sprintf("%s of maintenance a year across %s and %s. %s.", b.money(r.Spend.Annual), plural(r.Status.Total, "device"),
		plural(len(r.Contracts), "contract"), recSentence(len(r.Advice)))
	if !r.Priced {
		lead = fmt.Sprintf("%s on %s; the exports carry no prices. %s.", plural(r.Status.Total, "device"), plural(len(r.Contracts), "contract"),
			strings.Replace(recSentence(len(r.Advice)), "money at stake", "devices", 1))
	}
	p := b.page("index.html", "index", "Executive summary", fmt.Sprintf("Network maintenance renewal advisory as of %s: spend, renewals, risk and advice.", r.AsOf), lead)
	p.Blocks = append(p.Blocks, b.noPricesBlock()...)
	tiles := []Tile{
		{Label: "Annual spend (run rate)", Value: b.money(r.Spend.Annual), Href: rel(p, "spend/index.html")},
		{Label: "Devices covered", Value: fmt.Sprintf("%s of %s", thousands(r.Status.Covered), thousands(r.Status.Total)),
			Note: fmt.Sprintf("%s lapsed, %s never covered", thousands(r.Status.Lapsed), thousands(r.Status.NeverCovered)), Href: rel(p, "risk/index.html"), Tone: toneIf(r.Status.Uncovered > 0, "warn")},
		{Label: fmt.Sprintf("Expiring within %d days", r.Expiring.HorizonDays), Value: b.money(r.Expiring.AnnualValue),
			Note: plural(r.Expiring.Devices, "device"), Href: rel(p, "renewals/index.html")},
	}
	if lc := r.Lifecycle; lc.HasInput {
		tiles = append(tiles, Tile{Label: "Paid past Last Date of Support", Value: b.money(lc.PastLDoSPaid.AnnualCost),
			Note: plural(lc.PastLDoSPaid.Devices, "device"), Href: rel(p, "risk/index.html#past-ldos"), Tone: toneIf(lc.PastLDoSPaid.Devices > 0, "bad")})
	}
	if c := lastChange(r); c != nil && r.Priced {
		tiles = append(tiles, Tile{Label: "Change since " + c.From.String(), Value: b.money(c.Change), Note: pct(c.ChangePct), Href: rel(p, "spend/index.html#change")})
	}
	if !r.Priced {
		// The money is unknown: the tiles that stand for it show their devices.
		for i := range tiles {
			if tiles[i].Value == NoPrices && (strings.HasSuffix(tiles[i].Note, "device") || strings.HasSuffix(tiles[i].Note, "devices")) {
				tiles[i].Value, tiles[i].Note = tiles[i].Note, NoPrices
			}
		}
	}
	if q := r.Quotes; q != nil && q.CheapestVendor != "" {
		note := "against " + q.CheapestVendor
		if q.TPM.Estimate {
			note = "estimate; no TPM quote"
		}
		tiles = append(tiles, Tile{Label: "Third-party maintenance saves", Value: pct(q.TPM.Pct), Note: note, Href: rel(p, "quotes/index.html")})
	}
	for i := range tiles {
		tiles[i].ID = "figure-" + slug(tiles[i].Label)
	}
	p.Blocks = append(p.Blocks, Block{ID: "headlines", Heading: "Headline figures", Tiles: tiles})
	top := r.Advice
	if len(top) > 5 {
		top = top[:5]
	}
	p.Blocks = append(p.Blocks, Block{ID: "top-recommendations", Heading: "What to decide", Recs: b.recs(p, top),
		Links: []Link{{Text: "All recommendations", Href: rel(p, "advice/index.html")}}})
	p.Blocks = append(p.Blocks, Block{ID: "key-charts", Heading: "At a glance", Charts: b.chartBlock(chart.RenewalsByMonth, chart.SpendByQuarter, chart.CoverageStatus)})
}

func recSentence(n int) string {
	if n == 0 {
		return "No action is recommended"
	}
	return plural(n, "recommendation") + " follow, ranked by money at stake and urgency"
}

// headline is the first clause of a sentence, for a title: "Renew
// contract 93824710 before it ends on 2026-12-31" of the action that goes
// on with the devices and the money.
func headline(sentence string) string {
	s := strings.TrimSuffix(sentence, ".")
	if i := strings.Index(s, ": "); i > 0 {
		s = s[:i]
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func toneIf(cond bool, t string) string {
	if cond {
		return t
	}
	return ""
}

func (b *builder) advice() {
	ranked := "money at stake"
	if !b.r.Priced {
		ranked = "devices" // the exports carry no prices
	}
	p := b.page("advice/index.html", "advice", "Advice", "Every recommendation, ranked by "+ranked+" and urgency.",
		"Each recommendation says what to do, what it is worth, and by when to decide: the relevant end date minus "+strconv.Itoa(b.r.Settings.DecisionLeadDays)+" days.")
	p.Blocks = append(p.Blocks, Block{ID: "recommendations", Heading: "Recommendations", Recs: b.recs(p, b.r.Advice)})
	for _, a := range b.r.Advice {
		if len(a.Serials) == 0 {
			continue
		}
		sub := b.page("advice/"+a.ID+"/index.html", "advice", "Devices: "+headline(a.Action), a.Action, a.Action)
		sub.Crumbs = []Link{{Text: "Advice", Href: "advice/index.html#" + a.ID}}
		sub.Blocks = append(sub.Blocks, Block{ID: "devices", Heading: plural(len(a.Serials), "device"),
			Table: b.deviceTable(sub, "advice-"+a.ID, "Devices this recommendation affects", b.devicesBySerial(a.Serials))})
	}
}

func (b *builder) renewals() {
	r := b.r
	p := b.page("renewals/index.html", "renewals", "Renewals", "What renews when, and by when to decide.",
		fmt.Sprintf("%s on %s end within %d days, worth %s a year.", plural(r.Expiring.Lines, "line"), plural(len(r.Expiring.ByContract), "contract"), r.Expiring.HorizonDays, b.money(r.Expiring.AnnualValue)))
	expiring := Block{ID: "expiring", Heading: "Expiring", Tiles: []Tile{
		{Label: "Lines", Value: thousands(r.Expiring.Lines)}, {Label: "Devices", Value: thousands(r.Expiring.Devices), Note: "whose latest cover ends in the window"},
		{Label: "Annualized value", Value: b.money(r.Expiring.AnnualValue)}}}
	// The renewals count a contract's devices; a device on two contracts
	// counts in each, and as expiring only when its latest cover ends in
	// the window. Say so where the numbers differ.
	perContract := 0
	for _, ec := range r.Expiring.ByContract {
		perContract += len(ec.Serials)
	}
	if perContract != r.Expiring.Devices {
		expiring.Note = fmt.Sprintf("The renewals below count %s per contract: a device with lines on two contracts counts in each, and counts as expiring only when its latest cover ends in the window.",
			plural(perContract, "device"))
	}
	p.Blocks = append(p.Blocks, expiring)
	p.Blocks = append(p.Blocks, Block{ID: "calendar", Heading: "Calendar", Charts: b.chartBlock(chart.RenewalsByMonth, chart.RenewalBuckets),
		Links: []Link{{Text: "Add the decide-by and end dates to your calendar (" + CalendarFile + ")", Href: rel(p, CalendarFile),
			Note: "reminders 30 and 7 days before; importing next quarter's file updates the events"}}})
	t := &Table{ID: "contracts-renewals", Caption: "Contracts by next end date", PageSize: pageSize, Columns: []Column{
		{Name: "Contract"}, {Name: "Label"}, {Name: "Devices", Numeric: true}, {Name: "Annual spend", Numeric: true},
		{Name: "Next end"}, {Name: "Decide by"}, {Name: "End dates", Numeric: true}, {Name: "Status"}}}
	// By next end date, as the caption says; contracts with none last.
	byEnd := slices.Clone(r.Contracts)
	slices.SortStableFunc(byEnd, func(a, b analyze.ContractSummary) int {
		switch {
		case a.NextEnd.IsZero() != b.NextEnd.IsZero():
			return cmp.Compare(boolInt(a.NextEnd.IsZero()), boolInt(b.NextEnd.IsZero()))
		case a.NextEnd != b.NextEnd:
			return cmp.Compare(a.NextEnd, b.NextEnd)
		}
		return strings.Compare(a.Number, b.Number)
	})
	for _, c := range byEnd {
		st := "active"
		if c.Lapsed {
			st = "lapsed"
		} else if c.ActiveLines == 0 {
			st = "no active line"
		}
		t.Rows = append(t.Rows, []Cell{b.link(p, b.contract[c.Number], c.Number), {Text: c.Label}, intCell(c.Devices), moneyCell(b, c.AnnualSpend),
			dateCell(c.NextEnd), dateCell(c.DecideBy), intCell(len(c.EndDates)), {Text: st}})
	}
	p.Blocks = append(p.Blocks, Block{ID: "contracts", Heading: "Contracts", Table: t})
	p.Blocks = append(p.Blocks, Block{ID: "expiring-devices", Heading: "Expiring devices",
		Table: b.deviceTable(p, "expiring-devices", fmt.Sprintf("Devices whose latest cover ends within %d days", r.Expiring.HorizonDays), b.devicesBySerial(r.Expiring.Serials))})
}

func (b *builder) moneyTable(p *Page, id, caption, what string, m map[string]analyze.Money, href func(string) string) *Table {
	t := &Table{ID: id, Caption: caption, PageSize: pageSize, Columns: []Column{{Name: what}, {Name: "Annual spend", Numeric: true}, {Name: "Share", Numeric: true}}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	for _, k := range keys {
		share := 0.0
		if b.r.Spend.Annual != 0 {
			share = float64(m[k]) * 100 / float64(b.r.Spend.Annual)
		}
		name := Cell{Text: k}
		if href != nil {
			name.Href = rel(p, href(k))
		}
		t.Rows = append(t.Rows, []Cell{name, moneyCell(b, m[k]), {Text: pct(share), Sort: strconv.FormatFloat(share, 'f', 4, 64), Num: true}})
	}
	return t
}

func (b *builder) spend() {
	r := b.r
	p := b.page("spend/index.html", "spend", "Spend and trends", "Annual spend by contract, service level and site, and how it moves quarter over quarter.",
		fmt.Sprintf("Annual spend is the annualized net of every line active on %s: %s. The term value of those lines, what their contracts cost over their whole terms, is %s.",
			r.AsOf, b.money(r.Spend.Annual), b.money(r.Spend.TermValue)))
	if !r.Priced {
		p.Lead = "The exports carry no prices, so the spend of the coverage cannot be shown."
	}
	p.Blocks = append(p.Blocks, b.noPricesBlock()...)
	p.Blocks = append(p.Blocks, Block{ID: "trend", Heading: "Run rate per snapshot", Charts: b.chartBlock(chart.SpendByQuarter, chart.ChangeWaterfall)})
	if r.Trend != nil && len(r.Trend.Changes) > 0 {
		t := &Table{ID: "changes", Caption: "Quarter-over-quarter changes and their drivers", Columns: []Column{
			{Name: "From"}, {Name: "To"}, {Name: "Prior", Numeric: true}, {Name: "Now", Numeric: true}, {Name: "Change", Numeric: true},
			{Name: "Change %", Numeric: true}, {Name: "Added", Numeric: true}, {Name: "Dropped", Numeric: true}, {Name: "Price", Numeric: true},
			{Name: "Service level", Numeric: true}, {Name: "RMA", Numeric: true}}}
		for _, c := range r.Trend.Changes {
			t.Rows = append(t.Rows, []Cell{dateCell(c.From), dateCell(c.To), moneyCell(b, c.Prior), moneyCell(b, c.Now), moneyCell(b, c.Change),
				{Text: pct(c.ChangePct), Sort: strconv.FormatFloat(c.ChangePct, 'f', 2, 64), Num: true}, moneyCell(b, c.Added.Amount),
				moneyCell(b, c.Dropped.Amount), moneyCell(b, c.Price.Amount), moneyCell(b, c.Level.Amount), moneyCell(b, c.Replaced.Amount)})
		}
		p.Blocks = append(p.Blocks, Block{ID: "change", Heading: "What changed", Table: t,
			Note: "Lines match on instance number and contract, or on serial and contract when a side has no instance number. A new serial on the same instance is an RMA replacement."})
	} else {
		p.Blocks = append(p.Blocks, Block{ID: "change", Heading: "What changed", Paras: []string{"Only one snapshot was given, so there is no earlier quarter to compare with."}})
	}
	p.Blocks = append(p.Blocks, Block{ID: "breakdown", Heading: "Where the money goes", Charts: b.chartBlock(chart.SpendByContract, chart.SpendByServiceLevel, chart.SpendBySite)})
	p.Blocks = append(p.Blocks,
		Block{ID: "by-contract", Heading: "By contract", Table: b.moneyTable(p, "spend-by-contract", "Annual spend by contract", "Contract", r.Spend.ByContract, func(k string) string { return b.contract[k] })},
		Block{ID: "by-service-level", Heading: "By service level", Table: b.moneyTable(p, "spend-by-service-level", "Annual spend by service level", "Service level", r.Spend.ByServiceLevel, nil)},
		Block{ID: "by-site", Heading: "By site", Table: b.moneyTable(p, "spend-by-site", "Annual spend by site", "Site", r.Spend.BySite, func(k string) string { return b.site[k] })},
		Block{ID: "by-family", Heading: "By product family", Table: b.moneyTable(p, "spend-by-family", "Annual spend by product family", "Family", r.Spend.ByFamily, nil)},
	)
}

func (b *builder) risk() {
	r := b.r
	lc := r.Lifecycle
	p := b.page("risk/index.html", "risk", "Risk", "Hardware at risk: uncovered, lapsed, and past or near its Last Date of Support.",
		fmt.Sprintf("%s have no active coverage: %s lapsed and %s never covered.", plural(r.Status.Uncovered, "device"), thousands(r.Status.Lapsed), thousands(r.Status.NeverCovered)))
	p.Blocks = append(p.Blocks, Block{ID: "overview", Heading: "Overview", Charts: b.chartBlock(chart.CoverageStatus, chart.LifecycleRisk)})
	var uncovered []*analyze.Device
	for _, d := range r.Devices {
		if !d.Covered {
			uncovered = append(uncovered, d)
		}
	}
	p.Blocks = append(p.Blocks, Block{ID: "uncovered", Heading: "Uncovered devices", Table: b.deviceTable(p, "uncovered-devices", "Lapsed and never-covered devices", uncovered)})
	ri := r.Reinstate
	t := &Table{ID: "reinstatement", Caption: "Reinstatement exposure of lapsed devices", PageSize: pageSize, Columns: []Column{
		{Name: "Serial"}, {Name: "Product ID"}, {Name: "Contract"}, {Name: "Site"}, {Name: "Lapsed on"}, {Name: "Days", Numeric: true},
		{Name: "Annual value", Numeric: true}, {Name: "Back-billing", Numeric: true}, {Name: "Fee", Numeric: true}}}
	for _, x := range ri.Reinstatable {
		t.Rows = append(t.Rows, []Cell{{Text: x.Serial}, b.link(p, b.product[x.ProductID], x.ProductID), b.link(p, b.contract[x.Contract], x.Contract),
			{Text: siteName(x.Site)}, dateCell(x.LastEnd), intCell(x.LapsedDays), moneyCell(b, x.AnnualValue), moneyCell(b, x.BackBilling), moneyCell(b, x.Fee)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "reinstatement", Heading: "Reinstatement exposure", Tiles: []Tile{
		{Label: "Back-billing", Value: b.money(ri.BackBilling)}, {Label: fmt.Sprintf("Fees (%.0f %%)", ri.FeeRate*100), Value: b.money(ri.Fees)},
		{Label: "Exposure", Value: b.money(ri.Exposure), Tone: toneIf(ri.Exposure > 0, "warn")},
		{Label: "Cannot be reinstated", Value: thousands(len(ri.NotReinstatable)), Note: "past LDoS: TPM or replacement only", Tone: toneIf(len(ri.NotReinstatable) > 0, "bad")}},
		Table: t})
	if !lc.HasInput {
		p.Blocks = append(p.Blocks, Block{ID: "ldos", Heading: "Last Date of Support", Paras: []string{"Neither an EoX file nor the exports give any Last Date of Support; add an EoX export with lifecycle = [...] in the config."}})
		return
	}
	groups := []struct {
		id, heading, caption string
		g                    analyze.RiskGroup
	}{
		{"past-ldos", "Past LDoS and still paid for", "Devices past their Last Date of Support with paid coverage", lc.PastLDoSPaid},
		{"ldos-12-months", "LDoS within 12 months", "Devices whose support ends within 12 months", lc.Within12Months},
		{"ldos-24-months", "LDoS within 24 months", "Devices whose support ends within 24 months", lc.Within24Months},
	}
	for _, g := range groups {
		p.Blocks = append(p.Blocks, Block{ID: g.id, Heading: g.heading,
			Paras: []string{fmt.Sprintf("%s, %s a year of coverage.", plural(g.g.Devices, "device"), b.money(g.g.AnnualCost))},
			Table: b.deviceTable(p, "risk-"+g.id, g.caption, b.devicesBySerial(g.g.Serials))})
	}
	p.Blocks = append(p.Blocks, Block{ID: "eox", Heading: "End-of-life milestones", Charts: b.chartBlock(chart.EoXTimeline), Table: b.productTable(p, "eox-milestones")})
}

func (b *builder) productTable(p *Page, id string) *Table {
	t := &Table{ID: id, Caption: "Product IDs with their end-of-life milestones", PageSize: pageSize, Columns: []Column{
		{Name: "Product ID"}, {Name: "Description"}, {Name: "Devices", Numeric: true}, {Name: "End of sale"}, {Name: "End of SW maintenance"},
		{Name: "End of contract renewal"}, {Name: "LDoS"}, {Name: "LDoS from"}, {Name: "Migration"}, {Name: "Annual cost", Numeric: true}}}
	for _, pr := range b.r.Lifecycle.Products {
		src := pr.LDoSSource
		if src == "" {
			src = "unknown"
			if !pr.Announced {
				src = "not announced"
			}
		}
		t.Rows = append(t.Rows, []Cell{b.link(p, b.product[pr.ProductID], pr.ProductID), {Text: pr.Description}, intCell(pr.Devices),
			dateCell(pr.EndOfSale), dateCell(pr.EndOfSWMaint), dateCell(pr.EndOfRenewal), dateCell(pr.LDoS), {Text: src}, {Text: pr.Migration}, moneyCell(b, pr.AnnualCost)})
	}
	return t
}

func (b *builder) quotes() {
	q := b.r.Quotes
	p := b.page("quotes/index.html", "quotes", "Partner quotes", "Partner quotes compared per year on the devices every partner quoted.", "")
	if q == nil {
		p.Lead = "No partner quotes were given. Add [[quotes]] entries to the config to compare partners."
		return
	}
	p.Lead = fmt.Sprintf("%s quoted; %s are quoted by every partner, and the comparison uses only those, each line annualized over its own term.",
		plural(len(q.Partners), "partner"), plural(len(q.CommonScope), "serial"))
	tiles := []Tile{{Label: "Common scope", Value: plural(len(q.CommonScope), "serial")}}
	if q.CheapestVendor != "" {
		tiles = append(tiles, Tile{Label: "Cheapest vendor partner per year", Value: q.CheapestVendor, Tone: "good"})
		tpm := Tile{Label: "TPM saving", Value: pct(q.TPM.Pct), Note: b.quoteMoney(q.TPM.Amount) + " a year"}
		if q.TPM.Estimate {
			tpm.Note += "; estimate from tpm_discount"
		}
		tiles = append(tiles, tpm, Tile{Label: "Hybrid saving", Value: pct(q.Hybrid.Pct), Note: b.quoteMoney(q.Hybrid.Amount) + " a year"})
	}
	p.Blocks = append(p.Blocks, Block{ID: "comparison", Heading: "Comparison", Tiles: tiles, Charts: b.chartBlock(chart.QuoteComparison)})
	if t := q.Trap; t != nil {
		p.Blocks = append(p.Blocks, Block{ID: "headline-trap", Class: "warning", Heading: "Why the headline totals mislead", Paras: []string{
			fmt.Sprintf("%s has the lowest headline total, %s, because its lines run %d days on average. Per year it costs %s; %s costs %s per year over %d days.",
				t.HeadlineCheapest, b.quoteMoney(t.Headline[t.HeadlineCheapest]), t.AvgTermDays[t.HeadlineCheapest], b.quoteMoney(t.Annualized[t.HeadlineCheapest]),
				t.AnnualCheapest, b.quoteMoney(t.Annualized[t.AnnualCheapest]), t.AvgTermDays[t.AnnualCheapest]),
			"Co-term quotes cover different periods, so only annualized figures compare."}})
	}
	t := &Table{ID: "partners", Caption: "Partners", Columns: []Column{
		{Name: "Partner"}, {Name: "Kind"}, {Name: "Lines", Numeric: true}, {Name: "Headline total", Numeric: true}, {Name: "Annualized", Numeric: true},
		{Name: "Common scope, headline", Numeric: true}, {Name: "Common scope, per year", Numeric: true}, {Name: "Average term (days)", Numeric: true},
		{Name: "Lines past LDoS", Numeric: true}, {Name: "Lines for devices past LDoS", Numeric: true}}}
	for _, pa := range q.Partners {
		t.Rows = append(t.Rows, []Cell{{Text: pa.Name}, {Text: string(pa.Kind)}, intCell(pa.Lines), quoteMoneyCell(b, pa.Headline), quoteMoneyCell(b, pa.Annualized),
			quoteMoneyCell(b, pa.CommonHeadline), quoteMoneyCell(b, pa.CommonAnnualized), intCell(pa.AvgTermDays), intCell(pa.LinesPastLDoS), intCell(pa.LinesDevicePastLDoS)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "partners", Heading: "Partners", Table: t})
	if q.CheapestVendor != "" {
		p.Blocks = append(p.Blocks, Block{ID: "tpm", Heading: "Third-party maintenance and the hybrid option", Class: "warning", Paras: []string{
			fmt.Sprintf("Hybrid: keep one unit of each of the %d product IDs (the lowest serial) with %s and move the other %d units to TPM: %s a year instead of %s.",
				q.Hybrid.Products, q.CheapestVendor, q.Hybrid.TPMUnits, b.quoteMoney(q.Hybrid.Cost), b.quoteMoney(q.Hybrid.AllVendor)),
			analyze.HybridCaveat}})
	}
	ft := &Table{ID: "flagged-quote-lines", Caption: "Quote lines to question", PageSize: pageSize, Columns: []Column{
		{Name: "Partner"}, {Name: "Serial"}, {Name: "Product"}, {Name: "Ends"}, {Name: "LDoS"}, {Name: "Why"}, {Name: "Source"}}}
	for _, f := range q.Flagged {
		ft.Rows = append(ft.Rows, []Cell{{Text: f.Partner}, {Text: f.Serial}, {Text: f.ProductNumber}, dateCell(f.End), dateCell(f.LDoS), {Text: f.Reason},
			{Text: fmt.Sprintf("%s:%d", b.file(f.Ref.File), f.Ref.Line)}})
	}
	p.Blocks = append(p.Blocks, Block{ID: "flagged", Heading: "Flagged lines", Table: ft,
		Note: "A line that runs past the product's LDoS is capped there by the vendor; a vendor-partner line for a device already past LDoS cannot be delivered."})
	if len(q.TotalMismatches) > 0 {
		mt := &Table{ID: "quote-total-mismatches", Caption: "Totals rows that disagree with their lines", Columns: []Column{
			{Name: "Partner"}, {Name: "Quote"}, {Name: "Stated total", Numeric: true}, {Name: "Sum of lines", Numeric: true}, {Name: "Source"}}}
		for _, m := range q.TotalMismatches {
			mt.Rows = append(mt.Rows, []Cell{{Text: m.Partner}, {Text: m.QuoteNumber}, quoteMoneyCell(b, m.Stated), quoteMoneyCell(b, m.Sum), {Text: fmt.Sprintf("%s:%d", b.file(m.Ref.File), m.Ref.Line)}})
		}
		p.Blocks = append(p.Blocks, Block{ID: "totals", Heading: "Totals that do not add up", Table: mt})
	}
}

func (b *builder) devices() {
	p := b.page("devices/index.html", "devices", "Devices", "Every device of the current snapshot; filter by serial, host, site or product.",
		"Type a serial, host name, site or product ID to find a device. A link such as devices/index.html?q=FOC1234 opens filtered.")
	p.Blocks = append(p.Blocks, Block{ID: "all-devices", Heading: plural(len(b.r.Devices), "device"), Table: b.deviceTable(p, "devices", "All devices", b.r.Devices)})
}

func (b *builder) contracts() {
	r := b.r
	idx := b.page("contracts/index.html", "renewals", "Contracts", "Every service contract with its spend and end dates.", "")
	var links []Link
	for _, c := range r.Contracts {
		links = append(links, Link{Text: b.contractName(c.Number), Href: rel(idx, b.contract[c.Number]), Note: b.money(c.AnnualSpend)})
	}
	idx.Blocks = append(idx.Blocks, Block{ID: "contracts", Heading: plural(len(r.Contracts), "contract"), Links: links})
	byContract := map[string][]*analyze.Device{}
	for _, d := range r.Devices {
		for _, c := range d.Contracts {
			byContract[c] = append(byContract[c], d)
		}
	}
	for _, c := range r.Contracts {
		p := b.page(b.contract[c.Number], "renewals", "Contract "+c.Number, fmt.Sprintf("Service contract %s: devices, spend and end dates.", c.Number), c.Label)
		p.Crumbs = []Link{{Text: "Contracts", Href: "contracts/index.html"}}
		var ends []string
		for _, d := range c.EndDates {
			ends = append(ends, d.String())
		}
		tiles := []Tile{{Label: "Annual spend", Value: b.money(c.AnnualSpend)}, {Label: "Term value", Value: b.money(c.TermValue)},
			{Label: "Devices", Value: thousands(c.Devices)}, {Label: "Service levels", Value: strings.Join(c.ServiceLevel, ", ")}}
		if !c.NextEnd.IsZero() {
			tiles = append(tiles, Tile{Label: "Next end", Value: c.NextEnd.String(), Note: "decide by " + c.DecideBy.String(), Tone: toneIf(c.DecideBy.Before(r.AsOf), "warn")})
		}
		if c.Lapsed {
			tiles = append(tiles, Tile{Label: "Status", Value: "Lapsed", Note: "ended " + c.LastEnd.String(), Tone: "bad"})
		}
		blk := Block{ID: "summary", Heading: "Summary", Tiles: tiles}
		if len(ends) > 1 {
			blk.Paras = []string{"Its active lines end on " + strings.Join(ends, ", ") + ": a candidate for co-terming."}
		}
		p.Blocks = append(p.Blocks, blk, Block{ID: "devices", Heading: "Devices", Table: b.deviceTable(p, tableID(p), "Devices on contract "+c.Number, byContract[c.Number])})
	}
}

func (b *builder) sites() {
	idx := b.page("sites/index.html", "spend", "Sites", "Every install site with its devices and spend.", "")
	bySite := map[string][]*analyze.Device{}
	for _, d := range b.r.Devices {
		s := siteName(d.Site)
		bySite[s] = append(bySite[s], d)
	}
	var links []Link
	for _, s := range b.siteList {
		links = append(links, Link{Text: s, Href: rel(idx, b.site[s]), Note: plural(len(bySite[s]), "device")})
	}
	idx.Blocks = append(idx.Blocks, Block{ID: "sites", Heading: plural(len(links), "site"), Links: links})
	for _, s := range b.siteList {
		ds := bySite[s]
		p := b.page(b.site[s], "spend", s, "Install site "+s+": devices, coverage and spend.", "")
		p.Crumbs = []Link{{Text: "Sites", Href: "sites/index.html"}}
		var covered int
		var cost analyze.Money
		for _, d := range ds {
			if d.Covered {
				covered++
			}
			cost += d.AnnualCost
		}
		p.Blocks = append(p.Blocks, Block{ID: "summary", Heading: "Summary", Tiles: []Tile{
			{Label: "Devices", Value: thousands(len(ds))}, {Label: "Covered", Value: thousands(covered), Tone: toneIf(covered < len(ds), "warn")},
			{Label: "Annual spend (MAJOR lines)", Value: b.money(cost)}, {Label: "Annual spend (all lines)", Value: b.money(b.r.Spend.BySite[s])}}},
			Block{ID: "devices", Heading: "Devices", Table: b.deviceTable(p, tableID(p), "Devices at "+s, ds)})
	}
}

func (b *builder) products() {
	idx := b.page("products/index.html", "risk", "Product IDs", "Every product ID with its end-of-life milestones.", "")
	idx.Blocks = append(idx.Blocks, Block{ID: "products", Heading: plural(len(b.r.Lifecycle.Products), "product ID"), Table: b.productTable(idx, "products")})
	byPID := map[string][]*analyze.Device{}
	for _, d := range b.r.Devices {
		byPID[d.ProductID] = append(byPID[d.ProductID], d)
	}
	for _, pr := range b.r.Lifecycle.Products {
		p := b.page(b.product[pr.ProductID], "risk", pr.ProductID, "Product "+pr.ProductID+": lifecycle and devices.", pr.Description)
		p.Crumbs = []Link{{Text: "Product IDs", Href: "products/index.html"}}
		ldos := pr.LDoS.String()
		if ldos == "" {
			ldos = "unknown"
		}
		tiles := []Tile{{Label: "Devices", Value: thousands(pr.Devices), Note: thousands(pr.Covered) + " covered"},
			{Label: "Last Date of Support", Value: ldos, Note: pr.LDoSSource, Tone: toneIf(!pr.LDoS.IsZero() && pr.LDoS.Before(b.r.AsOf), "bad")},
			{Label: "Annual cost", Value: b.money(pr.AnnualCost)}}
		if !pr.EndOfRenewal.IsZero() {
			tiles = append(tiles, Tile{Label: "End of contract renewal", Value: pr.EndOfRenewal.String(), Tone: toneIf(pr.EndOfRenewal.Before(b.r.AsOf), "warn")})
		}
		if pr.Migration != "" {
			tiles = append(tiles, Tile{Label: "Migration", Value: pr.Migration})
		}
		blk := Block{ID: "lifecycle", Heading: "Lifecycle", Tiles: tiles}
		if !pr.Announced {
			blk.Paras = []string{"The vendor has announced no end of life for this product: its dates are unknown, which is not the same as never."}
		}
		p.Blocks = append(p.Blocks, blk, Block{ID: "devices", Heading: "Devices", Table: b.deviceTable(p, tableID(p), "Devices of "+pr.ProductID, byPID[pr.ProductID])})
	}
}

func (b *builder) quality() {
	q := b.r.Quality
	p := b.page("quality/index.html", "", "Data quality", "What was read, what was changed or dropped, and where sources disagree.",
		fmt.Sprintf("%s read, %s. %s dropped, with %s on them.", plural(len(q.Files), "file"), plural(q.Rows, "row"), plural(q.Dropped, "row"), b.money(q.DroppedMoney)))
	ft := &Table{ID: "files", Caption: "Input files", Columns: []Column{{Name: "File"}, {Name: "Kind"}, {Name: "Style"}, {Name: "Header line", Numeric: true},
		{Name: "Delimiter"}, {Name: "Rows", Numeric: true}, {Name: "Kept", Numeric: true}, {Name: "Skipped", Numeric: true}, {Name: "Dropped", Numeric: true}, {Name: "Dropped money", Numeric: true}}}
	for _, f := range q.Files {
		ft.Rows = append(ft.Rows, []Cell{{Text: b.file(f.Path)}, {Text: f.Kind}, {Text: f.Vocabulary}, intCell(f.HeaderLine), {Text: delim(f.Delimiter)},
			intCell(f.Rows), intCell(f.Kept), intCell(f.Skipped), intCell(f.Dropped), moneyCell(b, f.DroppedMoney)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "files", Heading: "Files", Table: ft})
	wt := &Table{ID: "warnings", Caption: "Quirks that changed or dropped data, and what the analysis found", Columns: []Column{{Name: "Kind"}, {Name: "File"}, {Name: "First line", Numeric: true}, {Name: "Count", Numeric: true}, {Name: "Example"}}}
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
	p.Blocks = append(p.Blocks, Block{ID: "warnings", Heading: "Warnings by kind", Tiles: tiles, Table: wt})
	lt := &Table{ID: "ldos-disagreements", Caption: "Products whose LDoS differs between the EoX file and the exports", Columns: []Column{
		{Name: "Product ID"}, {Name: "EoX file"}, {Name: "Export"}, {Name: "Devices", Numeric: true}}}
	for _, d := range q.LDoSDisagreements {
		lt.Rows = append(lt.Rows, []Cell{b.link(p, b.product[d.ProductID], d.ProductID), dateCell(d.EoX), dateCell(d.Export), intCell(d.Devices)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "ldos-disagreements", Heading: "LDoS disagreements", Table: lt, Note: "The EoX file's date is used."})
	if len(q.UnknownServiceLevels) > 0 {
		ut := &Table{ID: "unknown-service-levels", Caption: "Service levels not in the lookup table", Columns: []Column{{Name: "Code"}, {Name: "Lines", Numeric: true}}}
		codes := make([]string, 0, len(q.UnknownServiceLevels))
		for c := range q.UnknownServiceLevels {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			ut.Rows = append(ut.Rows, []Cell{{Text: c}, intCell(q.UnknownServiceLevels[c])})
		}
		p.Blocks = append(p.Blocks, Block{ID: "unknown-service-levels", Heading: "Unknown service levels", Table: ut})
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

// commentary places documents on their pages, and gives the others pages
// of their own under notes/.
func (b *builder) commentary() error {
	byPath := map[string]*Page{}
	for _, p := range b.pages {
		byPath[p.Path] = p
	}
	for _, key := range content.Pages {
		path := "index.html"
		if key != "index" {
			path = key + "/index.html"
		}
		p := byPath[path]
		blocks, err := b.commentaryFor(key)
		if err != nil {
			return err
		}
		if key == "index" && len(blocks) > 0 {
			// The manager's words come right after the headline figures.
			p.Blocks = append(p.Blocks[:1], append(blocks, p.Blocks[1:]...)...)
			continue
		}
		p.Blocks = append(p.Blocks, blocks...)
	}
	var notes []Link
	for _, d := range b.in.Docs {
		if d.Page != "" {
			continue
		}
		h, err := b.render(d, nil)
		if err != nil {
			return err
		}
		path := "notes/" + slug(d.Slug) + "/index.html"
		p := b.page(path, "", d.Title, d.Description, "")
		p.Blocks = append(p.Blocks, Block{ID: "text", HTML: h})
		notes = append(notes, Link{Text: d.Title, Href: path})
	}
	if len(notes) > 0 {
		idx := byPath["index.html"]
		for i := range notes {
			notes[i].Href = rel(idx, notes[i].Href)
		}
		idx.Blocks = append(idx.Blocks, Block{ID: "notes", Heading: "Notes", Links: notes})
	}
	return nil
}
