// Partner quotes compared: quotes/index.html.

package site

import (
	"fmt"
	"strconv"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/internal/chart"
)

// quoteMoney formats an amount of a partner quote, which carries its own
// prices whether or not the exports do.
func (b *builder) quoteMoney(m analyze.Money) string { return m.Format(b.r.Currency) }

func quoteMoneyCell(b *builder, m analyze.Money) Cell { return amountCell(b.quoteMoney(m), m) }

func (b *builder) quotes() {
	q := b.r.Quotes
	p := b.page("quotes/index.html", "quotes", b.say("quotes.title", nil), b.say("quotes.description", nil), "")
	if q == nil {
		p.Lead = b.say("quotes.lead_none", nil)
		return
	}
	p.Lead = b.say("quotes.lead", struct{ Partners, Common int }{len(q.Partners), len(q.CommonScope)})
	tiles := []Tile{{Label: b.label("common-scope"), Value: plural(len(q.CommonScope), "serial")}}
	if q.CheapestVendor != "" {
		tiles = append(tiles, Tile{Label: b.label("cheapest-vendor-partner-per-year"), Value: q.CheapestVendor, Tone: "good"})
		tpm := Tile{Label: b.label("tpm-saving"), Value: tilePct(q.TPM.Pct), Note: b.quoteMoney(q.TPM.Amount) + " a year"}
		if q.TPM.Estimate {
			tpm.Note += "; estimate from tpm_discount"
		}
		tiles = append(tiles, tpm, Tile{Label: b.label("hybrid-saving"), Value: tilePct(q.Hybrid.Pct), Note: b.quoteMoney(q.Hybrid.Amount) + " a year"})
	}
	p.Blocks = append(p.Blocks, Block{ID: "comparison", Heading: b.heading("comparison"), Tiles: tiles, Charts: b.chartBlock(chart.QuoteComparison)})
	if t := q.Trap; t != nil {
		p.Blocks = append(p.Blocks, Block{ID: "headline-trap", Class: "warning", Heading: b.heading("headline-trap"), Paras: []string{
			b.say("quotes.trap", struct {
				Headline, HeadlineTotal, HeadlinePerYear, Annual, AnnualPerYear string
				HeadlineDays, AnnualDays                                        int
			}{t.HeadlineCheapest, b.quoteMoney(t.Headline[t.HeadlineCheapest]), b.quoteMoney(t.Annualized[t.HeadlineCheapest]),
				t.AnnualCheapest, b.quoteMoney(t.Annualized[t.AnnualCheapest]), t.AvgTermDays[t.HeadlineCheapest], t.AvgTermDays[t.AnnualCheapest]}),
			b.say("quotes.trap_why", nil)}})
	}
	p.Blocks = append(p.Blocks, b.auditBlocks(p)...)
	p.Blocks = append(p.Blocks, b.rfqBlock(p)...)
	t := &Table{ID: "partners", Caption: b.caption("partners"), Columns: []Column{
		{Name: "Partner"}, {Name: "Kind"}, {Name: "Lines", Numeric: true}, {Name: "Headline total", Numeric: true}, {Name: "Annualized", Numeric: true},
		{Name: "Common scope, headline", Numeric: true}, {Name: "Common scope, per year", Numeric: true}, {Name: "Average term (days)", Numeric: true},
		{Name: "Lines past LDoS", Numeric: true}, {Name: "Lines for devices past LDoS", Numeric: true}}}
	for _, pa := range q.Partners {
		t.Rows = append(t.Rows, []Cell{{Text: pa.Name}, {Text: string(pa.Kind)}, intCell(pa.Lines), quoteMoneyCell(b, pa.Headline), quoteMoneyCell(b, pa.Annualized),
			quoteMoneyCell(b, pa.CommonHeadline), quoteMoneyCell(b, pa.CommonAnnualized), intCell(pa.AvgTermDays), intCell(pa.LinesPastLDoS), intCell(pa.LinesDevicePastLDoS)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "partners", Heading: b.heading("partners"), Table: t})
	if q.CheapestVendor != "" {
		p.Blocks = append(p.Blocks, Block{ID: "tpm", Heading: b.heading("tpm"), Class: "warning", Paras: []string{
			b.say("quotes.hybrid", struct {
				Products, TPMUnits  int
				Vendor, Cost, AllIn string
			}{q.Hybrid.Products, q.Hybrid.TPMUnits, q.CheapestVendor, b.quoteMoney(q.Hybrid.Cost), b.quoteMoney(q.Hybrid.AllVendor)}),
			analyze.HybridCaveat}})
	}
	ft := &Table{ID: "flagged-quote-lines", Caption: b.caption("quote-lines-to-question"), PageSize: pageSize, Columns: []Column{
		{Name: "Partner"}, {Name: "Serial"}, {Name: "Product"}, {Name: "Ends"}, {Name: "LDoS"}, {Name: "Why"}, {Name: "Source"}}}
	for _, f := range q.Flagged {
		ft.Rows = append(ft.Rows, []Cell{{Text: f.Partner}, {Text: f.Serial}, {Text: f.ProductNumber}, dateCell(f.End), dateCell(f.LDoS), {Text: f.Reason},
			b.sourceCell(f.Ref)})
	}
	p.Blocks = append(p.Blocks, Block{ID: "flagged", Heading: b.heading("flagged"), Table: ft,
		Note: b.say("quotes.flagged_note", nil)})
	if len(q.TotalMismatches) > 0 {
		mt := &Table{ID: "quote-total-mismatches", Caption: b.caption("totals-rows-that-disagree-with-their-lines"), Columns: []Column{
			{Name: "Partner"}, {Name: "Quote"}, {Name: "Stated total", Numeric: true}, {Name: "Sum of lines", Numeric: true}, {Name: "Source"}}}
		for _, m := range q.TotalMismatches {
			mt.Rows = append(mt.Rows, []Cell{{Text: m.Partner}, {Text: m.QuoteNumber}, quoteMoneyCell(b, m.Stated), quoteMoneyCell(b, m.Sum), b.sourceCell(m.Ref)})
		}
		p.Blocks = append(p.Blocks, Block{ID: "totals", Heading: b.heading("totals"), Table: mt})
	}
}

// auditBlocks sets each partner's quote against what is paid today: a
// section per partner that leads with its uplift and what it leaves out,
// then its lines.
func (b *builder) auditBlocks(p *Page) []Block {
	a := b.r.Audit
	if a == nil {
		return nil
	}
	var out []Block
	for _, pa := range a.Partners {
		blk := Block{ID: "audit-" + slug(pa.Name), Heading: pa.Name + " against today"}
		uplift := "no line of it renews a line of the current snapshot"
		if pa.Matched > 0 && b.r.Priced {
			uplift = b.say("quotes.audit_uplift", struct {
				Uplift                        string
				Lines, OverCap, Higher, Lower int
				Quoted, Today, Cap            string
			}{tilePct(pa.UpliftPct), pa.Matched, pa.OverCap, pa.Higher, pa.Lower, b.quoteMoney(pa.Quoted), b.money(pa.Current), tilePct(a.UpliftCap * 100)})
		} else if pa.Matched > 0 {
			uplift = plural(pa.Matched, "line") + " renew current lines; the exports carry no prices to set them against"
		}
		blk.Paras = append(blk.Paras, uplift+".")
		if len(pa.LeftOut) > 0 {
			blk.Paras = append(blk.Paras, b.say("quotes.audit_left_out", struct {
				Devices int
				Value   string
			}{len(pa.LeftOut), b.money(pa.LeftOutMoney)}))
			blk.Class = "warning"
		}
		if len(pa.Added) > 0 {
			blk.Paras = append(blk.Paras, b.say("quotes.audit_added", struct {
				Devices int
				Value   string
			}{len(pa.Added), b.quoteMoney(pa.AddedMoney)}))
		}
		t := &Table{ID: "audit-lines-" + slug(pa.Name), Caption: pa.Name + ": each line against today", PageSize: pageSize, Columns: []Column{
			{Name: "Serial"}, {Name: "Level today"}, {Name: "Level quoted"}, {Name: "Today per year", Numeric: true}, {Name: "Quoted per year", Numeric: true},
			{Name: "Uplift", Numeric: true}, {Name: "Over the cap"}, {Name: "Source"}}}
		for _, l := range pa.Lines {
			today, up, over := Cell{Text: "no current line"}, Cell{}, ""
			if l.Matched {
				today = moneyCell(b, l.Current)
				if l.Current > 0 && b.r.Priced {
					up = Cell{Text: tilePct(l.UpliftPct), Sort: fmt.Sprintf("%.2f", l.UpliftPct), Num: true, Value: fmt.Sprintf("%.2f", l.UpliftPct)}
				}
				if l.OverCap {
					over = "yes"
				}
			}
			t.Rows = append(t.Rows, []Cell{{Text: l.Serial}, {Text: l.CurrentLevel}, {Text: l.QuotedLevel}, today, quoteMoneyCell(b, l.Quoted), up, {Text: over},
				b.sourceCell(l.Ref)})
		}
		blk.Table = t
		out = append(out, blk)
	}
	return out
}

// sourceCell names the file and line a value came from. It sorts by them,
// and stays on one line: a path broken at its hyphens reads as nothing.
func (b *builder) sourceCell(ref contract.Ref) Cell {
	name := b.file(ref.File)
	return Cell{Text: name + ":" + strconv.Itoa(ref.Line), Sort: fmt.Sprintf("%s:%09d", name, ref.Line)}
}
