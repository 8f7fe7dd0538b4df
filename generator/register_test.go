package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegisterVerified: decisions taken on the report of 2026-Q3 are
// checked against the export of 2026-Q4, by hand:
//   - renew-100 (renew FOC1 and FOC2, 1,000.00 a year each): neither was
//     renewed; both lapsed. Not done; their cost went from 2,000.00 to 0.
//   - renew-300 (renew FOC6, 1,200.00 a year): renewed on 2026-12-01 for
//     a year at 1,200.00, the price renewing was set at. Done.
//   - past-ldos, option tpm (FOC3 and FOC4, 500.00 a year each, past
//     LDoS; TPM at the default 60 % discount promised 600.00 a year):
//     both left the export. Done, realising 1,000.00 a year.
//
// An accepted decision of 2026-Q4's own report waits for the next quarter.
func TestRegisterVerified(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	head := "Serial Number,Product ID,Contract Number,Service Level,Start Date,End Date,Extended Net Price,Last Date of Support\n"
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("q3.csv", head+
		"FOC1,C9300-48P,100,SNT,2025-11-01,2026-10-31,1000.00,2030-01-31\n"+
		"FOC2,C9300-48P,100,SNT,2025-11-01,2026-10-31,1000.00,2030-01-31\n"+
		"FOC3,WS-C3850-48P,200,SNT,2026-07-01,2027-06-30,500.00,2026-01-31\n"+
		"FOC4,WS-C3850-48P,200,SNT,2026-07-01,2027-06-30,500.00,2026-01-31\n"+
		"FOC6,C9300-24T,300,SNT,2025-12-01,2026-11-30,1200.00,2030-01-31\n")
	write("q4.csv", head+
		"FOC1,C9300-48P,100,SNT,2025-11-01,2026-10-31,1000.00,2030-01-31\n"+
		"FOC2,C9300-48P,100,SNT,2025-11-01,2026-10-31,1000.00,2030-01-31\n"+
		"FOC6,C9300-24T,300,SNT,2025-12-01,2026-11-30,1200.00,2030-01-31\n"+
		"FOC6,C9300-24T,300,SNT,2026-12-01,2027-11-30,1200.00,2030-01-31\n")
	config := filepath.Join(dir, "report.toml")
	write("report.toml", "as_of = 2026-09-15\n[[snapshot]]\ndate = 2026-09-15\ncoverage = \"q3.csv\"\n")
	out := filepath.Join(dir, "public")
	build(t, config, out)

	write("report.toml", "as_of = 2026-12-15\n[[snapshot]]\ndate = 2026-12-15\ncoverage = \"q4.csv\"\n[[snapshot]]\ndate = 2026-09-15\ncoverage = \"q3.csv\"\n")
	write("decisions.toml", `[[decision]]
id = "renew-100"
option = "renew"
status = "accepted"
owner = "J. Smith"
date = 2026-09-20

[[decision]]
id = "renew-300"
option = "renew"
status = "accepted"
owner = "J. Smith"
date = 2026-09-20

[[decision]]
id = "past-ldos"
option = "tpm"
status = "accepted"
owner = "A. Jones"
date = 2026-09-21
note = "Moved to the TPM"

[[decision]]
id = "lapsed"
option = "lapsed"
status = "accepted"
owner = "A. Jones"
date = 2026-12-16

[[decision]]
id = "renew-900"
option = "renew"
status = "accepted"
date = 2026-06-01
`)
	p := Load(Options{Config: config})
	var diags strings.Builder
	p.Diags.Write(&diags)
	if !strings.Contains(diags.String(), "decisions.toml:31:1: warning: decision renew-900 (dated 2026-06-01) names no decision of this report, and the report it was taken on is not archived") {
		t.Errorf("an entry older than the archive is not a warning at its line:\n%s", diags.String())
	}
	if s := p.Summarize(); s.Register != 5 || s.Verified != 3 || s.Realised != 2 {
		t.Errorf("check counts %d decisions recorded, %d checked, %d done; want 5, 3, 2", s.Register, s.Verified, s.Realised)
	}
	build(t, config, out)
	files := siteFiles(t, out)
	type verification struct {
		Expected  string   `json:"expected"`
		Outcome   string   `json:"outcome"`
		Left      int      `json:"devices_left"`
		Renewed   int      `json:"devices_renewed"`
		Unchanged int      `json:"devices_unchanged"`
		Then      *float64 `json:"annual_cost_then"`
		Now       *float64 `json:"annual_cost_now"`
		Realised  *float64 `json:"realised_annual_saving"`
		AtQuoted  *bool    `json:"at_quoted_price"`
	}
	var figs struct {
		Register []struct {
			ID           string        `json:"id"`
			Quarter      *string       `json:"quarter"`
			AsOf         *string       `json:"report_as_of"`
			Devices      int           `json:"devices"`
			Status       string        `json:"status"`
			Owner        *string       `json:"owner"`
			Promised     *float64      `json:"promised_annual_saving"`
			Verification *verification `json:"verification"`
		} `json:"decisions_register"`
	}
	if err := json.Unmarshal(files["data/figures.json"], &figs); err != nil {
		t.Fatal(err)
	}
	if len(figs.Register) != 5 {
		t.Fatalf("decisions_register has %d entries, want 5", len(figs.Register))
	}
	f := func(v float64) *float64 { return &v }
	yes := true
	for i, want := range []struct {
		id, quarter string
		devices     int
		promised    *float64
		v           verification
	}{
		{"renew-100", "2026-Q3", 2, nil, verification{Expected: "renew", Outcome: "not-realised", Left: 2, Then: f(2000), Now: f(0), Realised: f(2000)}},
		{"renew-300", "2026-Q3", 1, nil, verification{Expected: "renew", Outcome: "realised", Renewed: 1, Then: f(1200), Now: f(1200), Realised: f(0), AtQuoted: &yes}},
		{"past-ldos", "2026-Q3", 2, f(600), verification{Expected: "leave", Outcome: "realised", Left: 2, Then: f(1000), Now: f(0), Realised: f(1000)}},
	} {
		e := figs.Register[i]
		if e.ID != want.id || e.Quarter == nil || *e.Quarter != want.quarter || e.AsOf == nil || *e.AsOf != "2026-09-15" || e.Devices != want.devices || e.Status != "accepted" {
			t.Errorf("entry %d: %+v", i, e)
			continue
		}
		if got, w := fmtp(e.Promised), fmtp(want.promised); got != w {
			t.Errorf("%s promised %s, want %s", e.ID, got, w)
		}
		v := e.Verification
		if v == nil {
			t.Errorf("%s is not verified", e.ID)
			continue
		}
		if v.Expected != want.v.Expected || v.Outcome != want.v.Outcome || v.Left != want.v.Left || v.Renewed != want.v.Renewed || v.Unchanged != want.v.Unchanged ||
			fmtp(v.Then) != fmtp(want.v.Then) || fmtp(v.Now) != fmtp(want.v.Now) || fmtp(v.Realised) != fmtp(want.v.Realised) ||
			(v.AtQuoted == nil) != (want.v.AtQuoted == nil) || v.AtQuoted != nil && *v.AtQuoted != *want.v.AtQuoted {
			t.Errorf("%s verified %+v, want %+v", e.ID, *v, want.v)
		}
	}
	if e := figs.Register[3]; e.ID != "lapsed" || e.Quarter != nil || e.AsOf == nil || *e.AsOf != "2026-12-15" || e.Verification != nil {
		t.Errorf("this report's decision: %+v", e)
	}
	if e := figs.Register[4]; e.ID != "renew-900" || e.Quarter != nil || e.AsOf != nil || e.Verification != nil {
		t.Errorf("a decision of a report not archived: %+v", e)
	}

	page := string(files["decisions/index.html"])
	for _, want := range []string{
		"Not done. 0 of 2 devices renewed; 2 without coverage.",
		"Done. 1 of 1 device renewed, at the quoted price; 0 without coverage.",
		"Done. 2 of 2 devices left the vendor contract.",
		"Checked against the next quarter",
		`href="../archive/2026-Q3/advice/index.html#past-ldos"`,
		"Moved to the TPM",
		"Cannot be checked: the report it was taken on is not archived.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the decisions page does not say %s", want)
		}
	}
	if _, ok := files["archive/2026-Q3/advice/index.html"]; !ok {
		t.Error("the archived report the page links to is not published")
	}
	if !strings.Contains(string(files["advice/index.html"]), `href="../decisions/index.html"`) {
		t.Error("the advice page does not link the decisions page")
	}
}

func fmtp(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%.2f", *v)
}
