package sample

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// table builds one CSV file in memory.
type table struct {
	buf bytes.Buffer
	w   *csv.Writer
}

func newTable(comma rune, crlf, bom bool, preamble ...string) *table {
	t := &table{}
	if bom {
		t.buf.WriteString("\uFEFF")
	}
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	for _, p := range preamble {
		t.buf.WriteString(p + eol)
	}
	t.w = csv.NewWriter(&t.buf)
	t.w.Comma, t.w.UseCRLF = comma, crlf
	return t
}

func (t *table) row(cells ...string) { _ = t.w.Write(cells) }

func (t *table) bytes(trailingBlank bool) []byte {
	t.w.Flush()
	if trailingBlank {
		if t.w.UseCRLF {
			t.buf.WriteString("\r\n")
		} else {
			t.buf.WriteString("\n")
		}
	}
	return t.buf.Bytes()
}

var monthAbbr = []string{"", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// Date styles of the real exports.
func iso(d contract.Date) string {
	return d.String()
}

func isoT(d contract.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String() + "T00:00:00Z"
}

func mdy(d contract.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Civil()
	return fmt.Sprintf("%d/%d/%d", int(m), dd, y)
}

func mdy0(d contract.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Civil()
	return fmt.Sprintf("%02d/%02d/%d", int(m), dd, y)
}

func dmon(d contract.Date) string {
	if d.IsZero() {
		return "N/A"
	}
	y, m, dd := d.Civil()
	return fmt.Sprintf("%02d-%s-%d", dd, monthAbbr[m], y)
}

var excelEpoch = day(1899, 12, 30)

func excel(d contract.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Sub(excelEpoch))
}

// Money styles of the real exports.
func plain(c int64) string { return contract.Money(c).String() }

// short writes 1512 and 982.8 the way a spreadsheet trims them.
func short(c int64) string {
	s := contract.Money(c).String()
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func dollars(c int64) string {
	return "$" + contract.Money(c).Format("")
}

// ldos is what the coverage exports print as Last Date of Support.
func ldos(p *product) contract.Date {
	switch {
	case !p.exportLDoS.IsZero():
		return p.exportLDoS
	case p.eox != nil:
		return p.eox.ldos
	}
	return 0
}

func sku(level, pid string) string {
	s := strings.NewReplacer("-", "", "/", "").Replace(pid)
	if len(s) > 8 {
		s = s[:8]
	}
	return "CON-" + level + "-" + s
}

var levelDesc = map[string]string{"SNT": "SMARTNET 8X5XNBD", "SNTE": "SMARTNET 8X5X4", "SNTP": "SMARTNET 24X7X4", "S2P": "SMARTNET 24X7X2"}

// flags are what CX Cloud prints for a line: MAJOR or MINOR, the host
// name (components have none) and the coverage flag.
func (l *line) flags() (rel, host, cov string) {
	rel, host, cov = "MAJOR", l.d.host, "NOT COVERED"
	if l.minor {
		rel, host = "MINOR", ""
	}
	if l.covered() {
		cov = "COVERED"
	}
	return rel, host, cov
}

// cxCloud writes the November assets export: BOM, preamble padded with
// commas, CRLF, ISO timestamps, MINOR lines.
func cxCloud(lines []line) []byte {
	t := newTable(',', true, true,
		"Cisco CX Cloud – Assets & Coverage export,,,,,,,,",
		"Customer: Example Health,,,,,,,,",
		"Generated: 2026-11-20 07:14 UTC,,,,,,,,",
		",,,,,,,,")
	t.row("Serial Number", "Instance Number", "Parent Serial Number", "Major/Minor", "Product ID", "Product Description",
		"Product Family", "Product Type", "Host Name", "Install Site Name", "Installed-At SITE ID", "Coverage",
		"Covered Line Status", "Contract Number", "Service Level", "Service Level Description", "Covered Line Start Date",
		"Covered Line End Date", "Last Date of Support", "Unit List Price", "Extended Net Price", "Currency")
	for _, l := range lines {
		p := products[l.pid]
		rel, host, cov := l.flags()
		var number, level, desc, start, end, list, net, cur string
		if l.con != nil {
			number, level, desc = l.con.number, l.level, levelDesc[l.level]
			start, end, list, net, cur = isoT(l.start), isoT(l.end), plain(l.list), plain(l.net), "USD"
		}
		t.row(l.serial, l.instance, l.parentSerial, rel, l.pid, p.desc, p.family, p.typ, host, l.d.site.name, l.d.site.id, cov,
			l.status, number, level, desc, start, end, isoT(ldos(l.d.prod)), list, net, cur)
	}
	return t.bytes(false)
}

// cxCloudAugust is the same tool a quarter earlier, when it spelled some
// headers differently and wrote month/day/year dates.
func cxCloudAugust(lines []line) []byte {
	t := newTable(',', false, false)
	t.row("Serial Number", "Instance Number", "Parent Serial Number", "Major/Minor", "Product ID", "Product Description",
		"Product Family", "Host Name", "Install Site Name", "Coverage", "Covered Line Status", "Contract Number",
		"Service Level", "Covered Line StartDate", "Covered Line EndDate", "Last DateofSupport", "Extended Net Price", "Currency")
	for _, l := range lines {
		p := products[l.pid]
		rel, host, cov := l.flags()
		var number, level, start, end, net, cur string
		if l.con != nil {
			number, level, start, end, net, cur = l.con.number, l.level, mdy(l.start), mdy(l.end), short(l.net), "USD"
		}
		t.row(l.serial, l.instance, l.parentSerial, rel, l.pid, p.desc, p.family, host, l.d.site.name, cov, l.status,
			number, level, start, end, mdy(ldos(l.d.prod)), net, cur)
	}
	return t.bytes(false)
}

// ciscoReady writes the May partner install-base report: semicolons,
// Excel serial dates, a trailing blank line.
func ciscoReady(lines []line) []byte {
	t := newTable(';', false, false)
	t.row("Serial Number / PAK number", "Instance ID", "Parent Instance Number", "Product Relationship", "Product Number",
		"Product Description", "Item Type", "Site", "Install Site ID", "Coverage Status", "Contract Line Status",
		"Contract Number", "Contract Label", "Service Level", "Start Date", "End Date", "End of Support", "Net Price", "Currency")
	for _, l := range lines {
		p := products[l.pid]
		rel, cov := "MAJOR", "UNCOVERED"
		if l.minor {
			rel = "MINOR"
		}
		if l.covered() {
			cov = "COVERED"
		}
		var number, label, level, start, end, net, cur string
		if l.con != nil {
			number, label, level, start, end, net, cur = l.con.number, l.con.label, l.level, excel(l.start), excel(l.end), plain(l.net), "USD"
		}
		t.row(l.serial, l.instance, l.parentInstance, rel, l.pid, p.desc, p.typ, l.d.site.name, l.d.site.id, cov, l.status,
			number, label, level, start, end, excel(ldos(l.d.prod)), net, cur)
	}
	return t.bytes(true)
}

// serviceContractCenter writes a contract download: upper-case headers,
// DD-MON-YYYY dates, service SKUs, N/A placeholders and contract numbers
// that passed through a spreadsheet.
func serviceContractCenter(lines []line) []byte {
	t := newTable(',', false, false)
	t.row("CONTRACT NUMBER", "CONTRACT LABEL", "SERVICE LEVEL", "SERIAL NUMBER", "PRODUCT NUMBER", "DESCRIPTION", "SITE NAME",
		"SITE ID", "BEGIN DATE", "END DATE", "COVERED PRODUCT STATUS", "LAST DATE OF SUPPORT", "Unit List Price", "Net Price",
		"Currency", "Instance ID")
	for _, l := range lines {
		p := products[l.pid]
		number := l.con.number
		if l.con.lapses {
			number += ".0"
		}
		// This download wraps long descriptions onto a second line.
		desc := strings.Replace(p.desc, ", LAN Base", ",\nLAN Base", 1)
		t.row(number, l.con.label, sku(l.level, l.pid), l.serial, l.pid, desc, strings.ToUpper(l.d.site.name), l.d.site.id,
			dmon(l.start), dmon(l.end), l.status, dmon(ldos(l.d.prod)), plain(l.list), plain(l.net), "USD", l.instance)
	}
	return t.bytes(true)
}

// eoxFile writes the lifecycle file: announced products with every
// milestone, and SSA_ERR_026 rows for products with no announcement.
func eoxFile(pids []string) []byte {
	t := newTable(',', false, false)
	t.row("EOLProductID", "ProductIDDescription", "ProductBulletinNumber", "LinkToProductBulletinURL", "EOXExternalAnnouncementDate",
		"EndOfSaleDate", "EndOfSWMaintenanceReleases", "EndOfSecurityVulSupportDate", "EndOfRoutineFailureAnalysisDate",
		"EndOfServiceContractRenewal", "LastDateOfSupport", "EndOfSvcAttachDate", "UpdatedTimeStamp", "EOXErrorID",
		"EOXErrorDescription", "EOXInputType", "EOXInputValue", "MigrationProductId")
	for _, pid := range pids {
		p := products[pid]
		if x := p.eox; x != nil {
			t.row(pid, "^"+p.desc, x.bulletin, "https://www.cisco.com/c/en/us/products/eos-eol-listing.html", iso(x.announce), iso(x.eos),
				iso(x.eosw), iso(x.eovul), iso(x.eorfa), iso(x.eocr), iso(x.ldos), iso(x.eosa), "2026-11-02", "", "", "ShowEOXByProductID", pid, x.migration)
			continue
		}
		t.row("", "", "", "", "", "", "", "", "", "", "", "", "", "SSA_ERR_026",
			"EOX information does not exist for the following product ID(s): "+pid, "ShowEOXByProductID", pid, "")
	}
	return t.bytes(false)
}
