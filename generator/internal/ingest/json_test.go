package ingest

import (
	"os"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/diag"
)

// TestEoXAPIResponse reads an EoX v5 response saved as a file: date
// objects, nested migration details, blank dates and an SSA_ERR_026 record.
func TestEoXAPIResponse(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/eox-v5.json")
	if err != nil {
		t.Fatal(err)
	}
	var l diag.List
	f := Lifecycle("eox.json", data, mdy, &l)
	if got := report(&l); got != "" {
		t.Fatalf("diagnostics:\n%s", got)
	}
	if len(f.Records) != 3 || f.Stat.Vocabulary != "EoX API (JSON)" {
		t.Fatalf("%d records, style %q", len(f.Records), f.Stat.Vocabulary)
	}
	c3850, asa, c9300 := f.Records[0], f.Records[1], f.Records[2]
	if c3850.ProductID != "WS-C3850-48P-S" || c3850.LastDateOfSupport.String() != "2025-10-31" || c3850.EndOfSale.String() != "2019-10-30" ||
		c3850.MigrationProductID != "C9300-48P-E" || c3850.Description != "Cisco Catalyst 3850 48 Port PoE IP Base" || !c3850.Announced || c3850.Ref.Line != 10 {
		t.Errorf("3850: %+v", c3850)
	}
	if asa.EndOfSWMaintenance != 0 || asa.EndOfSecurityVulSupp != 0 || asa.LastDateOfSupport.String() != "2025-08-31" || asa.MigrationProductID != "FPR1140-ASA-K9" {
		t.Errorf("ASA: %+v", asa)
	}
	if c9300.ProductID != "C9300-48P-A" || c9300.Announced {
		t.Errorf("an unannounced product: %+v", c9300)
	}
}

// TestJSONErrorsArePlaced: a bad value is reported at its place in the
// JSON text; JSON of another shape, or in the wrong place, says what it is.
func TestJSONErrorsArePlaced(t *testing.T) {
	t.Parallel()
	data, _ := os.ReadFile("testdata/eox-v5.json")
	bad := strings.Replace(string(data), `"LastDateOfSupport": {"value": "2025-08-31"`, `"LastDateOfSupport": {"value": "31/31/2025"`, 1)
	var l diag.List
	Lifecycle("eox.json", []byte(bad), mdy, &l)
	if got := report(&l); !strings.HasPrefix(got, "eox.json:46:38: LastDateOfSupport: cannot read \"31/31/2025\" as a date") {
		t.Errorf("got:\n%s", got)
	}
	for _, tt := range []struct{ name, data, want string }{
		{"another shape", `{"items": [1, 2]}`, `x.json:1:1: this file is JSON, but not a shape renewals reads (it reads the EoX API's response ({"EOXRecord": [...]}) as a lifecycle file`},
		{"broken", "{\"EOXRecord\": [\n{\"EOLProductID\": }]}", "x.json:2:17: this file is JSON but cannot be read"},
		{"EoX as coverage", string(data), "x.json:1:1: this is an EoX API response (EOXRecord): list it under lifecycle in report.toml, not as a coverage"},
	} {
		var l diag.List
		kind := KindLifecycle
		if tt.name == "EoX as coverage" {
			kind = KindCoverage
		}
		if tb := open("x.json", []byte(tt.data), kind, mdy, &l); tb != nil || !strings.HasPrefix(report(&l), tt.want) {
			t.Errorf("%s:\n%s", tt.name, report(&l))
		}
	}
}

// TestSerialNumberToInformation reads a Serial Number to Information v2
// response as coverage: a line per serial, open at the start (the API has
// no start date), the service level from its description, the site from
// the contract site's customer name.
func TestSerialNumberToInformation(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/sn2info-v2.json")
	if err != nil {
		t.Fatal(err)
	}
	var l diag.List
	f := Coverage("sn2info.json", data, mdy, &l)
	if got := report(&l); strings.Contains(got, "error") {
		t.Fatalf("diagnostics:\n%s", got)
	}
	if len(f.Lines) != 3 {
		t.Fatalf("%d lines", len(f.Lines))
	}
	c9300, asa, c3850 := f.Lines[0], f.Lines[1], f.Lines[2]
	if c9300.Serial != "FOC2248X0AB" || c9300.ProductID != "C9300-48P-E" || c9300.Contract != "93824710" || c9300.End.String() != "2027-06-30" ||
		!c9300.OpenStart || c9300.Site != "CENTRAL HOSPITAL" || c9300.ServiceLevel != "SNTP" || c9300.Ref.Line != 5 {
		t.Errorf("9300: %+v", c9300)
	}
	asOf := date("2026-11-23")
	if !c9300.ActiveOn(asOf) || asa.ActiveOn(asOf) || c3850.ActiveOn(asOf) || !c3850.ActiveOn(date("2026-10-31")) {
		t.Errorf("active on %s: 9300 %v, ASA %v, 3850 %v", asOf, c9300.ActiveOn(asOf), asa.ActiveOn(asOf), c3850.ActiveOn(asOf))
	}
}
