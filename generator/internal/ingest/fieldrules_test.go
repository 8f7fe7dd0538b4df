package ingest

import (
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/diag"
)

// TestFieldRules reads the rules the field's exports bring (README:
// "Accepted input files"): Cisco Ready's Default Service Level and SOFTWARE lines, the macro
// report's Termination Date and Duplicate Record, the site fallbacks,
// masked values and rows listed twice.
func TestFieldRules(t *testing.T) {
	t.Parallel()
	in := "Serial Number,Product ID,Product Type,Install Site Name,Installed-At SITE ID,Install Site CR Party Name,Contract Number,Default Service Level,Covered Line Status,Covered Line Start Date,Covered Line End Date,Termination Date,Duplicate Record\n" +
		"FOC1,C9300-48P-A,HARDWARE,CENTRAL HOSPITAL,,,93824710,SNTP,ACTIVE,2026-01-01,2026-12-31,,ORIGINAL\n" +
		"FOC1,C9300-48P-A,HARDWARE,CENTRAL HOSPITAL,,,93824710,SNTP,ACTIVE,2026-01-01,2026-12-31,,DUPLICATE\n" +
		"FOC1,C9300-48P-A,HARDWARE,CENTRAL HOSPITAL,,,93824710,SNTP,ACTIVE,2026-01-01,2026-12-31,,\n" +
		"FOC2,C9300-DNA-E-48,SOFTWARE,,SITE-0042,,93824710,SW,ACTIVE,2026-01-01,2026-12-31,,ORIGINAL\n" +
		"FOC3,ISR4331/K9,HARDWARE,,,Example Health,Confidential,Confidential,TERMINATED,2026-01-01,2026-12-31,2026-06-30,\n" +
		"FOC4,ISR4331/K9,HARDWARE,,,,93825102,SNT,TERMINATED,2026-01-01,2026-12-31,2026-03-15,\n"
	var l diag.List
	f := Coverage("ib.csv", []byte(in), mdy, &l)
	got := report(&l)
	for _, want := range []string{
		"ib.csv:3:", "warning: 2 lines listed twice counted once (first: FOC1 marked \"DUPLICATE\" on line 3)",
		"warning: 2 values masked by the API read as no value (first: \"Confidential\" in Contract Number)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	if len(f.Lines) != 4 {
		t.Fatalf("%d lines: %+v", len(f.Lines), f.Lines)
	}
	foc1, foc2, foc3, foc4 := f.Lines[0], f.Lines[1], f.Lines[2], f.Lines[3]
	if foc1.ServiceLevel != "SNTP" || foc1.Minor {
		t.Errorf("FOC1: %+v", foc1)
	}
	if !foc2.Minor || foc2.Site != "SITE-0042" || foc2.ServiceLevel != "SW" {
		t.Errorf("a software line is no device, and its site is its site ID: %+v", foc2)
	}
	if foc3.Contract != "" || foc3.ServiceLevel != "" || foc3.Site != "Example Health" {
		t.Errorf("masked values: %+v", foc3)
	}
	if foc4.End.String() != "2026-03-15" {
		t.Errorf("a terminated line ends on its termination date: %s", foc4.End)
	}
}

// TestFlattenedEoXNames reads the EoX API flattened by common tools:
// _value and .value suffixes, nested names, and a date cell holding the
// whole date object as Python prints it.
func TestFlattenedEoXNames(t *testing.T) {
	t.Parallel()
	in := "EOLProductID,EndOfSaleDate_value,EndOfSaleDate_dateFormat,LastDateOfSupport.value,EOXMigrationDetails_MigrationProductId,EOXError_ErrorID,EOXInputValue\n" +
		"WS-C3850-48P-S,2019-10-30,YYYY-MM-DD,\"{'value': '2025-10-31', 'dateFormat': 'YYYY-MM-DD'}\",C9300-48P-E,,WS-C3850-48P-S\n" +
		",,,\"{'value': '', 'dateFormat': None}\",,SSA_ERR_026,C9300-48P-A\n"
	var l diag.List
	f := Lifecycle("eox.csv", []byte(in), mdy, &l)
	if got := report(&l); got != "" {
		t.Fatalf("diagnostics:\n%s", got)
	}
	if len(f.Records) != 2 {
		t.Fatalf("%d records", len(f.Records))
	}
	r := f.Records[0]
	if r.EndOfSale.String() != "2019-10-30" || r.LastDateOfSupport.String() != "2025-10-31" || r.MigrationProductID != "C9300-48P-E" || !r.Announced {
		t.Errorf("%+v", r)
	}
	if f.Records[1].ProductID != "C9300-48P-A" || f.Records[1].Announced {
		t.Errorf("an unannounced product: %+v", f.Records[1])
	}
}

// TestFileInTheWrongPlace: a quote export listed as coverage, an EoX file
// listed as quotes and a pivot summary anywhere say what they are and
// where they belong.
func TestFileInTheWrongPlace(t *testing.T) {
	t.Parallel()
	quote := "Quote Number,Serial Number,Start Date,End Date,Extended Net Price\nQ-1,FOC1,2027-01-01,2027-12-31,100\n"
	eox := "EOLProductID,LastDateOfSupport,EndOfSaleDate\nWS-C3850-48P-S,2025-10-31,2019-10-30\n"
	pivot := "Cisco Ready summary\n,,,\nAccount,Product,Qty,FY2025,FY2026,FY2027\nExample Health,C9300,12,100,200,300\nTOTAL YEARS AMOUNT,,,100,200,300\n"
	for _, tt := range []struct {
		name, data string
		kind       Kind
		want       string
	}{
		{"quote as coverage", quote, KindCoverage, "x.csv:1:1: this looks like a quote export, not a coverage export: list it under files of a [[quotes]] entry in report.toml"},
		{"EoX as quotes", eox, KindQuotes, "x.csv:1:1: this looks like a lifecycle (EoX) file, not a quote export: list it under lifecycle in report.toml"},
		{"pivot as coverage", pivot, KindCoverage, "x.csv:1:1: this looks like a summary by fiscal year, not line-level data"},
	} {
		var l diag.List
		if tb := open("x.csv", []byte(tt.data), tt.kind, mdy, &l); tb != nil || !strings.HasPrefix(report(&l), tt.want) {
			t.Errorf("%s:\n%s", tt.name, report(&l))
		}
	}
}
