package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/diag"
)

// TestCatalystCenterJSON reads a Catalyst Center device list saved as
// JSON ({"response": [...]}): a stack lists its members' serials
// comma-separated, and lastUpdateTime is in milliseconds since 1970.
func TestCatalystCenterJSON(t *testing.T) {
	t.Parallel()
	data := []byte(`{"response": [
  {"hostname": "hq-core-01", "serialNumber": "FOC2201X0AB", "platformId": "C9500-24Y4C",
   "reachabilityStatus": "Reachable", "lastUpdateTime": 1795000000000, "siteNameHierarchy": "Global/HQ"},
  {"hostname": "br-stack", "serialNumber": "FOC2301Y0CD, foc2301y0ce", "platformId": "C9300-48P, C9300-48P",
   "reachabilityStatus": "Unreachable", "lastUpdateTime": 1788258151000, "siteNameHierarchy": "Global/Branch"}
], "version": "1.0"}`)
	var l diag.List
	f := Inventory("dnac.json", data, mdy, []string{"decommissioned"}, &l)
	if got := report(&l); got != "" {
		t.Fatalf("diagnostics:\n%s", got)
	}
	var got []string
	for _, it := range f.Items {
		got = append(got, fmt.Sprintf("%s %s %s %s %s line %d", it.Serial, it.Host, it.Site, it.Status, it.LastSeen, it.Ref.Line))
	}
	want := "FOC2201X0AB hq-core-01 Global/HQ Reachable 2026-11-18 line 2|" +
		"FOC2301Y0CD br-stack Global/Branch Unreachable 2026-09-01 line 4|foc2301y0ce br-stack Global/Branch Unreachable 2026-09-01 line 4"
	if strings.Join(got, "|") != want || f.Stat.Vocabulary != "inventory (JSON)" {
		t.Errorf("items:\n%s\nwant\n%s (%s)", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"), f.Stat.Vocabulary)
	}
}

// TestNetBoxStatuses: a status the entry counts as out of service marks
// the item, case aside; a row without a serial is skipped.
func TestNetBoxStatuses(t *testing.T) {
	t.Parallel()
	data := []byte("Name,Status,Site,Type,Serial number,Last updated\n" +
		"a,Active,HQ,C9300-48P,FOC1,2026-11-20T09:14:00Z\n" +
		"b,Decommissioning,HQ,C9300-48P,FOC2,2026-11-20\n" +
		"c,Planned,HQ,C9300-48P,,\n")
	var l diag.List
	f := Inventory("netbox.csv", data, mdy, []string{"decommissioning", "offline"}, &l)
	if got := report(&l); got != "" {
		t.Fatalf("diagnostics:\n%s", got)
	}
	if len(f.Items) != 2 || f.Items[0].OutOfService || !f.Items[1].OutOfService || f.Items[0].ProductID != "C9300-48P" ||
		f.Items[0].LastSeen.String() != "2026-11-20" || f.Stat.Vocabulary != "NetBox or Nautobot" || f.Stat.Skipped != 1 {
		t.Errorf("items %+v, style %q, skipped %d", f.Items, f.Stat.Vocabulary, f.Stat.Skipped)
	}
}

// TestOpenVulnJSON reads the openVuln API's advisories: productNames is a
// list, and an advisory names devices by serialNumber or productId when
// the export carries them (a list or one value).
func TestOpenVulnJSON(t *testing.T) {
	t.Parallel()
	data := []byte(`{"advisories": [
  {"advisoryId": "cisco-sa-iosxe-webui-privesc-j22SaA4z", "advisoryTitle": "Cisco IOS XE Software Web UI Privilege Escalation",
   "sir": "Critical", "cvssBaseScore": "10.0", "firstPublished": "2023-10-16T15:00:00", "productNames": ["Cisco IOS XE Software 17.9.1"],
   "productId": ["C9300-48P", "C9500-24Y4C"]},
  {"advisoryId": "cisco-sa-snmp-dos", "advisoryTitle": "SNMP DoS", "sir": "High", "cvssBaseScore": "7.7",
   "firstPublished": "2024-03-27T16:00:00", "serialNumber": "FOC1"},
  {"advisoryId": "cisco-sa-none", "advisoryTitle": "Nothing here", "sir": "Low", "firstPublished": "2024-01-01T00:00:00"}
]}`)
	var l diag.List
	f := Alerts("psirt.json", data, mdy, &l)
	if got := report(&l); got != "" {
		t.Fatalf("diagnostics:\n%s", got)
	}
	var got []string
	for _, a := range f.Alerts {
		got = append(got, fmt.Sprintf("%s %s %d %s [%s] [%s]", a.ID, a.Severity, a.CVSS, a.Published, a.Serial, a.ProductID))
	}
	want := "cisco-sa-iosxe-webui-privesc-j22SaA4z Critical 100 2023-10-16 [] [C9300-48P]|" +
		"cisco-sa-iosxe-webui-privesc-j22SaA4z Critical 100 2023-10-16 [] [C9500-24Y4C]|" +
		"cisco-sa-snmp-dos High 77 2024-03-27 [FOC1] []|cisco-sa-none Low -1 2024-01-01 [] []"
	if strings.Join(got, "|") != want || f.Stat.Vocabulary != "openVuln API (JSON)" {
		t.Errorf("alerts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
}

// TestAlertErrors: a CVSS score out of range is an error at its cell.
func TestAlertErrors(t *testing.T) {
	t.Parallel()
	var l diag.List
	Alerts("alerts.csv", []byte("Advisory ID,CVSS Score,Product ID\ncisco-sa-x,11,C9300\n"), mdy, &l)
	if got := report(&l); !strings.Contains(got, "alerts.csv:2:12:") || !strings.Contains(got, "not a score from 0 to 10") {
		t.Errorf("diagnostics: %s", got)
	}
}

// TestAlertColumns: plural headers list several devices, and a CVSS cell
// that says it has no value is none.
func TestAlertColumns(t *testing.T) {
	t.Parallel()
	var l diag.List
	f := Alerts("alerts.csv", []byte("Advisory ID,Severity,CVSS Score,Serial Numbers,Product IDs\ncisco-sa-x,high,N/A,\"FOC1; FOC2\",C9300-48P\n"), mdy, &l)
	if got := report(&l); got != "" {
		t.Fatalf("diagnostics:\n%s", got)
	}
	if len(f.Alerts) != 2 || f.Alerts[0].Serial != "FOC1" || f.Alerts[1].Serial != "FOC2" || f.Alerts[0].CVSS != -1 || f.Alerts[0].Severity != "High" {
		t.Errorf("alerts: %+v", f.Alerts)
	}
}
