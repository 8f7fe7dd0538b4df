package sample

import (
	"fmt"
	"strconv"

	"github.com/renewals/renewals/generator/contract"
)

// quoteLine is one device a partner quotes.
type quoteLine struct {
	l          line
	start, end contract.Date
	net, list  int64
}

// quoteScope is what the partners were asked to quote: the MAJOR lines of
// the contracts that end in the next four months.
func (e *estate) quoteScope(lines []line) []line {
	var out []line
	for _, l := range lines {
		if l.minor || l.con == nil || l.status != "ACTIVE" || l.con.lapses || l.con.renewed {
			continue
		}
		if l.d.also != nil && l.con == l.d.also {
			continue // the duplicate line is not renewed
		}
		out = append(out, l)
	}
	return out
}

// price quotes a line for a term at a multiple of today's annual net.
func price(l line, start, end contract.Date, factor float64) quoteLine {
	days := float64(contract.InclusiveDays(start, end))
	yearly := float64(annual(l.d.prod, l.level))
	listYearly := float64(l.d.prod.list) * levelFactor[l.level]
	return quoteLine{l: l, start: start, end: end,
		net: int64(yearly*factor*days/365 + 0.5), list: int64(listYearly*1.03*days/365 + 0.5)}
}

func discountPct(q quoteLine) string {
	if q.list == 0 {
		return "0"
	}
	return strconv.FormatFloat(100*(1-float64(q.net)/float64(q.list)), 'f', 2, 64)
}

// atlas is a vendor partner quoting a 12-month renewal of each contract,
// one quote per contract, each closed by a TOTAL row. Its security quote's
// total was typed by hand and is off.
func (e *estate) atlas(scope []line) []byte {
	t := newTable(',', false, false, "Atlas IT Solutions – Renewal Quote,,,,,,", "Prepared for: Example Health,,,,,,")
	t.row("Quote Number", "Quote Name", "Line Number", "PAK/Serial Number", "Instance Number", "Product Number", "SKU",
		"Service Level", "Start Date", "End Date", "Quantity", "Unit List Price", "Discount %", "Extended Net Price", "Currency",
		"Last Date of Support", "Comments", "Partner", "Partner Type")
	for ci, c := range e.contracts {
		var qs []quoteLine
		for _, l := range scope {
			if l.con == c {
				start := c.end.AddDays(1)
				qs = append(qs, price(l, start, start.AddMonths(12).AddDays(-1), 1.07*0.98))
			}
		}
		if len(qs) == 0 {
			continue
		}
		number := fmt.Sprintf("ATL-Q2611-%04d", 410+ci)
		name := "Renewal " + c.label
		var total int64
		for i, q := range qs {
			var l string
			if x := q.l.d.prod.eox; x != nil {
				l = mdy0(x.ldos)
			}
			comment := ""
			if x := q.l.d.prod.eox; x != nil && x.ldos.Before(q.end) {
				comment = "Coverage beyond LDoS subject to vendor approval"
			}
			t.row(number, name, strconv.Itoa(i+1), q.l.serial, q.l.instance, q.l.pid, sku(q.l.level, q.l.pid), q.l.level,
				mdy0(q.start), mdy0(q.end), "1", dollars(q.list), discountPct(q), dollars(q.net), "USD", l, comment,
				"Atlas IT Solutions", "Cisco Partner")
			total += q.net
		}
		if c.label[:11] == "EH-SECURITY" {
			total += 12000 // a hand-edited total
		}
		t.row(number, name, "TOTAL", "", "", "", "", "", "", "", "", "", "", dollars(total), "USD", "", "", "Atlas IT Solutions", "")
	}
	return t.bytes(false)
}

// northbridge is a vendor partner that co-terms everything to one date,
// so its headline total covers shorter terms. It declines devices already
// past LDoS. Its file has no Partner column; the config names it.
func (e *estate) northbridge(scope []line) []byte {
	t := newTable(',', false, false)
	t.row("Quote Number", "Line Number", "Serial Number", "Product Number", "Service SKU", "Service Level", "Start Date",
		"End Date", "Qty", "Unit List Price", "Discount %", "Extended Net Price", "Currency", "LDOS", "Comments")
	coterm := day(2027, 9, 30)
	n := 0
	for _, l := range scope {
		if x := l.d.prod.eox; x != nil && x.ldos.Before(asOf) {
			continue
		}
		n++
		q := price(l, l.con.end.AddDays(1), coterm, 1.09)
		var ld string
		if x := l.d.prod.eox; x != nil {
			ld = iso(x.ldos)
		}
		t.row("NBN-2026-1187", strconv.Itoa(n*10), l.serial, l.pid, sku(l.level, l.pid), l.level, iso(q.start), iso(q.end), "1",
			plain(q.list), discountPct(q), plain(q.net), "USD", ld, "Co-termed to 30-Sep-2027")
	}
	return t.bytes(false)
}

// ridgeline is a third-party maintainer quoting 12 months at about 60 %
// below vendor net, with its own service names and a few devices left out.
func (e *estate) ridgeline(scope []line) []byte {
	t := newTable(',', false, false)
	t.row("Quote Number", "Line Number", "Serial Number", "Product Number", "Service Level", "Start Date", "End Date",
		"Qty", "Extended Net Price", "Currency", "Comments", "Partner", "Partner Type")
	tpmLevel := map[string]string{"SNT": "8x5xNBD", "SNTE": "8x5x4", "SNTP": "24x7x4", "S2P": "24x7x2"}
	for i, l := range scope {
		if i%37 == 5 {
			continue // not in the maintainer's catalogue
		}
		start := l.con.end.AddDays(1)
		q := price(l, start, start.AddMonths(12).AddDays(-1), 0.40)
		t.row("RMS-88213", strconv.Itoa(i+1), l.serial, l.pid, tpmLevel[l.level], mdy0(q.start), mdy0(q.end), "1",
			plain(q.net), "USD", "Includes advance replacement; no software updates", "Ridgeline Maintenance", "Third-Party Maintenance")
	}
	return t.bytes(false)
}
