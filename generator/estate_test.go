package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// estateProject writes a project of the given files and config body (the
// snapshot is added) and loads it; it fails the test on an error.
func estateProject(t *testing.T, config string, files map[string]string) *Project {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "report.toml")
	os.WriteFile(path, []byte("as_of = 2026-11-23\n"+config+"\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cov.csv\"\n"), 0o644)
	p := Load(Options{Config: path})
	if got := errorsOf(p); got != "" {
		t.Fatal(got)
	}
	return p
}

// figuresOf is the project's figures.json, decoded into v.
func figuresOf(t *testing.T, p *Project, v any) {
	t.Helper()
	data, err := p.Report.MarshalFigures()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

const covHead = "Serial Number,Product ID,Install Site Name,Contract Number,Service Level,Start Date,End Date,Extended Net Price\n"

// TestReconcileByHand: as of 2026-11-23 with unseen_days 30, a NetBox
// export and a Catalyst Center inventory against the coverage:
//   - FOC1 (365.00): NetBox lists foc1 (another case) active, last updated
//     2026-11-20; Catalyst Center on 2026-10-01. The later date wins:
//     matched.
//   - FOC2 (730.00): NetBox says decommissioning: paid, not seen.
//   - FOC3 (1,095.00): in neither file: paid, not seen.
//   - FOC4 (500.00): NetBox last saw it on 2026-08-01, Catalyst Center on
//     2026-09-01 (in milliseconds since 1970): 83 days before as_of, so
//     paid, not seen. The saving is 730 + 1,095 + 500 = 2,325.00.
//   - FOC5 lapsed in 2025; Catalyst Center's stack row "FOC5, FOC6" is
//     reachable: FOC5 is seen, not covered; FOC6 is in no snapshot.
//   - FOC7: NetBox lists it offline and the vendor does not know it.
func TestReconcileByHand(t *testing.T) {
	t.Parallel()
	p := estateProject(t, "[advice]\nunseen_days = 30\n[[inventory]]\nfiles = [\"netbox.csv\", \"dnac.csv\"]\n", map[string]string{
		"cov.csv": covHead +
			"FOC1,C9300-48P,HQ,100,SNT,2026-01-01,2026-12-31,365.00\n" +
			"FOC2,C9300-48P,HQ,100,SNT,2026-01-01,2026-12-31,730.00\n" +
			"FOC3,C9300-48P,HQ,100,SNT,2026-01-01,2026-12-31,1095.00\n" +
			"FOC4,C9300-48P,Branch,100,SNT,2026-01-01,2026-12-31,500.00\n" +
			"FOC5,C9300-48P,Branch,100,SNT,2025-01-01,2025-12-31,400.00\n",
		"netbox.csv": "Name,Status,Tenant,Site,Location,Rack,Role,Manufacturer,Type,IP Address,Serial number,Asset tag,Last updated\n" +
			"hq-sw-01,Active,,HQ,,,Access,Cisco,C9300-48P,10.0.0.1,foc1,,2026-11-20 09:14\n" +
			"hq-sw-02,Decommissioning,,HQ,,,Access,Cisco,C9300-48P,10.0.0.2,FOC2,,2026-11-19 10:00\n" +
			"br-sw-04,Active,,Branch,,,Access,Cisco,C9300-48P,10.0.1.4,FOC4,,2026-08-01 08:00\n" +
			"lab-sw-07,Offline,,Lab,,,Access,Cisco,C9200-24T,10.0.9.7,FOC7,,2026-11-01 08:00\n",
		"dnac.csv": "hostname,managementIpAddress,platformId,serialNumber,softwareVersion,reachabilityStatus,siteNameHierarchy,lastUpdateTime\n" +
			"hq-sw-01,10.0.0.1,C9300-48P,FOC1,17.9.4,Reachable,Global/HQ,1790000000000\n" +
			"br-sw-04,10.0.1.4,C9300-48P,FOC4,17.9.4,Unreachable,Global/Branch,1788264000000\n" +
			"br-stack-05,10.0.1.5,\"C9300-48P, C9300-48P\",\"FOC5, FOC6\",17.9.4,Reachable,Global/Branch,1795000000000\n",
	})
	var f struct {
		Reconcile *struct {
			Files       int `json:"inventory_files"`
			Devices     int `json:"inventory_devices"`
			PaidNotSeen struct {
				Devices int     `json:"devices"`
				Saving  float64 `json:"annual_saving"`
				List    []struct {
					Serial string  `json:"serial"`
					Reason string  `json:"reason"`
					Annual float64 `json:"annual_cost"`
				} `json:"list"`
			} `json:"paid_not_seen"`
			SeenNotCovered struct {
				List []struct {
					Serial, Site string
				} `json:"list"`
			} `json:"seen_not_covered"`
			Unknown struct {
				List []struct {
					Serial, Site string
				} `json:"list"`
			} `json:"unknown_to_vendor"`
			Matched struct {
				Devices int `json:"devices"`
			} `json:"matched"`
			BySite map[string]map[string]int `json:"by_site"`
		} `json:"reconcile"`
		Decisions []struct {
			ID          string   `json:"id"`
			Recommended string   `json:"recommended"`
			Stake       *float64 `json:"money_at_stake"`
			Options     []struct {
				ID string `json:"id"`
			} `json:"options"`
		} `json:"decisions"`
	}
	figuresOf(t, p, &f)
	rc := f.Reconcile
	if rc == nil {
		t.Fatal("no reconcile section")
	}
	if rc.Files != 2 || rc.Devices != 6 {
		t.Errorf("inventory: %d files, %d serials; want 2 and 6", rc.Files, rc.Devices)
	}
	type unseen struct {
		serial, reason string
		annual         float64
	}
	var got []unseen
	for _, u := range rc.PaidNotSeen.List {
		got = append(got, unseen{u.Serial, u.Reason, u.Annual})
	}
	want := []unseen{{"FOC2", "status Decommissioning", 730}, {"FOC3", "not in the inventory", 1095}, {"FOC4", "last seen on 2026-09-01, 83 days before the report date", 500}}
	if !reflect.DeepEqual(got, want) || rc.PaidNotSeen.Devices != 3 || rc.PaidNotSeen.Saving != 2325 {
		t.Errorf("paid, not seen: %d, %.2f, %+v\nwant 3, 2325.00, %+v", rc.PaidNotSeen.Devices, rc.PaidNotSeen.Saving, got, want)
	}
	if l := rc.SeenNotCovered.List; len(l) != 1 || l[0].Serial != "FOC5" || l[0].Site != "Global/Branch" {
		t.Errorf("seen, not covered: %+v", l)
	}
	if l := rc.Unknown.List; len(l) != 2 || l[0].Serial != "FOC6" || l[1].Serial != "FOC7" || l[1].Site != "Lab" {
		t.Errorf("unknown to the vendor: %+v", l)
	}
	if rc.Matched.Devices != 1 {
		t.Errorf("matched: %d, want 1 (FOC1)", rc.Matched.Devices)
	}
	wantSites := map[string]map[string]int{
		"HQ":            {"paid_not_seen": 2, "seen_not_covered": 0, "unknown_to_vendor": 0, "matched": 1},
		"Branch":        {"paid_not_seen": 1, "seen_not_covered": 0, "unknown_to_vendor": 0, "matched": 0},
		"Global/Branch": {"paid_not_seen": 0, "seen_not_covered": 1, "unknown_to_vendor": 1, "matched": 0},
		"Lab":           {"paid_not_seen": 0, "seen_not_covered": 0, "unknown_to_vendor": 1, "matched": 0},
	}
	if !reflect.DeepEqual(rc.BySite, wantSites) {
		t.Errorf("by site: %v\nwant %v", rc.BySite, wantSites)
	}
	found := map[string]bool{}
	for _, d := range f.Decisions {
		found[d.ID] = true
		if strings.HasSuffix(d.ID, "seen") || strings.HasPrefix(d.ID, "seen") || d.ID == "unknown-to-vendor" {
			if len(d.Options) != 2 || d.Recommended != d.ID {
				t.Errorf("%s: options %+v, recommended %s; want its action and the alternative, the action recommended", d.ID, d.Options, d.Recommended)
			}
		}
		if d.ID == "paid-not-seen" && (d.Recommended != "paid-not-seen" || d.Stake == nil || *d.Stake != 2325) {
			t.Errorf("the paid-not-seen decision: %+v", d)
		}
	}
	for _, id := range []string{"paid-not-seen", "seen-not-covered", "unknown-to-vendor"} {
		if !found[id] {
			t.Errorf("no decision %s", id)
		}
	}
	for _, name := range []string{"netbox.csv", "dnac.csv"} {
		if !strings.Contains(p.Estate.InventoryFiles[0].Path+p.Estate.InventoryFiles[1].Path, name) {
			t.Errorf("%s is not among the inventory files read", name)
		}
	}
}

// riskEstate is the hand-computed fixture of the security exposure, the
// replacement plan and the budget forecast. As of 2026-11-23, the fiscal
// year starting in August:
//
//	S1 C9300-48P     HQ      100  2026-01-01..2026-12-31    365.00
//	S2 C9300-48P     HQ      100  2025-01-01..2025-12-31    365.00 (lapsed 327 days)
//	S3 WS-C3850-48P  Branch  200  2026-07-01..2027-06-30    730.00 (past LDoS)
//	S6 WS-C3850-48P  Branch  200  2026-07-01..2027-06-30    730.00 (past LDoS)
//	S4 ISR4331/K9    Branch  200  2026-07-01..2027-06-30  1,000.00 (LDoS 2028-02-29)
//	S5 C9500-24Y4C   DC      300  2026-06-01..2027-05-31  2,000.00 (LDoS 2027-05-31)
func riskEstate(t *testing.T) *Project {
	return estateProject(t, `fiscal_year_start = "August"
lifecycle = "eox.csv"
[[alerts]]
files = "alerts.csv"
[replacement]
"C9500X-28C8D" = 25000
"WS-C3850-48P" = {product = "C9300-48P", price = 4200}
`, map[string]string{
		"cov.csv": covHead +
			"S1,C9300-48P,HQ,100,SNT,2026-01-01,2026-12-31,365.00\n" +
			"S2,C9300-48P,HQ,100,SNT,2025-01-01,2025-12-31,365.00\n" +
			"S3,WS-C3850-48P,Branch,200,SNT,2026-07-01,2027-06-30,730.00\n" +
			"S6,WS-C3850-48P,Branch,200,SNT,2026-07-01,2027-06-30,730.00\n" +
			"S4,ISR4331/K9,Branch,200,SNT,2026-07-01,2027-06-30,1000.00\n" +
			"S5,C9500-24Y4C,DC,300,SNT,2026-06-01,2027-05-31,2000.00\n",
		"eox.csv": "EOLProductID,EndOfSecurityVulSupportDate,LastDateOfSupport,MigrationProductId\n" +
			"C9300-48P,2029-01-31,2030-01-31,\n" +
			"WS-C3850-48P,2025-10-31,2026-10-31,C9300-48P\n" +
			"ISR4331/K9,2027-02-28,2028-02-29,C8300-1N1S-6T\n" +
			"C9500-24Y4C,2028-01-01,2027-05-31,C9500X-28C8D\n",
		"alerts.csv": "Advisory ID,Title,Impact,CVSS Score,Published Date,Serial Number,Product ID\n" +
			"cisco-sa-A,Web UI privilege escalation,Critical,10.0,2023-10-16,,C9300-48P\n" +
			"cisco-sa-B,SNMP denial of service,High,7.5,2024-01-01,S3,WS-C3850-48P\n" +
			"cisco-sa-B,SNMP denial of service,High,7.5,2024-01-01,S4,ISR4331/K9\n" +
			"cisco-sa-C,IPv6 crash,Medium,5.3,2024-02-01,,ISR4331/K9\n" +
			"cisco-sa-D,NX-OS issue,Low,,2024-03-01,,N9K-C93180YC-FX\n",
	})
}

// TestSecurityByHand: cisco-sa-A names C9300-48P by product ID: S1 is
// covered, S2 is not (exposed). cisco-sa-B names S3 and S4 by serial: S3 is
// past LDoS (exposed), S4 covered; S6, of S3's product and past LDoS too,
// is not named, since the advisory names serials. cisco-sa-C names only
// covered S4; cisco-sa-D no device of the estate. Entitling S2 is its
// reinstatement: 365.00 × 327 / 365 + 20 % of 365.00 = 400.00; replacing
// S3 is the configured 4,200.00. The EoX file puts S3 and S6 past their
// end of vulnerability support and S4 within 12 months of it.
func TestSecurityByHand(t *testing.T) {
	t.Parallel()
	var f struct {
		Security *struct {
			EoX *struct {
				Past   struct{ Serials []string } `json:"past_end_of_vulnerability_support"`
				Within struct{ Serials []string } `json:"within_12_months"`
			} `json:"end_of_vulnerability_support"`
			Advisories *int `json:"advisories"`
			Unmatched  *int `json:"advisories_naming_no_device"`
			Exposed    *struct {
				Pairs          int      `json:"pairs"`
				Devices        int      `json:"devices"`
				Entitle        *float64 `json:"entitle_cost"`
				EntitleUnknown int      `json:"entitle_unknown_devices"`
				Replace        *float64 `json:"replace_cost"`
				BySeverity     []struct {
					Severity                   string
					Advisories, Devices, Pairs int
				} `json:"by_severity"`
				List []struct {
					Advisory, Severity string
					By                 string   `json:"named_by"`
					CVSS               *float64 `json:"cvss"`
					Uncovered          []string `json:"uncovered"`
					PastLDoS           []string `json:"past_ldos"`
				} `json:"advisories"`
			} `json:"exposed_not_entitled"`
		} `json:"security"`
	}
	figuresOf(t, riskEstate(t), &f)
	s := f.Security
	if s == nil || s.EoX == nil || s.Exposed == nil {
		t.Fatalf("security: %+v", s)
	}
	if got := strings.Join(s.EoX.Past.Serials, " "); got != "S3 S6" {
		t.Errorf("past end of vulnerability support: %s", got)
	}
	if got := strings.Join(s.EoX.Within.Serials, " "); got != "S4" {
		t.Errorf("within 12 months: %s", got)
	}
	if *s.Advisories != 4 || *s.Unmatched != 1 {
		t.Errorf("advisories %d, naming no device %d; want 4 and 1", *s.Advisories, *s.Unmatched)
	}
	x := s.Exposed
	if x.Pairs != 2 || x.Devices != 2 || x.Entitle == nil || *x.Entitle != 400 || x.EntitleUnknown != 0 || x.Replace == nil || *x.Replace != 4200 {
		t.Errorf("exposed: %d pairs, %d devices, entitle %v (%d unknown), replace %v", x.Pairs, x.Devices, fmtp(x.Entitle), x.EntitleUnknown, fmtp(x.Replace))
	}
	var list []string
	for _, e := range x.List {
		list = append(list, fmt.Sprintf("%s %s %s %s uncovered %q past LDoS %q", e.Advisory, e.Severity, e.By, fmtp(e.CVSS), e.Uncovered, e.PastLDoS))
	}
	want := []string{`cisco-sa-A Critical product ID 10.00 uncovered ["S2"] past LDoS []`, `cisco-sa-B High serial 7.50 uncovered [] past LDoS ["S3"]`}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("exposed:\n%q\nwant\n%q", list, want)
	}
	if len(x.BySeverity) != 2 || x.BySeverity[0].Severity != "Critical" || x.BySeverity[1].Severity != "High" || x.BySeverity[1].Pairs != 1 {
		t.Errorf("by severity: %+v", x.BySeverity)
	}
}

// TestReplacementPlanByHand: S5 reaches LDoS on 2027-05-31 (FY2027 Q4 with
// the year starting in August) and S4 on 2028-02-29 (FY2028 Q3). S5's
// product migrates to C9500X-28C8D, priced at 25,000.00; S4's to
// C8300-1N1S-6T, which has no price. Three years of vendor cover: S5
// 6,000.00, S4 3,000.00; of TPM at 60 % off: 2,400.00 and 1,200.00. The
// replacement advice (S5, within 12 months) carries the 25,000.00.
func TestReplacementPlanByHand(t *testing.T) {
	t.Parallel()
	var f struct {
		Plan *struct {
			Devices   int      `json:"devices"`
			Capex     *float64 `json:"capex"`
			Unpriced  int      `json:"devices_without_price"`
			ByQuarter []struct {
				Quarter  string   `json:"fiscal_quarter"`
				Start    string   `json:"starts"`
				Devices  int      `json:"devices"`
				Capex    *float64 `json:"capex"`
				Unpriced int      `json:"devices_without_price"`
			} `json:"by_quarter"`
			Products []struct {
				ProductID string   `json:"product_id"`
				Migration *string  `json:"migration_product"`
				Devices   int      `json:"devices"`
				Unit      *float64 `json:"unit_price"`
				Replace   *float64 `json:"replace"`
				Vendor3y  *float64 `json:"vendor_coverage_3_years"`
				TPM3y     *float64 `json:"tpm_3_years"`
			} `json:"products"`
		} `json:"replacement_plan"`
		Recommendations []struct {
			ID        string  `json:"id"`
			Money     float64 `json:"money"`
			MoneyKind string  `json:"money_kind"`
		} `json:"recommendations"`
	}
	figuresOf(t, riskEstate(t), &f)
	p := f.Plan
	if p == nil {
		t.Fatal("no replacement plan")
	}
	if p.Devices != 2 || fmtp(p.Capex) != "25000.00" || p.Unpriced != 1 {
		t.Errorf("plan: %d devices, capex %s, %d unpriced", p.Devices, fmtp(p.Capex), p.Unpriced)
	}
	var qs []string
	for _, q := range p.ByQuarter {
		qs = append(qs, fmt.Sprintf("%s %s %d %s %d", q.Quarter, q.Start, q.Devices, fmtp(q.Capex), q.Unpriced))
	}
	if want := []string{"FY2027 Q4 2027-05-01 1 25000.00 0", "FY2028 Q3 2028-02-01 1 null 1"}; !reflect.DeepEqual(qs, want) {
		t.Errorf("by quarter: %q, want %q", qs, want)
	}
	var ps []string
	for _, pr := range p.Products {
		ps = append(ps, fmt.Sprintf("%s→%s %d %s %s %s %s", pr.ProductID, *pr.Migration, pr.Devices, fmtp(pr.Unit), fmtp(pr.Replace), fmtp(pr.Vendor3y), fmtp(pr.TPM3y)))
	}
	want := []string{"C9500-24Y4C→C9500X-28C8D 1 25000.00 25000.00 6000.00 2400.00", "ISR4331/K9→C8300-1N1S-6T 1 null null 3000.00 1200.00"}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("products:\n%q\nwant\n%q", ps, want)
	}
	found := false
	for _, r := range f.Recommendations {
		if r.ID == "replace-ldos-12m" {
			found = true
			if r.Money != 25000 || r.MoneyKind != "cost" {
				t.Errorf("the replacement advice carries %s %.2f, want cost 25000.00", r.MoneyKind, r.Money)
			}
		}
	}
	if !found {
		t.Error("no replacement advice")
	}
}

// TestBudgetForecastByHand: eight fiscal quarters from FY2027 Q2 (the year
// starting in August), each active line renewing at its end at its
// annualized net × 1.05, and a year later × 1.05²:
//
//	FY2027 Q2  S1 383.25
//	FY2027 Q4  S3, S6 766.50 each; S4 1,050.00; S5 2,100.00  = 4,683.00
//	FY2028 Q2  S1 402.41 (365 × 1.1025)
//	FY2028 Q4  S3, S6 804.83 each; S4 1,102.50; S5 2,205.00  = 4,917.16
//
// With the recommended options, S3 and S6 move to TPM at 60 % off: their
// renewals are 40 %: 306.60 and 321.93 each.
func TestBudgetForecastByHand(t *testing.T) {
	t.Parallel()
	var f struct {
		Budget *struct {
			Uplift      float64 `json:"uplift"`
			Start       int     `json:"fiscal_year_start_month"`
			AsIs        float64 `json:"as_is"`
			Recommended float64 `json:"with_recommended_options"`
			Quarters    []struct {
				Quarter     string  `json:"fiscal_quarter"`
				Start       string  `json:"starts"`
				End         string  `json:"ends"`
				AsIs        float64 `json:"as_is"`
				Recommended float64 `json:"with_recommended_options"`
			} `json:"quarters"`
		} `json:"budget_forecast"`
	}
	figuresOf(t, riskEstate(t), &f)
	b := f.Budget
	if b == nil {
		t.Fatal("no budget forecast")
	}
	var got []string
	for _, q := range b.Quarters {
		got = append(got, fmt.Sprintf("%s %s..%s %.2f %.2f", q.Quarter, q.Start, q.End, q.AsIs, q.Recommended))
	}
	want := []string{
		"FY2027 Q2 2026-11-01..2027-01-31 383.25 383.25",
		"FY2027 Q3 2027-02-01..2027-04-30 0.00 0.00",
		"FY2027 Q4 2027-05-01..2027-07-31 4683.00 3763.20",
		"FY2028 Q1 2027-08-01..2027-10-31 0.00 0.00",
		"FY2028 Q2 2027-11-01..2028-01-31 402.41 402.41",
		"FY2028 Q3 2028-02-01..2028-04-30 0.00 0.00",
		"FY2028 Q4 2028-05-01..2028-07-31 4917.16 3951.36",
		"FY2029 Q1 2028-08-01..2028-10-31 0.00 0.00",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quarters:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b.Uplift != 0.05 || b.Start != 8 || fmt.Sprintf("%.2f %.2f", b.AsIs, b.Recommended) != "10385.82 8500.22" {
		t.Errorf("uplift %v, start %d, as is %.2f, recommended %.2f", b.Uplift, b.Start, b.AsIs, b.Recommended)
	}
}

// TestAlertsNamingNoDevice: advisories that name neither serials nor
// product IDs of the estate (openVuln's productNames alone) say why on the
// risk page, and count as naming no device.
func TestAlertsNamingNoDevice(t *testing.T) {
	t.Parallel()
	p := estateProject(t, "[[alerts]]\nfiles = \"psirt.json\"\n", map[string]string{
		"cov.csv":    covHead + "S1,C9300-48P,HQ,100,SNT,2025-01-01,2025-12-31,365.00\n",
		"psirt.json": `{"advisories": [{"advisoryId": "cisco-sa-x", "sir": "High", "productNames": ["Cisco IOS XE Software 17.9.1"]}]}`,
	})
	if s := p.Report.Security; s == nil || s.Advisories != 1 || s.Unmatched != 1 || len(s.Exposed) != 0 {
		t.Fatalf("security: %+v", p.Report.Security)
	}
	files, err := p.Render(RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["risk/index.html"]), "productNames are software releases, not product IDs") {
		t.Error("the risk page does not say why no advisory names a device")
	}
}
