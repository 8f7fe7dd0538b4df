package ingest

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// coverageRow is one row of a coverage export, mapped by rows. The tags
// are the field keys of coverageVocabulary.
type coverageRow struct {
	Serial         string `csv:"serial"`
	Instance       string `csv:"instance"`
	ParentSerial   string `csv:"parent_serial"`
	ParentInstance string `csv:"parent_instance"`
	Relationship   string `csv:"relationship"`
	ProductID      string `csv:"product_id"`
	Description    string `csv:"description"`
	Family         string `csv:"family"`
	Type           string `csv:"type"`
	Host           string `csv:"host"`
	Site           string `csv:"site"`
	SiteID         string `csv:"site_id"`
	Customer       string `csv:"customer"`
	Coverage       string `csv:"coverage"`
	Status         string `csv:"status"`
	Contract       string `csv:"contract"`
	Label          string `csv:"label"`
	ServiceLevel   string `csv:"service_level"`
	ServiceDesc    string `csv:"service_desc"`
	DefaultLevel   string `csv:"default_level"`
	Termination    string `csv:"termination"`
	Duplicate      string `csv:"duplicate"`
	SKU            string `csv:"sku"`
	Start          string `csv:"start"`
	End            string `csv:"end"`
	LDoS           string `csv:"ldos"`
	UnitList       string `csv:"unit_list"`
	Net            string `csv:"net"`
	Currency       string `csv:"currency"`
}

// CoverageFile is what one coverage export holds.
type CoverageFile struct {
	Lines  []contract.Line
	Stat   contract.FileStat
	Quirks []contract.Quirk
}

// Coverage reads a coverage or installed-base export (CX Cloud, Cisco Ready
// or Service Contract Center style). Problems go to diags, positioned at
// the cell; the lines that could be read are returned in file order.
func Coverage(name string, data []byte, opt Options, diags *diag.List) CoverageFile {
	return coverage(make([]contract.Line, 0, estimateRows(data)), name, data, opt, diags)
}

// File is an input file's name and contents, and the settings its entry in
// the config gives it.
type File struct {
	Name string
	Data []byte
	// DateOrder and Decimal ("." or ","), when set, read this file instead
	// of the config's; Sheet names a workbook's data sheet.
	DateOrder DateOrder
	Decimal   string
	Sheet     string
}

// Options returns opt with the file's own settings applied.
func (f File) Options(opt Options) Options {
	if f.DateOrder != "" {
		opt.DateOrder = f.DateOrder
	}
	switch f.Decimal {
	case ".":
		opt.DecimalComma = false
	case ",":
		opt.DecimalComma = true
	}
	if f.Sheet != "" {
		opt.Sheet = f.Sheet
	}
	return opt
}

// Snapshot reads the coverage exports of one snapshot, in order, into one
// slice of lines sized once for all of them: at a million devices, copying
// the lines of several files together after the fact cost seconds. Lines
// holds every file's lines; each CoverageFile has its file's stat and
// quirks, and no lines.
func Snapshot(files []File, opt Options, diags *diag.List) (lines []contract.Line, stats []CoverageFile) {
	return readAll(files, func(out []contract.Line, i int) ([]contract.Line, CoverageFile) {
		c := coverage(out, files[i].Name, files[i].Data, files[i].Options(opt), diags)
		out, c.Lines = c.Lines, nil
		return out, c
	})
}

// readAll reads files in order into one slice of lines sized once for all
// of them. read
// appends file i's lines to out and returns them with what else the file
// holds.
func readAll[L, F any](files []File, read func(out []L, i int) ([]L, F)) (lines []L, stats []F) {
	n := 0
	for _, f := range files {
		n += estimateRows(f.Data)
	}
	lines = make([]L, 0, n)
	for i := range files {
		var st F
		lines, st = read(lines, i)
		stats = append(stats, st)
	}
	return lines, stats
}

// coverage reads one export and appends its lines to out.
func coverage(out []contract.Line, name string, data []byte, opt Options, diags *diag.List) CoverageFile {
	c := readCoverage(name, data, opt, diags, func(t *table, r *coverageRow) bool {
		out = append(out, contract.Line{})
		if !t.coverageLine(r, &out[len(out)-1]) {
			out = out[:len(out)-1]
			return false
		}
		return true
	})
	c.Lines = out
	return c
}

// SnapshotPast reads the coverage exports of an earlier snapshot as
// Snapshot does, but keeps each line only as the trend reads it (see
// contract.PastLine); each is first handed to each, which may keep its
// strings but not the line, which the next row reuses. The whole lines of
// a snapshot are never held at once.
func SnapshotPast(files []File, opt Options, diags *diag.List, each func(*contract.Line)) (lines []contract.PastLine, stats []CoverageFile) {
	var l contract.Line
	return readAll(files, func(out []contract.PastLine, i int) ([]contract.PastLine, CoverageFile) {
		c := readCoverage(files[i].Name, files[i].Data, files[i].Options(opt), diags, func(t *table, r *coverageRow) bool {
			if !t.coverageLine(r, &l) {
				return false
			}
			each(&l)
			out = append(out, contract.Past(&l))
			return true
		})
		return out, c
	})
}

// readCoverage reads one export, handing each row to line, which reports
// whether the row was kept as a line.
func readCoverage(name string, data []byte, opt Options, diags *diag.List, line func(*table, *coverageRow) bool) CoverageFile {
	t := open(name, data, KindCoverage, opt, diags)
	if t == nil {
		return CoverageFile{Stat: contract.FileStat{Path: name, Kind: string(KindCoverage)}}
	}
	t.stat.Unpriced = !t.has("net")
	rows(t, func(r *coverageRow) {
		if line(t, r) {
			t.stat.Kept++
		}
	})
	return CoverageFile{Stat: t.stat, Quirks: t.finish()}
}

// coverageLine fills l from r and reports whether the row is a line.
func (t *table) coverageLine(r *coverageRow, l *contract.Line) bool {
	serial := t.text("serial", r.Serial)
	if serial == "" || isTotal(serial) {
		for _, label := range []string{r.Serial, r.Contract, r.ProductID, r.Site, r.Description, r.Label} {
			if isTotal(label) {
				t.stat.Skipped++
				t.stat.Rows--
				t.quirk("totals-row", "serial", fmt.Sprintf("%q on line %d", strings.TrimSpace(label), t.line), 0)
				return false
			}
		}
		net := t.money("net", r.Net)
		t.stat.Dropped++
		t.stat.DroppedMoney += net
		t.quirk("no-serial", "serial", fmt.Sprintf("line %d", t.line), net)
		return false
	}
	instance := t.id("instance", r.Instance)
	// Parent serial and instance say whether a line is minor; the site ID,
	// product type, coverage flag, service description, unit list price
	// and currency are checked and not kept. The figures do not trust the
	// export's coverage flag: they derive coverage from dates.
	parentSerial := t.text("parent_serial", r.ParentSerial)
	parentInstance := t.id("parent_instance", r.ParentInstance)
	productID := strings.ToUpper(t.text("product_id", r.ProductID))
	description := strings.TrimPrefix(t.free(r.Description), "^")
	family := t.text("family", r.Family)
	software := strings.EqualFold(t.text("type", r.Type), "SOFTWARE")
	host := t.text("host", r.Host)
	// With no site name: the site ID, then the customer's name.
	site := cmp.Or(t.text("site", r.Site), t.id("site_id", r.SiteID), t.text("customer", r.Customer))
	t.text("coverage", r.Coverage)
	if mark := strings.ToUpper(t.text("duplicate", r.Duplicate)); mark != "" && mark != "ORIGINAL" {
		// The macro report marks the repeats of a row it lists twice.
		t.stat.Skipped++
		t.stat.Rows--
		t.quirk("duplicate-row", "duplicate", fmt.Sprintf("%s marked %q on line %d", serial, mark, t.line), 0)
		return false
	}
	*l = contract.Line{
		Serial:        serial,
		Instance:      instance,
		ProductID:     productID,
		Description:   description,
		Family:        family,
		HostName:      host,
		Site:          site,
		Status:        lineStatus(t.text("status", r.Status)),
		Contract:      t.id("contract", r.Contract),
		ContractLabel: t.text("label", r.Label),
	}
	serviceDesc := t.text("service_desc", r.ServiceDesc)
	l.Start = t.date("start", r.Start)
	l.End = t.date("end", r.End)
	if term := t.date("termination", r.Termination); !term.IsZero() && l.Status == contract.StatusTerminated && (l.End.IsZero() || term.Before(l.End)) {
		l.End = term // a terminated line ends on its termination date
	}
	l.LDoS = t.date("ldos", r.LDoS)
	t.money("unit_list", r.UnitList)
	l.ExtendedNet = t.money("net", r.Net)
	t.currency(r.Currency)
	l.Ref = contract.Ref{File: t.name, Line: t.line}
	switch rel := strings.ToUpper(t.text("relationship", r.Relationship)); rel {
	case "MAJOR":
	case "MINOR":
		l.Minor = true
	case "":
		l.Minor = parentSerial != "" || parentInstance != ""
	default:
		t.failf("relationship", "cannot read %q as a relationship (accepted: MAJOR, MINOR)", strings.TrimSpace(r.Relationship))
	}
	level := t.text("service_level", r.ServiceLevel)
	if level == "" {
		level = t.text("default_level", r.DefaultLevel) // Cisco Ready's, when the line names none
	}
	l.ServiceLevel = t.serviceLevel(level, t.text("sku", r.SKU), serviceDesc)
	if software {
		// A software subscription: its money is spend on its contract, but
		// it is no device.
		l.Minor = true
	}
	key := lineKey{l.Serial, l.Instance, l.Contract, l.Start, l.End}
	if t.lines == nil {
		t.lines = make(map[lineKey]struct{}, t.sizeHint)
	}
	if _, twice := t.lines[key]; twice {
		t.stat.Skipped++
		t.stat.Rows--
		t.quirk("duplicate-row", "serial", fmt.Sprintf("%s on contract %s, line %d", l.Serial, l.Contract, t.line), 0)
		return false
	}
	t.lines[key] = struct{}{}
	if !t.has("start") {
		// No start-date column: the line covers every day up to its end,
		// unless its coverage flag says it does not cover at all.
		switch strings.ToUpper(t.text("coverage", r.Coverage)) {
		case "NO", "N", "NOT COVERED", "UNCOVERED", "FALSE":
		default:
			l.OpenStart = l.Contract != ""
		}
		if l.Contract != "" && noValue(r.End) {
			t.quirk("missing-dates", "end", fmt.Sprintf("serial %s on contract %s", l.Serial, l.Contract), 0)
		}
	} else if l.Contract != "" {
		if noValue(r.Start) || noValue(r.End) {
			t.quirk("missing-dates", "start", fmt.Sprintf("serial %s on contract %s", l.Serial, l.Contract), 0)
		} else if !l.Start.IsZero() && !l.End.IsZero() && l.End.Before(l.Start) {
			t.failf("end", "the end date %s is before the start date %s", l.End, l.Start)
		}
	}
	return true
}

// serviceLevel finds the code in the lookup table from the Service Level
// column (a code or a service SKU), the SKU column or the description. An
// unknown code is kept as written and counted.
func (t *table) serviceLevel(level, sku, desc string) string {
	level = strings.ToUpper(level)
	if _, ok := contract.LookupServiceLevel(level); ok {
		return level
	}
	for _, s := range []string{level, sku} {
		if code, ok := contract.ServiceLevelFromSKU(s); ok {
			return code
		}
	}
	for _, d := range []string{level, desc} {
		if code, ok := levelByDescription[NormalizeHeader(d)]; ok {
			return code
		}
		// The Serial Number to Information API writes the offer and level
		// first: "SNTC-24X7X4 Cisco Catalyst 9300 48-port PoE".
		first, _, _ := strings.Cut(strings.TrimSpace(d), " ")
		if _, lvl, ok := strings.Cut(first, "-"); ok {
			if code, ok := levelByDescription[NormalizeHeader(lvl)]; ok {
				return code
			}
		}
	}
	if level != "" {
		t.quirk("unknown-service-level", "service_level", fmt.Sprintf("%q", level), 0)
	}
	return level
}

// levelByDescription maps service descriptions, folded like headers, to
// codes. It is a lookup table, not a guess from the words.
var levelByDescription = map[string]string{
	"softwareonly": "SW", "swsupport": "SW", "softwaresupport": "SW",
	"8x5xnbd": "SNT", "smartnet8x5xnbd": "SNT", "snt8x5xnbd": "SNT",
	"8x5xnbdos": "CS", "8x5xnbdonsite": "CS", "smartnetonsite8x5xnbd": "CS",
	"8x5x4": "SNTE", "smartnet8x5x4": "SNTE",
	"8x5x4os": "C4S", "8x5x4onsite": "C4S", "smartnetonsite8x5x4": "C4S",
	"24x7x4": "SNTP", "smartnet24x7x4": "SNTP",
	"24x7x4os": "C4P", "24x7x4onsite": "C4P", "smartnetonsite24x7x4": "C4P",
	"24x7x2": "S2P", "smartnet24x7x2": "S2P",
	"24x7x2os": "C2P", "24x7x2onsite": "C2P", "smartnetonsite24x7x2": "C2P",
}

func lineStatus(s string) string {
	u := strings.ToUpper(s)
	if u == "CANCELED" {
		return contract.StatusCancelled
	}
	return u
}
