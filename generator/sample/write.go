package sample

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options say what estate to write.
type Options struct {
	Devices int
	Seed    uint64
	// Force overwrites a report project that sample did not write.
	Force bool
}

// marker starts every report.toml that sample writes, so that it can be
// regenerated in place without -force.
const marker = "# Sample report project written by `renewals sample`"

// Write generates the project into dir and returns the files it wrote,
// relative to dir. It replaces sample-data/ and content/ of an earlier
// sample, and refuses to touch a project of the user's own without Force.
func Write(dir string, opt Options) ([]string, error) {
	if opt.Devices == 0 {
		opt.Devices = DefaultDevices
	}
	old, err := os.ReadFile(filepath.Join(dir, "report.toml"))
	ours := err == nil && bytes.HasPrefix(old, []byte(marker))
	if !ours && !opt.Force {
		if err == nil {
			return nil, fmt.Errorf("%s already holds a report project that renewals sample did not write; choose another -out, or pass -force to overwrite its report.toml, sample-data/ and content/", dir)
		}
		if there := existing(dir, "sample-data", "content"); len(there) > 0 {
			return nil, fmt.Errorf("%s already holds %s, which renewals sample would replace; choose another -out, or pass -force", dir, strings.Join(there, " and "))
		}
	}
	files := Generate(opt)
	for _, sub := range []string{"sample-data", "content"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return nil, err
		}
	}
	return writeFiles(dir, files)
}

// existing returns those of names that exist in dir.
func existing(dir string, names ...string) []string {
	var out []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// writeFiles writes files by slash path under dir, in name order, and
// returns the names.
func writeFiles(dir string, files map[string][]byte) ([]string, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// Generate returns the project's files by slash-separated path.
func Generate(opt Options) map[string][]byte {
	e := newEstate(opt.Devices, opt.Seed)
	snaps := [3][]line{e.linesFor(may), e.linesFor(aug), e.linesFor(nov)}
	var cx, scc []line
	for _, l := range snaps[nov] {
		if l.con != nil && (l.con.lapses || l.con.multiYear) {
			scc = append(scc, l)
		} else {
			cx = append(cx, l)
		}
	}
	scope := e.quoteScope(snaps[nov])
	inventory, alerts := e.netbox(snaps[nov]), e.advisories()
	pids := []string{"N9K-C93180YC-FX", "C9500-24Y4C-A", "ASR1001-X", "C9300-48P-A", "WS-C3850-48P-S", "WS-C3650-24PS-S",
		"WS-C2960X-48FPD-L", "C9200L-24P-4G-E", "ISR4331/K9", "C8300-1N1S-6T", "AIR-AP2802I-B-K9", "C9120AXI-B", "AIR-CT5520-K9",
		"ASA5516-FPWR-K9", "FPR2110-NGFW-K9"}
	return map[string][]byte{
		"report.toml": reportTOML(opt),
		"sample-data/2026-05-22/cisco-ready-install-base.csv": ciscoReady(snaps[may]),
		"sample-data/2026-08-21/cx-cloud-assets.csv":          cxCloudAugust(snaps[aug]),
		"sample-data/2026-11-20/cx-cloud-assets.csv":          cxCloud(cx),
		"sample-data/2026-11-20/service-contract-center.csv":  serviceContractCenter(scc),
		"sample-data/eox.csv":                                 eoxFile(pids),
		"sample-data/quotes/atlas-it-solutions.csv":           e.atlas(scope),
		"sample-data/quotes/northbridge-networks.csv":         e.northbridge(scope),
		"sample-data/quotes/ridgeline-maintenance.csv":        e.ridgeline(scope),
		"sample-data/inventory/netbox-devices.csv":            inventory,
		"sample-data/alerts/openvuln-advisories.json":         alerts,
		"content/index.md":                                    []byte(indexMD),
		"content/quotes.md":                                   []byte(quotesMD),
	}
}

func reportTOML(opt Options) []byte {
	return []byte(fmt.Sprintf(`%s -seed %d -devices %d.
# Paths are relative to this file. See README.md for every key.

title = "Network maintenance renewal advisory"
organization = "Example Health"
as_of = 2026-11-23          # the date the report speaks of
currency = "USD"
date_order = "mdy"          # how slash dates read: "mdy" (12/31/2026) or "dmy" (31/12/2026)
decimal = "."               # "." for 1,234.56 or "," for 1.234,56
content = "content"         # Markdown commentary
output = "public"           # where renewals build writes the site
lifecycle = ["sample-data/eox.csv"]
fiscal_year_start = "July"  # the budget forecast's quarters: the fiscal year's first month

[advice]
horizon_days = 90           # renewals due within this many days are "expiring"
tpm_discount = 0.6          # TPM estimate when no TPM quote is given
reinstatement_fee_rate = 0.2
decision_lead_days = 45     # decide this many days before an end date

# The service level each class of device needs. Critical devices are those
# [[criticality]] entries name, else those on a 24x7 level.
[service_targets]
critical = "SNTP"           # 24x7x4
standard = "SNT"            # 8x5xNBD

# One [[snapshot]] per quarterly export set; the newest is current.
[[snapshot]]
date = 2026-11-20
coverage = ["sample-data/2026-11-20/*.csv"]

[[snapshot]]
date = 2026-08-21
coverage = ["sample-data/2026-08-21/*.csv"]

[[snapshot]]
date = 2026-05-22
coverage = ["sample-data/2026-05-22/*.csv"]

# Partner quotes. Files with Partner and Partner Type columns name their
# partner themselves; the others take it from their entry.
[[quotes]]
files = ["sample-data/quotes/atlas-it-solutions.csv", "sample-data/quotes/ridgeline-maintenance.csv"]

[[quotes]]
files = ["sample-data/quotes/northbridge-networks.csv"]
partner = "Northbridge Networks"
kind = "vendor-partner"

# The live inventory: what runs, as NetBox sees it. Devices paid for that
# it does not see in service are money to take off contract.
[[inventory]]
files = ["sample-data/inventory/netbox-devices.csv"]
# decommissioned = ["decommissioning", "offline", "inventory"]   # the statuses that mean out of service

# Security advisories (the openVuln API's JSON, or a CSV or Excel export).
[[alerts]]
files = ["sample-data/alerts/openvuln-advisories.json"]

# What replacing a unit costs, by product ID (the EoX file's migration
# product, or the device's own). The report plans replacements with these.
[replacement]
"C9300-48P-A" = 9800.00
"C9200-24P-E" = 3900.00
"C9200-48P-E" = 6200.00
"C8200L-1N-4T" = 2900.00
"C9120AXI-B" = 1100.00
"C9800-40-K9" = 26000.00
"FPR1140-NGFW-K9" = 14500.00
"C8500-12X4QC" = 38000.00
`, marker, opt.Seed, opt.Devices))
}

const indexMD = `+++
title = "Executive commentary"
weight = 1
+++

## This quarter

Annual maintenance spend stands at {{< figure annual_spend >}}. Four contracts
end within the next four months, and the clinics contract lapsed on
31 October 2026: its switches have had no hardware replacement cover since.

{{< chart renewals_by_month >}}

## What we ask management to decide

1. **Renew the data-centre and WAN contracts** before their decide-by dates,
   on the partner quote that is cheapest per year, not the one with the
   lowest headline total.
2. **Stop paying vendor rates for gear past its Last Date of Support.**
   The Catalyst 3850 and 3650 switches and the ASA 5516 firewalls are past
   LDoS; move them to third-party maintenance until they are replaced.
3. **Decide on the lapsed clinic switches**: reinstate them, or accept the
   risk until the Catalyst 9200 refresh in Q2.
`

const quotesMD = `---
title: "A note on the partner quotes"
page: quotes
---

Northbridge Networks co-terms every line to 30 September 2027, so its
headline total covers fewer months than the others. Compare the
**annualized** figures on the common scope, never the totals on the cover
page.
`
