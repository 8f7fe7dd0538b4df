// Live inventory and security alert files.

package ingest

import (
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// inventoryRow is one row of a live inventory: a NetBox or Nautobot device
// export, a Catalyst Center inventory, or any file with a serial column.
type inventoryRow struct {
	Serial   string `csv:"serial"`
	Host     string `csv:"host"`
	Site     string `csv:"site"`
	Product  string `csv:"product"`
	Status   string `csv:"status"`
	LastSeen string `csv:"last_seen"`
}

// InventoryFile is what one live inventory file holds.
type InventoryFile struct {
	Items  []contract.InventoryItem
	Stat   contract.FileStat
	Quirks []contract.Quirk
}

// Inventory reads a live inventory. A row may list several serials,
// comma-separated (a Catalyst Center stack): each becomes an item with the
// row's host, site and status. A status in decommissioned (lower case)
// marks the item out of service.
func Inventory(name string, data []byte, opt Options, decommissioned []string, diags *diag.List) InventoryFile {
	t := open(name, data, KindInventory, opt, diags)
	if t == nil {
		return InventoryFile{Stat: contract.FileStat{Path: name, Kind: string(KindInventory)}}
	}
	var out []contract.InventoryItem
	rows(t, func(r *inventoryRow) {
		serials := splitList(t.text("serial", r.Serial))
		if len(serials) == 0 {
			t.stat.Skipped++
			return
		}
		item := contract.InventoryItem{Host: t.text("host", r.Host), Site: t.text("site", r.Site), ProductID: strings.ToUpper(t.text("product", r.Product)),
			Status: t.text("status", r.Status), LastSeen: t.seen("last_seen", r.LastSeen), Ref: contract.Ref{File: t.name, Line: t.line}}
		status := strings.ToLower(item.Status)
		for _, d := range decommissioned {
			if status == d {
				item.OutOfService = true
			}
		}
		for _, s := range serials {
			item.Serial = s
			out = append(out, item)
		}
	})
	t.stat.Kept = len(out)
	return InventoryFile{Items: out, Stat: t.stat, Quirks: t.finish()}
}

// seen reads a last-seen date: a date or a date and time, or a Unix time
// in seconds or milliseconds (Catalyst Center's lastUpdateTime).
func (t *table) seen(key, raw string) contract.Date {
	s := strings.TrimSpace(raw)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && (len(s) == 10 || len(s) == 13) {
		if len(s) == 13 {
			n /= 1000
		}
		return contract.UnixDate(n)
	}
	return t.date(key, raw)
}

// splitList splits a cell that lists several values, by commas,
// semicolons or line breaks, trimmed; empty values are dropped.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// alertRow is one row of a product alert or security advisory export.
type alertRow struct {
	Advisory  string `csv:"advisory"`
	Title     string `csv:"title"`
	Severity  string `csv:"severity"`
	CVSS      string `csv:"cvss"`
	Published string `csv:"published"`
	Products  string `csv:"products"`
	Serial    string `csv:"serial"`
	Product   string `csv:"product"`
	URL       string `csv:"url"`
	Host      string `csv:"host"`
}

// AlertFile is what one alerts file holds.
type AlertFile struct {
	Alerts []contract.Alert
	Stat   contract.FileStat
	Quirks []contract.Quirk
}

// Alerts reads product alerts or security advisories: a row per
// advisory, naming devices by serial or else by product ID, each of which
// may list several values (an alert per value). A row that names none is
// kept: it names no device.
func Alerts(name string, data []byte, opt Options, diags *diag.List) AlertFile {
	t := open(name, data, KindAlerts, opt, diags)
	if t == nil {
		return AlertFile{Stat: contract.FileStat{Path: name, Kind: string(KindAlerts)}}
	}
	var out []contract.Alert
	rows(t, func(r *alertRow) {
		a := contract.Alert{ID: t.text("advisory", r.Advisory), Title: t.free(r.Title), Severity: normalSeverity(t.text("severity", r.Severity)),
			CVSS: -1, Published: t.date("published", r.Published), URL: t.text("url", r.URL), Ref: contract.Ref{File: t.name, Line: t.line}}
		if a.ID == "" {
			t.failf("advisory", "no advisory ID")
			return
		}
		if s := strings.TrimSpace(r.CVSS); s != "" && !isPlaceholder(s) {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f < 0 || f > 10 {
				t.failf("cvss", "CVSS: %q is not a score from 0 to 10", s)
			} else {
				a.CVSS = int(f*10 + 0.5)
			}
		}
		serials, products := splitList(t.text("serial", r.Serial)), splitList(strings.ToUpper(t.text("product", r.Product)))
		if len(serials)+len(products) == 0 {
			out = append(out, a)
			return
		}
		// A row that names serials names those devices; its product ID
		// only describes them.
		for _, s := range serials {
			x := a
			x.Serial = s
			if len(products) > 0 {
				x.ProductID = products[0]
			}
			out = append(out, x)
		}
		if len(serials) > 0 {
			return
		}
		for _, p := range products {
			x := a
			x.ProductID = p
			out = append(out, x)
		}
	})
	t.stat.Kept = len(out)
	return AlertFile{Alerts: out, Stat: t.stat, Quirks: t.finish()}
}

// normalSeverity writes a severity as the advisories do: Critical, High,
// Medium, Low, Informational; other values as given.
func normalSeverity(s string) string {
	switch strings.ToLower(s) {
	case "critical":
		return "Critical"
	case "high":
		return "High"
	case "medium", "moderate":
		return "Medium"
	case "low":
		return "Low"
	case "informational", "info":
		return "Informational"
	}
	return s
}
