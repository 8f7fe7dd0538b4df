// What it costs and how it moves: spend/index.html.

package site

import (
	"sort"
	"strconv"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/internal/chart"
)

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
	p := b.page("spend/index.html", "spend", b.say("spend.title", nil), b.say("spend.description", nil),
		b.say("spend.lead", struct{ AsOf, Annual, TermValue string }{r.AsOf.String(), b.money(r.Spend.Annual), b.money(r.Spend.TermValue)}))
	if !r.Priced {
		p.Lead = "The exports carry no prices, so the spend of the coverage cannot be shown."
	}
	p.Blocks = append(p.Blocks, b.noPricesBlock()...)
	p.Blocks = append(p.Blocks, Block{ID: "trend", Heading: b.heading("trend"), Charts: b.chartBlock(chart.SpendByQuarter, chart.ChangeWaterfall)})
	if r.Trend != nil && len(r.Trend.Changes) > 0 {
		t := &Table{ID: "changes", Caption: b.caption("quarter-over-quarter-changes-and-their-drivers"), Columns: []Column{
			{Name: "From"}, {Name: "To"}, {Name: "Prior", Numeric: true}, {Name: "Now", Numeric: true}, {Name: "Change", Numeric: true},
			{Name: "Change %", Numeric: true}, {Name: "Added", Numeric: true}, {Name: "Dropped", Numeric: true}, {Name: "Price", Numeric: true},
			{Name: "Service level", Numeric: true}, {Name: "RMA", Numeric: true}}}
		for _, c := range r.Trend.Changes {
			t.Rows = append(t.Rows, []Cell{dateCell(c.From), dateCell(c.To), moneyCell(b, c.Prior), moneyCell(b, c.Now), moneyCell(b, c.Change),
				{Text: pct(c.ChangePct), Sort: strconv.FormatFloat(c.ChangePct, 'f', 2, 64), Num: true}, moneyCell(b, c.Added.Amount),
				moneyCell(b, c.Dropped.Amount), moneyCell(b, c.Price.Amount), moneyCell(b, c.Level.Amount), moneyCell(b, c.Replaced.Amount)})
		}
		p.Blocks = append(p.Blocks, Block{ID: "change", Heading: b.heading("change"), Table: t,
			Note: b.say("spend.change_note", nil)})
	} else {
		p.Blocks = append(p.Blocks, Block{ID: "change", Heading: b.heading("change"), Paras: []string{b.say("spend.one_snapshot", nil)}})
	}
	p.Blocks = append(p.Blocks, b.budgetBlock())
	p.Blocks = append(p.Blocks, Block{ID: "breakdown", Heading: b.heading("breakdown"), Charts: b.chartBlock(chart.SpendByContract, chart.SpendByServiceLevel, chart.SpendBySite)})
	p.Blocks = append(p.Blocks,
		Block{ID: "by-contract", Heading: b.heading("by-contract"), Table: b.moneyTable(p, "spend-by-contract", "Annual spend by contract", "Contract", r.Spend.ByContract, func(k string) string { return b.contract[k] })},
		Block{ID: "by-service-level", Heading: b.heading("by-service-level"), Table: b.moneyTable(p, "spend-by-service-level", "Annual spend by service level", "Service level", r.Spend.ByServiceLevel, nil)},
		Block{ID: "by-site", Heading: b.heading("by-site"), Table: b.moneyTable(p, "spend-by-site", "Annual spend by site", "Site", r.Spend.BySite, func(k string) string { return b.site[k] })},
		Block{ID: "by-family", Heading: b.heading("by-family"), Table: b.moneyTable(p, "spend-by-family", "Annual spend by product family", "Family", r.Spend.ByFamily, nil)},
	)
}
