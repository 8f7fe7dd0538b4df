// Hardware at risk: risk/index.html.

package site

import (
	"fmt"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/internal/chart"
)

func (b *builder) risk() {
	r := b.r
	lc := r.Lifecycle
	p := b.page("risk/index.html", "risk", b.say("risk.title", nil), b.say("risk.description", nil),
		b.say("risk.lead", struct{ Uncovered, Lapsed, NeverCovered int }{r.Status.Uncovered, r.Status.Lapsed, r.Status.NeverCovered}))
	p.Blocks = append(p.Blocks, Block{ID: "overview", Heading: b.heading("overview"), Charts: b.chartBlock(chart.CoverageStatus, chart.LifecycleRisk)})
	var uncovered []*analyze.Device
	for _, d := range r.Devices {
		if !d.Covered {
			uncovered = append(uncovered, d)
		}
	}
	p.Blocks = append(p.Blocks, Block{ID: "uncovered", Heading: b.heading("uncovered"), Table: b.deviceTable(p, "uncovered-devices", b.caption("lapsed-and-never-covered-devices"), uncovered)})
	ri := r.Reinstate
	t := &Table{ID: "reinstatement", Caption: b.caption("reinstatement-exposure-of-lapsed-devices"), PageSize: pageSize, Columns: []Column{
		{Name: "Serial"}, {Name: "Product ID"}, {Name: "Contract"}, {Name: "Site"}, {Name: "Lapsed on"}, {Name: "Days", Numeric: true},
		{Name: "Annual value", Numeric: true}, {Name: "Back-billing", Numeric: true}, {Name: "Fee", Numeric: true}}}
	for _, x := range ri.Reinstatable {
		t.Rows = append(t.Rows, []Cell{{Text: x.Serial}, b.link(p, b.product[x.ProductID], x.ProductID), b.link(p, b.contract[x.Contract], x.Contract),
			{Text: siteName(x.Site)}, dateCell(x.LastEnd), intCell(x.LapsedDays), moneyCell(b, x.AnnualValue), moneyCell(b, x.BackBilling), moneyCell(b, x.Fee)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "reinstatement", Heading: b.heading("reinstatement"), Tiles: []Tile{
		{Label: b.label("back-billing"), Value: b.tileMoney(ri.BackBilling)}, {Label: fmt.Sprintf("Fees (%.0f %%)", ri.FeeRate*100), Value: b.tileMoney(ri.Fees)},
		{Label: b.label("exposure"), Value: b.tileMoney(ri.Exposure), Tone: toneIf(ri.Exposure > 0, "warn")},
		{Label: b.label("cannot-be-reinstated"), Value: thousands(len(ri.NotReinstatable)), Note: "past LDoS: TPM or replacement only", Tone: toneIf(len(ri.NotReinstatable) > 0, "bad")}},
		Table: t})
	p.Blocks = append(p.Blocks, b.reconcileBlocks(p)...)
	p.Blocks = append(p.Blocks, b.securityBlocks(p)...)
	if !lc.HasInput {
		p.Blocks = append(p.Blocks, Block{ID: "ldos", Heading: b.heading("ldos"), Paras: []string{b.say("risk.no_ldos", nil)}})
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
			Paras: []string{b.say("risk.group", struct {
				Devices int
				Value   string
			}{g.g.Devices, b.money(g.g.AnnualCost)})},
			Table: b.deviceTable(p, "risk-"+g.id, g.caption, b.devicesBySerial(g.g.Serials))})
	}
	p.Blocks = append(p.Blocks, Block{ID: "eox", Heading: b.heading("eox"), Charts: b.chartBlock(chart.EoXTimeline), Table: b.productTable(p, "eox-milestones")})
	p.Blocks = append(p.Blocks, b.replacementBlock(p))
}

func (b *builder) productTable(p *Page, id string) *Table {
	t := &Table{ID: id, Caption: b.caption("product-ids-with-their-end-of-life-milestones"), PageSize: pageSize, Columns: []Column{
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
