package sample

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/echarts"
)

// Scaffold writes a new, empty report project into dir: a commented
// report.toml, a commentary stub, and an exports folder for asOf with a
// note on which exports go where. With npm set it also writes a
// package.json that pins ECharts, for a renewals without ECharts built in.
// It returns the files it wrote.
func Scaffold(dir string, asOf contract.Date, force, npm bool) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "report.toml")); err == nil && !force {
		return nil, fmt.Errorf("%s already holds a report.toml; choose another folder, or pass -force to overwrite it", dir)
	}
	day := asOf.String()
	files := map[string][]byte{
		"report.toml":                   []byte(scaffoldTOML(day)),
		"content/index.md":              []byte(scaffoldIndex),
		"exports/" + day + "/README.md": []byte(exportsNote),
		"exports/eox/README.md":         []byte(eoxNote),
		"exports/quotes/README.md":      []byte(quotesNote),
		".gitignore":                    []byte("public/\n"),
	}
	if npm {
		files["package.json"] = []byte(scaffoldPackage)
		files[".gitignore"] = []byte("public/\nnode_modules/\n")
	}
	if !force {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		if there := existing(dir, names...); len(there) > 0 {
			return nil, fmt.Errorf("%s already holds %s; choose another folder, or pass -force to overwrite", dir, strings.Join(there, ", "))
		}
	}
	return writeFiles(dir, files)
}

func scaffoldTOML(day string) string {
	return `# Report project written by renewals init. Paths are relative to this file.
# README.md of renewals lists every key; renewals check says what is missing.

title = "Network maintenance renewal advisory"
organization = ""           # your organisation, shown on every page
as_of = ` + day + `          # the date the report speaks of
currency = "USD"            # the currency of your exports
date_order = "mdy"          # slash dates: "mdy" (12/31/2026) or "dmy" (31/12/2026)
decimal = "."               # "." for 1,234.56 or "," for 1.234,56
content = "content"         # your commentary, in Markdown
output = "public"           # where renewals build writes the site
archive = "archive"         # every published quarter; commit it

# The end-of-life export (EoX), one row per product ID. Uncomment when the
# file is in exports/eox/.
# lifecycle = ["exports/eox/*.csv"]

[advice]
horizon_days = 90           # renewals due within this many days are "expiring"
tpm_discount = 0.6          # third-party maintenance estimate when no TPM quoted
reinstatement_fee_rate = 0.2
decision_lead_days = 45     # decide this many days before an end date

# The service level each class of device needs: the report lists devices
# covered above or below it, with the money of moving them. Critical devices
# are those [[criticality]] entries name, else those on a 24x7 level.
# [service_targets]
# critical = "SNTP"         # 24x7x4
# standard = "SNT"          # 8x5xNBD

# One [[snapshot]] per quarterly export set; the newest is current. Add one
# each quarter and keep the earlier ones: the trend uses all of them.
[[snapshot]]
date = ` + day + `           # the day the files were exported
coverage = ["exports/` + day + `/*.csv"]

# Partner quotes. Uncomment when they are in exports/quotes/. A file
# without Partner and Partner Type columns takes them from its entry.
# [[quotes]]
# files = ["exports/quotes/*.csv"]
# partner = ""              # e.g. "Northbridge Networks"
# kind = ""                 # "vendor-partner" or "tpm"

# The live inventory (a NetBox or Nautobot device export, a Catalyst Center
# inventory): devices still paid for that no longer run, devices in service
# that no contract covers. Uncomment when it is in exports/inventory/.
# [[inventory]]
# files = ["exports/inventory/*.csv"]

# Security advisories or product alerts (a CSV or Excel export, or the
# openVuln API's JSON): devices an advisory names that cannot get the fix.
# [[alerts]]
# files = ["exports/alerts/*.json"]

# What replacing a unit costs, by product ID (the EoX migration product or
# the device's own): the replacement plan and its advice use these.
# [replacement]
# "C9300-48P-A" = 9800.00

# The first month of the fiscal year, for the budget forecast's quarters.
# fiscal_year_start = "January"
`
}

const scaffoldIndex = `+++
title = "Executive commentary"
+++

## This quarter

Annual maintenance spend stands at {{< figure annual_spend >}}, across
{{< figure devices >}} devices.

{{< chart renewals_by_month >}}

## What we ask management to decide

1. ...
`

const exportsNote = `# Coverage exports for this snapshot

Save this quarter's installed-base and coverage exports here as CSV, as they
come from the tool:

- CX Cloud: Assets & Coverage export (Serial Number, Product ID, Coverage,
  Covered Line Start Date, Covered Line End Date, ...);
- a partner's Cisco Ready install-base report (Serial Number / PAK number,
  Product Number, Contract Line Status, ...);
- Service Contract Center: the contract download (SERIAL NUMBER, CONTRACT
  NUMBER, BEGIN DATE, END DATE, ...).

Several files may sit side by side. Report titles above the header row, a
BOM, semicolons, and Excel's ways with dates and numbers are all fine. Then
run renewals check.
`

const eoxNote = `# End-of-life data

Save the EoX export here (EOLProductID, LastDateOfSupport,
EndOfServiceContractRenewal, ...; products with no announcement appear as
SSA_ERR_026 rows), then uncomment lifecycle in report.toml.
`

const quotesNote = `# Partner quotes

Save partner renewal quotes here as CSV (CCW-R style: Serial Number, Start
Date, End Date, Extended Net Price, ...), then uncomment [[quotes]] in
report.toml. Quotes from vendor partners and from third-party maintainers can
be compared; the report annualizes every line over its own term.
`

// scaffoldPackage pins ECharts, which the built site carries.
const scaffoldPackage = `{
  "private": true,
  "description": "ECharts for the renewals report site; run npm install once.",
  "dependencies": {
    "echarts": "` + echarts.Pinned + `"
  }
}
`
