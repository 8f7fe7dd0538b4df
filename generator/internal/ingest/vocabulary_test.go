package ingest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// domainHeaders lists every header spelling that the README's "Accepted input files" names, by
// file kind and field key. Each must be recognised.
var domainHeaders = map[Kind]map[string][]string{
	KindCoverage: {
		"serial":          {"Serial Number", "Serial Number / PAK number", "PAK/Serial Number", "SERIAL NUMBER"},
		"instance":        {"Instance Number", "Instance ID"},
		"parent_serial":   {"Parent Serial Number", "Parent PAK/Serial Number"},
		"parent_instance": {"Parent Instance Number"},
		"relationship":    {"Major/Minor", "Product Relationship"},
		"product_id":      {"Product ID", "Product Number", "PRODUCT NUMBER"},
		"description":     {"Product Description", "DESCRIPTION"},
		"family":          {"Product Family"},
		"type":            {"Product Type", "Item Type"},
		"host":            {"Host Name"},
		"site":            {"Install Site Name", "SITE NAME", "Site"},
		"site_id":         {"Installed-At SITE ID", "Install Site ID", "SITE ID"},
		"coverage":        {"Coverage", "Coverage Status"},
		"status":          {"Covered Line Status", "COVERED PRODUCT STATUS", "Contract Line Status"},
		"contract":        {"Contract Number", "CONTRACT NUMBER"},
		"label":           {"CONTRACT LABEL", "Contract Label"},
		"service_level":   {"Service Level", "SERVICE LEVEL"},
		"service_desc":    {"Service Level Description"},
		"start":           {"Covered Line Start Date", "Covered Line StartDate", "BEGIN DATE", "Start Date"},
		"end":             {"Covered Line End Date", "Covered Line EndDate", "END DATE", "End Date"},
		"ldos":            {"Last Date of Support", "Last DateofSupport", "LAST DATE OF SUPPORT", "End of Support", "LDOS"},
		"unit_list":       {"Unit List Price"},
		"net":             {"Extended Net Price", "Net Price"},
		"currency":        {"Currency"},
	},
	KindLifecycle: {
		"pid": {"EOLProductID"}, "description": {"ProductIDDescription"}, "bulletin": {"ProductBulletinNumber"},
		"bulletin_url": {"LinkToProductBulletinURL"}, "announced": {"EOXExternalAnnouncementDate"},
		"end_of_sale": {"EndOfSaleDate", "EndOfSaleDate.value"}, "end_of_sw": {"EndOfSWMaintenanceReleases"},
		"end_of_vul": {"EndOfSecurityVulSupportDate"}, "end_of_rfa": {"EndOfRoutineFailureAnalysisDate"},
		"end_of_renewal": {"EndOfServiceContractRenewal"}, "ldos": {"LastDateOfSupport", "LastDateOfSupport.value"},
		"end_of_attach": {"EndOfSvcAttachDate"}, "updated": {"UpdatedTimeStamp"}, "input_type": {"EOXInputType"},
		"input_value": {"EOXInputValue"}, "migration_pid": {"MigrationProductId"},
	},
	KindQuotes: {
		"quote_number": {"Quote Number"}, "quote_name": {"Quote Name"}, "line_number": {"Line Number"},
		"serial": {"PAK/Serial Number", "Serial Number"}, "instance": {"Instance Number"},
		"product": {"Product Number"}, "sku": {"SKU", "Service SKU"}, "service_level": {"Service Level"},
		"start": {"Start Date"}, "end": {"End Date"}, "quantity": {"Quantity", "Qty"},
		"unit_list": {"Unit List Price"}, "discount": {"Discount %"}, "net": {"Extended Net Price"},
		"currency": {"Currency"}, "ldos": {"Last Date of Support", "LDOS"}, "comments": {"Comments"},
		"partner": {"Partner"}, "partner_type": {"Partner Type"},
	},
}

func TestEveryDomainHeaderIsRecognised(t *testing.T) {
	t.Parallel()
	for kind, fields := range domainHeaders {
		v := vocabularyFor(kind)
		for key, spellings := range fields {
			for _, h := range spellings {
				for _, variant := range []string{h, strings.ToUpper(h), "\uFEFF" + h, " " + strings.ToLower(h) + " "} {
					if got := v.lookup(variant); got != key {
						t.Errorf("%s: header %q means %q, want %q", kind, variant, got, key)
					}
				}
			}
		}
	}
}

// TestExportStyles reads one row of each real coverage vocabulary and
// checks every value that arrives.
func TestExportStyles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		opt      Options
		style    string
		want     contract.Line
	}{{
		name: "CX Cloud",
		in: "Serial Number,Instance Number,Parent Serial Number,Major/Minor,Product ID,Product Description,Product Family,Product Type,Host Name,Install Site Name,Installed-At SITE ID,Coverage,Covered Line Status,Contract Number,Service Level,Covered Line Start Date,Covered Line End Date,Last Date of Support,Unit List Price,Extended Net Price,Currency\n" +
			"PSU1,881,FOC1,MINOR,PWR-C1-715WAC,715W AC Config 1 Power Supply,Catalyst 9300,Power Supply,,Central Hospital – Main,5501,COVERED,ACTIVE,93824710,SNTP,2026-01-01T00:00:00Z,2026-12-31T00:00:00Z,,0,0,USD\n",
		opt:   mdy,
		style: "CX Cloud",
		want: contract.Line{Serial: "PSU1", Instance: "881", Minor: true, ProductID: "PWR-C1-715WAC",
			Description: "715W AC Config 1 Power Supply", Family: "Catalyst 9300", Site: "Central Hospital – Main",
			Status: "ACTIVE", Contract: "93824710", ServiceLevel: "SNTP",
			Start: date("2026-01-01"), End: date("2026-12-31")},
	}, {
		name: "Cisco Ready",
		in: "Serial Number / PAK number,Instance ID,Parent Instance Number,Product Relationship,Product Number,Product Description,Item Type,Site,Install Site ID,Coverage Status,Contract Line Status,Contract Number,Contract Label,Service Level,Service Level Description,Start Date,End Date,End of Support,Net Price\n" +
			"FOC2,1002,,MAJOR,ws-c2960x-48fpd-l,Catalyst 2960-X,Chassis,North Clinic,5502,UNCOVERED,Canceled,93824733.0,EH-ACCESS,CON-SNT-WSC296XD,SMARTnet 8x5xNBD,8/1/2025,7/31/2026,10/31/2027,\"$1,234.56\"\n",
		opt:   mdy,
		style: "Cisco Ready",
		want: contract.Line{Serial: "FOC2", Instance: "1002", ProductID: "WS-C2960X-48FPD-L", Description: "Catalyst 2960-X",
			Site: "North Clinic", Status: "CANCELLED", Contract: "93824733", ContractLabel: "EH-ACCESS",
			ServiceLevel: "SNT", Start: date("2025-08-01"), End: date("2026-07-31"), LDoS: date("2027-10-31"), ExtendedNet: 123456},
	}, {
		name: "Service Contract Center",
		in: "SERIAL NUMBER,PAK/Serial Number,PRODUCT NUMBER,DESCRIPTION,SITE NAME,SITE ID,CONTRACT NUMBER,CONTRACT LABEL,SERVICE LEVEL,BEGIN DATE,END DATE,COVERED PRODUCT STATUS,LAST DATE OF SUPPORT,Unit List Price,Net Price,Currency\n" +
			"FOC3 ,,ISR4331/K9,^ISR 4331,Data Center East,5503,93825102,WAN,S2P,01-MAR-2024,28-Feb-27,ACTIVE,N/A,\"(99.10)\",-,usd\n",
		opt:   mdy,
		style: "Service Contract Center",
		want: contract.Line{Serial: "FOC3", ProductID: "ISR4331/K9", Description: "ISR 4331", Site: "Data Center East",
			Contract: "93825102", ContractLabel: "WAN", ServiceLevel: "S2P", Start: date("2024-03-01"), End: date("2027-02-28"),
			Status: "ACTIVE"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			f := Coverage("f.csv", []byte(tt.in), tt.opt, &l)
			if l.Count(diag.Error) > 0 {
				t.Fatal(report(&l))
			}
			tt.want.Ref = contract.Ref{File: "f.csv", Line: 2}
			if len(f.Lines) != 1 || f.Lines[0] != tt.want {
				t.Fatalf("got  %+v\nwant %+v", f.Lines, tt.want)
			}
			if f.Stat.Vocabulary != tt.style {
				t.Errorf("style = %q, want %q", f.Stat.Vocabulary, tt.style)
			}
		})
	}
}

func TestCoverageQuirks(t *testing.T) {
	t.Parallel()
	in := "Serial Number,Product ID,Contract Number,Start Date,End Date,Extended Net Price,Service Level,Currency\n" +
		",C9300-48P-A,93824710,2026-01-01,2026-12-31,500.00,SNTP,USD\n" +
		"FOC1,C9300-48P-A,93824710,,2026-12-31,1,SNTX,USD\n" +
		"FOC2,C9300-48P-A,-,,,,,\n" +
		"Grand Total,,,,,501.00,,\n" +
		"FOC3,C9300-48P-A,93824710,2026-01-01,2026-12-31,1,SNTP,EUR\n" +
		"FOC4,C9300-48P-A,93824710,2026-02-01,2026-01-31,1,SNTP,USD\n" +
		"FOC5,C9300-48P-A,93824710,2026-01-01,2026-12-31,1,SNTP,USD,extra\n" +
		"FOC6,C9300-48P-A\n"
	var l diag.List
	f := Coverage("q.csv", []byte(in), mdy, &l)
	want := `q.csv:2:1: warning: 1 row without a serial number dropped, with USD 500.00 on them (first: line 2)
q.csv:3:27: warning: 1 contract line without a start or end date count as not active (first: serial FOC1 on contract 93824710)
q.csv:3:41: warning: 1 line with a service level not in the lookup table kept as written (first: "SNTX")
q.csv:4:18: warning: 1 placeholder value read as empty (first: "-" in Contract Number)
q.csv:5:1: warning: 1 totals row skipped (first: "Grand Total" on line 5)
q.csv:6:56: Currency: "EUR" is not the report currency "USD"; amounts in two currencies cannot be added (set currency in the config, or convert the file)
q.csv:7:38: End Date: the end date 2026-01-31 is before the start date 2026-02-01
`
	var got strings.Builder
	l.Sort()
	for _, d := range l.All() {
		got.WriteString(d.String() + "\n")
	}
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
	if f.Stat.Rows != 7 || f.Stat.Dropped != 1 || f.Stat.DroppedMoney != 50000 || f.Stat.Skipped != 1 || len(f.Lines) != 6 {
		t.Errorf("stat = %+v, %d lines", f.Stat, len(f.Lines))
	}
	if !f.Lines[5].Start.IsZero() || f.Lines[5].Serial != "FOC6" {
		t.Errorf("short row = %+v", f.Lines[5])
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	in := "EOLProductID,ProductIDDescription,ProductBulletinNumber,LinkToProductBulletinURL,EOXExternalAnnouncementDate,EndOfSaleDate,EndOfSWMaintenanceReleases,EndOfSecurityVulSupportDate,EndOfRoutineFailureAnalysisDate,EndOfServiceContractRenewal,LastDateOfSupport,EndOfSvcAttachDate,UpdatedTimeStamp,EOXInputType,EOXInputValue,EOXErrorID,EOXErrorDescription,MigrationProductId\n" +
		"WS-C3850-48P-S,^Cisco Catalyst 3850 48 Port PoE,EOL11249,https://example.invalid/eol,2016-10-31,2017-10-30,2018-10-30,2020-10-29,2018-10-30,2021-07-28,2022-10-31,2018-10-30,2024-03-01,ShowEOXBySerialNumber,FOC1,,,C9300-48P-A\n" +
		",,,,,,,,,,,,,ShowEOXByProductID,C9300-48P-A,SSA_ERR_026,EOX information does not exist for the following product ID(s): C9300-48P-A,\n" +
		"WS-C3850-48P-S,dup,,,,,,,,,2022-10-31,,,,,,,\n"
	var l diag.List
	f := Lifecycle("eox.csv", []byte(in), mdy, &l)
	if l.Count(diag.Error) > 0 {
		t.Fatal(report(&l))
	}
	if len(f.Records) != 2 {
		t.Fatalf("records = %+v", f.Records)
	}
	r := f.Records[0]
	if r.ProductID != "WS-C3850-48P-S" || !r.Announced || r.Description != "Cisco Catalyst 3850 48 Port PoE" ||
		r.LastDateOfSupport != date("2022-10-31") || r.EndOfContractRenewal != date("2021-07-28") || r.MigrationProductID != "C9300-48P-A" {
		t.Errorf("announced record = %+v", r)
	}
	if r := f.Records[1]; r.ProductID != "C9300-48P-A" || r.Announced || !r.LastDateOfSupport.IsZero() {
		t.Errorf("not-announced record = %+v", r)
	}
	if l.Count(diag.Warning) != 1 || l.All()[0].Kind != "duplicate-product" {
		t.Errorf("diagnostics:\n%s", report(&l))
	}
}

func TestQuotes(t *testing.T) {
	t.Parallel()
	in := "Quote Name: Renewal FY27,,,,,,,,\n" +
		"Quote Number,Line Number,PAK/Serial Number,Product Number,Service SKU,Start Date,End Date,Qty,Discount %,Extended Net Price,Partner,Partner Type\n" +
		"Q-1001,1.0,FOC1,C9300-48P-A,CON-SNTP-C930048P,2027-01-01,2027-12-31,1,38%,\"$1,234.56\",Atlas IT,Cisco Partner\n" +
		"Q-1001,2.0,FOC2,C9300-48P-A,CON-SNTP-C930048P,2027-01-01,2027-12-31,1,38,\"$1,000.00\",Atlas IT,VAR\n" +
		"Q-1001,TOTAL,,,,,,,,\"$2,234.56\",Atlas IT,\n" +
		"Q-2001,1,FOC1,C9300-48P-A,,2027-01-01,2027-12-31,1,,400,Ridgeline,Third Party Maintainer\n" +
		"Q-2001,2,FOC2,C9300-48P-A,,2027-01-01,2027-12-31,x,,400,Ridgeline,Broker\n"
	var l diag.List
	f := Quotes("q.csv", []byte(in), mdy, &l)
	want := "q.csv:7:67: Partner Type: cannot read \"Broker\" as a partner type (accepted: Cisco Partner, Partner, Reseller, VAR, Vendor Partner (vendor-partner); TPM, Third-Party Maintenance, Third Party Maintainer, Third-Party (tpm))\n" +
		"q.csv:7:50: Qty: cannot read \"x\" as a quantity (accepted: a whole number such as 1 or 12)\n"
	var got strings.Builder
	for _, d := range l.All() {
		if d.Severity == diag.Error {
			got.WriteString(d.String() + "\n")
		}
	}
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
	if len(f.Lines) != 4 || len(f.Totals) != 1 {
		t.Fatalf("lines %d, totals %+v", len(f.Lines), f.Totals)
	}
	q := f.Lines[0]
	if q.Partner != "Atlas IT" || q.Kind != contract.VendorPartner || q.ExtendedNet != 123456 || q.QuoteNumber != "Q-1001" ||
		q.Serial != "FOC1" || q.ProductNumber != "C9300-48P-A" || q.InclusiveDays() != 365 {
		t.Errorf("line = %+v", q)
	}
	if f.Lines[2].Kind != contract.TPM || f.Lines[2].Partner != "Ridgeline" {
		t.Errorf("tpm line = %+v", f.Lines[2])
	}
	if tot := f.Totals[0]; tot.Amount != 223456 || tot.QuoteNumber != "Q-1001" || tot.Partner != "Atlas IT" || tot.Ref.Line != 5 {
		t.Errorf("total = %+v", tot)
	}
}

func TestQuotesNeedAPartner(t *testing.T) {
	t.Parallel()
	in := "Serial Number,Start Date,End Date,Extended Net Price\nFOC1,2027-01-01,2027-12-31,1\n"
	var l diag.List
	Quotes("q.csv", []byte(in), mdy, &l)
	want := `q.csv:1:1: the quote has no Partner column: name the partner with partner = "..." in the [[quotes]] entry that lists this file`
	if all := l.All(); len(all) != 1 || all[0].String() != want {
		t.Errorf("got %v", all)
	}
	l = diag.List{}
	f := Quotes("q.csv", []byte(in), Options{Partner: "Northbridge", Kind: "vendor-partner"}, &l)
	if l.Len() != 0 || len(f.Lines) != 1 || f.Lines[0].Partner != "Northbridge" || f.Lines[0].Kind != contract.VendorPartner {
		t.Errorf("lines %+v, diags %v", f.Lines, l.All())
	}
}

// Several quote files read into one slice: lines in file order, each file
// with its own settings, totals, stat and quirks; a file that cannot be
// read adds nothing.
func TestQuoteFiles(t *testing.T) {
	t.Parallel()
	head := "Serial Number,Start Date,End Date,Extended Net Price"
	files := []File{
		{Name: "a.csv", Data: []byte(head + ",Partner,Partner Type\nFOC1,2027-01-01,2027-12-31,1,Atlas IT,VAR\nTOTAL,,,1,Atlas IT,\n")},
		{Name: "bad.csv", Data: []byte("hello,world\n1,2\n")},
		{Name: "b.csv", Data: []byte(head + "\nFOC1,2027-01-01,2027-12-31,2\nFOC2,2027-01-01,2027-12-31,N/A\n")},
	}
	opts := []Options{{}, {}, {Partner: "Ridgeline", Kind: "tpm"}}
	var l diag.List
	lines, stats := QuoteFiles(files, opts, &l)
	if len(lines) != 3 || len(stats) != 3 {
		t.Fatalf("%d lines, %d files", len(lines), len(stats))
	}
	if a, b := lines[0], lines[2]; a.Partner != "Atlas IT" || a.Kind != contract.VendorPartner || b.Partner != "Ridgeline" || b.Kind != contract.TPM || b.Serial != "FOC2" || b.Ref.File != "b.csv" {
		t.Errorf("lines %+v", lines)
	}
	if stats[0].Stat.Kept != 1 || len(stats[0].Totals) != 1 || stats[1].Stat.Kept != 0 || stats[2].Stat.Kept != 2 || len(stats[2].Quirks) != 1 {
		t.Errorf("files %+v", stats)
	}
	for _, s := range stats {
		if s.Lines != nil {
			t.Errorf("%s: lines %v, want them in the one slice only", s.Stat.Path, s.Lines)
		}
	}
	if !l.HasErrors(false) {
		t.Errorf("bad.csv read without an error: %v", l.All())
	}
}

func FuzzFindHeader(f *testing.F) {
	f.Add([]byte("Serial Number,Product ID,Contract Number,Start Date,End Date\nFOC1,X,1,2026-01-01,2026-12-31\n"))
	f.Add([]byte("\xEF\xBB\xBFReport;;\r\nSERIAL NUMBER;PRODUCT NUMBER;CONTRACT NUMBER;BEGIN DATE;END DATE\r\n"))
	f.Add([]byte("\"a\nb\",c\nSerial Number\tProduct ID\tContract Number\tStart Date\tEnd Date\n"))
	f.Add([]byte("x,\"y"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []Kind{KindCoverage, KindLifecycle, KindQuotes} {
			v := vocabularyFor(kind)
			h, err := findHeader(data, v)
			if err != nil {
				continue
			}
			if h.n > 0 && (h.line < 1 || len(h.keys) != len(h.headers)) {
				t.Fatalf("header %+v", h)
			}
			// The importers must never panic, whatever the bytes.
			var l diag.List
			opt := Options{DateOrder: MDY, Partner: "P", Kind: "tpm"}
			switch kind {
			case KindCoverage:
				Coverage("f.csv", data, opt, &l)
			case KindLifecycle:
				Lifecycle("f.csv", data, opt, &l)
			default:
				Quotes("f.csv", data, opt, &l)
			}
			var b strings.Builder
			l.Write(&b)
		}
	})
}

// TestRowTagsMatchVocabulary checks that every field key of a vocabulary
// has a row struct field tagged with it, and no tag names a key the
// vocabulary lacks: a misspelt tag would leave a column unread.
func TestRowTagsMatchVocabulary(t *testing.T) {
	t.Parallel()
	for kind, row := range map[Kind]any{KindCoverage: &coverageRow{}, KindLifecycle: &lifecycleRow{}, KindQuotes: &quoteRow{}} {
		v := vocabularyFor(kind)
		index := map[string]int{}
		for i, f := range v.fields {
			index[f.key] = i
		}
		cells, err := bind(row, index)
		if err != nil {
			t.Fatal(err)
		}
		if len(cells) != len(v.fields) {
			t.Errorf("%s: %d of %d field keys have a tagged field", kind, len(cells), len(v.fields))
		}
		rt := reflect.TypeOf(row).Elem()
		for i := 0; i < rt.NumField(); i++ {
			if key := rt.Field(i).Tag.Get("csv"); key != "" {
				if _, ok := index[key]; !ok {
					t.Errorf("%s: field %s is tagged %q, which is not a field key", kind, rt.Field(i).Name, key)
				}
			}
		}
	}
}
