// The RFQ scope pack: the renewal scope in the quote vocabulary, for every
// partner to price the same devices (README: "What the report computes",
// RFQ scope).

package site

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// RFQ files: the scope as CSV and as a workbook.
const (
	RFQScopeCSV  = "data/rfq-scope.csv"
	RFQScopeXLSX = "data/rfq-scope.xlsx"
)

// rfqHead is the scope's header: the quote importer's own names, so that a
// copy with its prices filled in reads back unchanged.
var rfqHead = []string{"Quote Number", "Line Number", "Serial Number", "Instance Number", "Product Number", "Service Level",
	"Start Date", "End Date", "Quantity", "Unit List Price", "Discount %", "Extended Net Price", "Currency",
	"Last Date of Support", "Partner", "Partner Type", "Current Contract", "Install Site", "Comments"}

// rfqRow is one device of the scope, or one left out with its reason.
type rfqRow struct {
	d             *analyze.Device
	line          *contract.Line
	start, end    contract.Date
	note, leftOut string
}

// rfqScope lists the expiring devices to quote: each from the day after
// its cover ends to the proposed co-term date (a year on when there is
// none), capped at its LDoS; a device already past LDoS is left out with
// its reason.
func (b *builder) rfqScope() (scope, left []rfqRow) {
	r := b.r
	for _, s := range r.Expiring.Serials {
		d := r.Device(s)
		if d == nil {
			continue
		}
		var line *contract.Line
		for _, l := range d.Lines {
			if l.ActiveOn(r.AsOf) && (line == nil || l.End.After(line.End)) {
				line = l
			}
		}
		if line == nil {
			continue
		}
		row := rfqRow{d: d, line: line, start: line.End.AddDays(1)}
		if !d.LDoS.IsZero() && !d.LDoS.After(r.AsOf) {
			row.leftOut = "past its Last Date of Support on " + d.LDoS.String() + ": the vendor will not renew it; third-party maintenance or replacement"
			left = append(left, row)
			continue
		}
		row.end = r.CoTerm.Target
		if row.end.IsZero() || !row.end.After(row.start) {
			row.end = row.start.AddMonths(12).AddDays(-1)
		}
		if !d.LDoS.IsZero() && row.end.After(d.LDoS) {
			row.end, row.note = d.LDoS, "end capped at the product's Last Date of Support"
		}
		scope = append(scope, row)
	}
	return scope, left
}

func (row rfqRow) cells(n int, currency string) []string {
	ldos := ""
	if !row.d.LDoS.IsZero() {
		ldos = row.d.LDoS.String()
	}
	end := ""
	if !row.end.IsZero() {
		end = row.end.String()
	}
	return []string{"", strconv.Itoa(n), row.d.Serial, row.line.Instance, row.d.ProductID, row.line.ServiceLevel,
		row.start.String(), end, "1", "", "", "", currency, ldos, "", "", row.line.Contract, siteName(row.d.Site), row.note}
}

// rfqFiles writes the scope pack: the CSV of the devices to quote, and a
// workbook with the same sheet and a second of the devices left out.
func (b *builder) rfqFiles() (csvData, xlsx []byte, err error) {
	scope, left := b.rfqScope()
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	_ = w.Write(rfqHead)
	quote := xSheet{name: "Scope", head: rfqHead}
	for i, row := range scope {
		cells := row.cells(i+1, b.r.Currency)
		neutral := make([]string, len(cells))
		for j, c := range cells {
			neutral[j] = Neutralize(c)
		}
		_ = w.Write(neutral)
		xr := make([]xCell, len(cells))
		for j, c := range cells {
			xr[j] = xCell{xText, c}
			if isoDay(c) {
				xr[j].kind = xDate
			}
		}
		quote.rows = append(quote.rows, xr)
	}
	w.Flush()
	out := xSheet{name: "Left out", head: []string{"Serial Number", "Product Number", "Current Contract", "Install Site", "Last Date of Support", "Why"}}
	for _, row := range left {
		out.rows = append(out.rows, []xCell{{xText, row.d.Serial}, {xText, row.d.ProductID}, {xText, row.line.Contract},
			{xText, siteName(row.d.Site)}, {xDate, row.d.LDoS.String()}, {xText, row.leftOut}})
	}
	xlsx, err = writeXLSX([]xSheet{quote, out})
	return buf.Bytes(), xlsx, err
}

// rfqBlock links the scope pack, with what a partner is to do with it.
func (b *builder) rfqBlock(p *Page) []Block {
	if b.single != nil || len(b.r.Expiring.Serials) == 0 {
		return nil
	}
	return []Block{{ID: "rfq", Heading: b.heading("rfq"), Paras: []string{b.say("renewals.rfq", nil)},
		Links: []Link{{Text: "rfq-scope.xlsx", Href: rel(p, RFQScopeXLSX), Note: "the devices to quote, and those left out with why"},
			{Text: "rfq-scope.csv", Href: rel(p, RFQScopeCSV), Note: "the same devices to quote, as CSV"}}}}
}
