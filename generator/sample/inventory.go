// The estate as other tools see it: a NetBox device export and the
// openVuln API's advisories.

package sample

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// netbox is the live inventory as a NetBox device export, dated the week
// of the November export. It lists what runs: every device of the
// snapshot, except that a few retired devices are missing though still
// on contract, a few are marked decommissioning or offline, a few were
// last seen in August, and a handful of new devices were bought outside
// the vendor contract, so the vendor does not know them.
func (e *estate) netbox(snapshot []line) []byte {
	t := newTable(',', false, false)
	t.row("Name", "Status", "Tenant", "Site", "Location", "Rack", "Role", "Manufacturer", "Type", "Platform", "Serial number", "Asset tag", "Last updated")
	var devices []*device
	seen := map[*device]bool{}
	for _, l := range snapshot {
		if !l.minor && !seen[l.d] {
			seen[l.d] = true
			devices = append(devices, l.d)
		}
	}
	role := func(d *device) string {
		switch d.prod.typ {
		case "Access Point":
			return "Wireless AP"
		}
		return d.prod.family
	}
	for i, d := range devices {
		status, updated := "Active", "2026-11-19 06:12"
		switch {
		case i%37 == 5:
			continue // retired, still on contract
		case i%41 == 7:
			status = "Decommissioning"
		case i%59 == 11:
			status = "Offline"
		case i%47 == 3:
			updated = "2026-08-14 22:40"
		}
		serial := d.serial
		if d.rmaSerial != "" {
			serial = d.rmaSerial
		}
		t.row(d.host, status, "Example Health", d.site.name, "", "", role(d), "Cisco", d.prod.pid, "", serial, fmt.Sprintf("EH-%05d", 10000+i), updated)
	}
	for i := range 6 {
		pid := []string{"C9300-48P-A", "C9120AXI-B", "C9200L-24P-4G-E"}[i%3]
		s := e.sites[i%len(e.sites)]
		t.row(fmt.Sprintf("%s-new-%02d", s.code, i+1), "Active", "Example Health", s.name, "", "", products[pid].family, "Cisco", pid, "",
			e.serial(), fmt.Sprintf("EH-%05d", 20000+i), "2026-11-19 06:12")
	}
	return t.bytes(false)
}

// advisory is one openVuln API advisory, as the API writes it.
type advisory struct {
	ID        string   `json:"advisoryId"`
	Title     string   `json:"advisoryTitle"`
	SIR       string   `json:"sir"`
	CVSS      string   `json:"cvssBaseScore"`
	Published string   `json:"firstPublished"`
	Products  []string `json:"productNames"`
	URL       string   `json:"publicationUrl"`
	PIDs      []string `json:"productId,omitempty"`
	Serials   []string `json:"serialNumber,omitempty"`
}

// advisories are the openVuln API's security advisories for the estate's
// products, as a script joined them to product IDs; one names the serials
// of the routers it was checked against.
func (e *estate) advisories() []byte {
	var routers []string
	for _, d := range e.devices {
		if d.prod.pid == "ASR1001-X" && len(routers) < 3 {
			routers = append(routers, d.serial)
		}
	}
	slices.Sort(routers)
	url := "https://sec.cloudapps.cisco.com/security/center/content/CiscoSecurityAdvisory/"
	list := []advisory{
		{"cisco-sa-iosxe-webui-privesc-j22SaA4z", "Cisco IOS XE Software Web UI Privilege Escalation Vulnerability", "Critical", "10.0", "2023-10-16T15:00:00",
			[]string{"Cisco IOS XE Software"}, url + "cisco-sa-iosxe-webui-privesc-j22SaA4z", []string{"C9300-48P-A", "C9500-24Y4C-A", "ISR4331/K9", "C8300-1N1S-6T", "WS-C3850-48P-S", "WS-C3650-24PS-S"}, nil},
		{"cisco-sa-snmp-dos-sdxnSUcW", "Cisco IOS and IOS XE Software SNMP Denial of Service Vulnerabilities", "High", "7.7", "2024-03-27T16:00:00",
			[]string{"Cisco IOS Software", "Cisco IOS XE Software"}, url + "cisco-sa-snmp-dos-sdxnSUcW", []string{"WS-C2960X-48FPD-L", "WS-C3850-48P-S"}, nil},
		{"cisco-sa-capwap-dos-Gn5DHp8", "Cisco Access Point Software CAPWAP Denial of Service Vulnerability", "High", "7.4", "2024-09-25T16:00:00",
			[]string{"Cisco Aironet Access Point Software"}, url + "cisco-sa-capwap-dos-Gn5DHp8", []string{"AIR-AP2802I-B-K9", "AIR-CT5520-K9"}, nil},
		{"cisco-sa-asaftd-webvpn-dos", "Cisco ASA and FTD Software Remote Access VPN Denial of Service Vulnerability", "Medium", "5.8", "2024-10-23T16:00:00",
			[]string{"Cisco Adaptive Security Appliance (ASA) Software"}, url + "cisco-sa-asaftd-webvpn-dos", []string{"ASA5516-FPWR-K9", "FPR2110-NGFW-K9"}, nil},
		{"cisco-sa-iosxr-asr-ipv6-dos", "Cisco IOS XE Software for ASR 1000 IPv6 Denial of Service Vulnerability", "High", "8.6", "2025-03-12T16:00:00",
			[]string{"Cisco IOS XE Software"}, url + "cisco-sa-iosxr-asr-ipv6-dos", nil, routers},
		{"cisco-sa-nxos-cli-cmdinject", "Cisco NX-OS Software CLI Command Injection Vulnerability", "Medium", "6.0", "2024-07-01T16:00:00",
			[]string{"Cisco NX-OS Software"}, url + "cisco-sa-nxos-cli-cmdinject", []string{"N9K-C93180YC-FX"}, nil},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Advisories []advisory `json:"advisories"`
	}{list}); err != nil {
		panic(err) // only our own values
	}
	return b.Bytes()
}
