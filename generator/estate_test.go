package generator

import (
	"encoding/json"
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
	want := []unseen{{"FOC2", "status Decommissioning", 730}, {"FOC3", "not in the inventory", 1095}, {"FOC4", "last seen on 2026-09-01, 83 days before as_of", 500}}
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
