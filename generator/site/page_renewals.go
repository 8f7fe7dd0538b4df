// What renews when: renewals/index.html.

package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/internal/chart"
)

func (b *builder) renewals() {
	r := b.r
	p := b.page("renewals/index.html", "renewals", b.say("renewals.title", nil), b.say("renewals.description", nil),
		b.say("renewals.lead", struct {
			Lines, Contracts, HorizonDays int
			Value                         string
		}{r.Expiring.Lines, len(r.Expiring.ByContract), r.Expiring.HorizonDays, b.money(r.Expiring.AnnualValue)}))
	expiring := Block{ID: "expiring", Heading: b.heading("expiring"), Tiles: []Tile{
		{Label: b.label("lines"), Value: thousands(r.Expiring.Lines)}, {Label: b.label("devices"), Value: thousands(r.Expiring.Devices), Note: "whose latest cover ends in the window"},
		{Label: b.label("annualized-value"), Value: b.tileMoney(r.Expiring.AnnualValue)}}}
	// The renewals count a contract's devices; a device on two contracts
	// counts in each, and as expiring only when its latest cover ends in
	// the window. Say so where the numbers differ.
	perContract := 0
	for _, ec := range r.Expiring.ByContract {
		perContract += len(ec.Serials)
	}
	if perContract != r.Expiring.Devices {
		expiring.Note = b.say("renewals.per_contract", struct{ Devices int }{perContract})
	}
	p.Blocks = append(p.Blocks, expiring)
	p.Blocks = append(p.Blocks, b.rfqBlock(p)...)
	p.Blocks = append(p.Blocks, Block{ID: "calendar", Heading: b.heading("calendar"), Charts: b.chartBlock(chart.RenewalsByMonth, chart.RenewalBuckets),
		Links: []Link{{Text: b.say("renewals.calendar", struct{ File string }{CalendarFile}), Href: rel(p, CalendarFile),
			Note: b.say("renewals.calendar_note", nil)}}})
	t := &Table{ID: "contracts-renewals", Caption: b.caption("contracts-by-next-end-date"), PageSize: pageSize, Columns: []Column{
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
	p.Blocks = append(p.Blocks, Block{ID: "contracts", Heading: b.heading("contracts"), Table: t})
	p.Blocks = append(p.Blocks, Block{ID: "expiring-devices", Heading: b.heading("expiring-devices"),
		Table: b.deviceTable(p, "expiring-devices", fmt.Sprintf("Devices whose latest cover ends within %d days", r.Expiring.HorizonDays), b.devicesBySerial(r.Expiring.Serials))})
	p.Blocks = append(p.Blocks, b.serviceFitBlock(p))
}

// serviceFitBlock sets the devices' service levels against what their
// class needs ([service_targets]).
func (b *builder) serviceFitBlock(p *Page) Block {
	blk := Block{ID: "service-fit", Heading: b.heading("service-fit")}
	f := b.r.ServiceFit
	if f == nil {
		blk.Paras = []string{b.say("renewals.service_fit_none", nil)}
		return blk
	}
	blk.Paras = []string{b.say("renewals.service_fit", struct{ Critical, Standard string }{cmp.Or(f.Targets["critical"], "none set"), cmp.Or(f.Targets["standard"], "none set")})}
	side := func(devices []analyze.FitDevice, money analyze.Money, unpriced int) (string, string) {
		value := b.tileMoney(money)
		if unpriced > 0 && unpriced == len(devices) {
			value = "unknown"
		}
		note := plural(len(devices), "device")
		if unpriced > 0 {
			note += ", " + thousands(unpriced) + " without a price at the target"
		}
		return value, note
	}
	aboveValue, aboveNote := side(f.Above, f.AboveSaving, f.AboveUnpriced)
	belowValue, belowNote := side(f.Below, f.BelowCost, f.BelowUnpriced)
	blk.Tiles = []Tile{{Label: b.label("above-need-saving"), Value: aboveValue, Note: aboveNote},
		{Label: b.label("below-need-cost"), Value: belowValue, Note: belowNote, Tone: toneIf(len(f.Below) > 0, "warn")}}
	t := &Table{ID: "service-fit-devices", Caption: b.caption("devices-off-their-target-level"), PageSize: pageSize, Columns: []Column{
		{Name: "Serial"}, {Name: "Product ID"}, {Name: "Class"}, {Name: "Level"}, {Name: "Target"}, {Name: "Ends"},
		{Name: "A year today", Numeric: true}, {Name: "A year at target", Numeric: true}, {Name: "Change a year", Numeric: true}, {Name: "Price from"}}}
	for _, d := range slices.Concat(f.Above, f.Below) {
		unknown := NoPrices
		if d.Today != nil {
			unknown = "unknown"
		}
		t.Rows = append(t.Rows, []Cell{{Text: d.Serial}, b.link(p, b.product[d.ProductID], d.ProductID), {Text: d.Class}, {Text: d.Level}, {Text: d.Target},
			dateCell(d.End), optMoneyCell(b, d.Today, NoPrices), optMoneyCell(b, d.AtTarget, "no quote or line prices it"), optMoneyCell(b, d.Change, unknown), {Text: d.Source}})
	}
	if len(t.Rows) > 0 {
		blk.Table = t
	}
	return blk
}
