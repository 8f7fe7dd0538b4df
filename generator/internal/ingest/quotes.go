package ingest

import (
	"fmt"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// quoteRow is one row of a CCW-R style renewal quote export.
type quoteRow struct {
	QuoteNumber  string `csv:"quote_number"`
	QuoteName    string `csv:"quote_name"`
	LineNumber   string `csv:"line_number"`
	Serial       string `csv:"serial"`
	Instance     string `csv:"instance"`
	Product      string `csv:"product"`
	SKU          string `csv:"sku"`
	ServiceLevel string `csv:"service_level"`
	Start        string `csv:"start"`
	End          string `csv:"end"`
	Quantity     string `csv:"quantity"`
	UnitList     string `csv:"unit_list"`
	Discount     string `csv:"discount"`
	Net          string `csv:"net"`
	Currency     string `csv:"currency"`
	LDoS         string `csv:"ldos"`
	Comments     string `csv:"comments"`
	Partner      string `csv:"partner"`
	PartnerType  string `csv:"partner_type"`
}

// QuoteFile is what one quote export holds.
type QuoteFile struct {
	Lines  []contract.QuoteLine
	Totals []contract.QuoteTotal
	Stat   contract.FileStat
	Quirks []contract.Quirk
}

// Quotes reads a partner's renewal quote. The partner and its kind come
// from Partner and Partner Type columns, or else from opt. Totals rows are
// returned apart so that analysis can check them against their lines.
func Quotes(name string, data []byte, opt Options, diags *diag.List) QuoteFile {
	return quotes(make([]contract.QuoteLine, 0, estimateRows(data)), name, data, opt, diags)
}

// QuoteFiles reads quote exports, in order, into one slice of lines sized
// once for all of them, as Snapshot does: at a million devices, copying
// the lines of several quotes together after the fact cost a second copy
// of them (300 MB). opts[i] holds the settings of files[i]. Lines holds
// every file's lines; each QuoteFile has its file's totals, stat and
// quirks, and no lines.
func QuoteFiles(files []File, opts []Options, diags *diag.List) (lines []contract.QuoteLine, stats []QuoteFile) {
	return readAll(files, func(out []contract.QuoteLine, i int) ([]contract.QuoteLine, QuoteFile) {
		q := quotes(out, files[i].Name, files[i].Data, files[i].Options(opts[i]), diags)
		out, q.Lines = q.Lines, nil
		return out, q
	})
}

// quotes reads one quote export and appends its lines to out.
func quotes(out []contract.QuoteLine, name string, data []byte, opt Options, diags *diag.List) QuoteFile {
	t := open(name, data, KindQuotes, opt, diags)
	if t == nil {
		return QuoteFile{Lines: out, Stat: contract.FileStat{Path: name, Kind: string(KindQuotes)}}
	}
	var defaultKind contract.PartnerKind
	if opt.Kind != "" {
		defaultKind, _ = contract.ParsePartnerKind(opt.Kind)
	}
	if !t.has("partner") && opt.Partner == "" {
		diags.Errorf(diag.Pos{File: name, Line: t.stat.HeaderLine, Col: 1}, "the quote has no Partner column: name the partner with partner = \"...\" in the [[quotes]] entry that lists this file")
		return QuoteFile{Lines: out, Stat: t.stat}
	}
	if !t.has("partner_type") && defaultKind == "" {
		diags.Errorf(diag.Pos{File: name, Line: t.stat.HeaderLine, Col: 1}, "the quote has no Partner Type column: set kind = \"vendor-partner\" or kind = \"tpm\" in the [[quotes]] entry that lists this file")
		return QuoteFile{Lines: out, Stat: t.stat}
	}
	before := len(out)
	f := QuoteFile{Lines: out}
	rows(t, func(r *quoteRow) {
		partner := t.text("partner", r.Partner)
		if partner == "" {
			partner = opt.Partner
		}
		kind := defaultKind
		if pt := t.text("partner_type", r.PartnerType); pt != "" {
			k, ok := contract.ParsePartnerKind(pt)
			if !ok {
				t.failf("partner_type", "cannot read %q as a partner type (accepted: %s)", pt, contract.AcceptedPartnerTypes)
			}
			kind = k
		}
		serial := t.text("serial", r.Serial)
		if serial == "" || isTotal(serial) {
			for _, label := range []string{r.Serial, r.LineNumber, r.QuoteNumber, r.QuoteName, r.Product, r.SKU, r.Comments, r.Partner} {
				if isTotal(label) {
					t.stat.Rows--
					t.stat.Skipped++
					t.quirk("totals-row", "net", fmt.Sprintf("%q on line %d", strings.TrimSpace(label), t.line), 0)
					quote := t.text("quote_number", r.QuoteNumber)
					if isTotal(quote) {
						quote = ""
					}
					f.Totals = append(f.Totals, contract.QuoteTotal{Partner: partner, QuoteNumber: quote,
						Amount: t.money("net", r.Net), Ref: contract.Ref{File: t.name, Line: t.line}})
					return
				}
			}
			net := t.money("net", r.Net)
			t.stat.Dropped++
			t.stat.DroppedMoney += net
			t.quirk("no-serial", "serial", fmt.Sprintf("line %d", t.line), net)
			return
		}
		if partner == "" {
			t.failf("partner", "no partner named on this line, and the [[quotes]] entry sets no partner")
		}
		// The quote name, line number, SKU, unit list price, quantity,
		// discount, currency and comments are checked, in column order,
		// and not kept: nothing after the import reads them.
		q := contract.QuoteLine{Partner: partner, Kind: kind, Serial: serial, Ref: contract.Ref{File: t.name, Line: t.line}}
		q.QuoteNumber = t.id("quote_number", r.QuoteNumber)
		t.id("line_number", r.LineNumber)
		q.Instance = t.id("instance", r.Instance)
		q.ProductNumber = strings.ToUpper(t.text("product", r.Product))
		sku := strings.ToUpper(t.text("sku", r.SKU))
		q.Start = t.date("start", r.Start)
		q.End = t.date("end", r.End)
		t.money("unit_list", r.UnitList)
		q.ExtendedNet = t.money("net", r.Net)
		t.currency(r.Currency)
		q.LDoS = t.date("ldos", r.LDoS)
		q.ServiceLevel = t.serviceLevel(t.text("service_level", r.ServiceLevel), sku, "")
		if _, err := ParseQuantity(r.Quantity); err != nil {
			t.fail("quantity", err)
		}
		if _, err := ParsePercent(r.Discount, t.opt.DecimalComma); err != nil {
			t.fail("discount", err)
		}
		switch {
		case noValue(r.Start):
			t.failf("start", "missing: a quote line needs its term to be annualized")
		case noValue(r.End):
			t.failf("end", "missing: a quote line needs its term to be annualized")
		case !q.Start.IsZero() && !q.End.IsZero() && q.End.Before(q.Start):
			t.failf("end", "the end date %s is before the start date %s", q.End, q.Start)
		}
		f.Lines = append(f.Lines, q)
	})
	t.stat.Kept = len(f.Lines) - before
	f.Stat, f.Quirks = t.stat, t.finish()
	return f
}
