// Package config reads report.toml: the report's settings and the input
// files of each quarterly snapshot. Paths in the file are relative to it.
// Every problem is reported with its position, and an unknown key gets a
// "did you mean" when a known key is close.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// Defaults for the [advice] table, as the README's "Configuration" gives them.
const (
	DefaultHorizonDays          = 90
	DefaultTPMDiscount          = 0.6
	DefaultReinstatementFeeRate = 0.2
	DefaultDecisionLeadDays     = 45
	DefaultUpliftCap            = 0.05
	DefaultGraceDays            = 0
	DefaultUnseenDays           = 30
	DefaultUplift               = 0.05
)

// Config is a validated report.toml.
type Config struct {
	// File is the config path as given; Dir is its folder, which every
	// other path is relative to.
	File, Dir string

	Title        string
	Organization string
	AsOf         contract.Date
	Currency     string
	DateOrder    string // "mdy" or "dmy"
	DecimalComma bool
	// Content is the commentary folder, or "" when there is none.
	Content string
	Output  string
	// Archive is the folder in the project that keeps every published
	// quarter, or "" when archiving is off.
	Archive    string
	UnsafeHTML bool
	// ECharts is the ECharts build the config names (echarts = "..."),
	// resolved, or ""; EChartsPos is where it is written.
	ECharts    string
	EChartsPos diag.Pos
	// Lifecycle lists the EoX files, glob patterns expanded.
	Lifecycle []string
	Advice    Advice
	// Snapshots are ordered newest first.
	Snapshots []Snapshot
	Quotes    []Quotes
	// Critical lists the [[criticality]] entries: a device is critical
	// when its site, product family or product ID matches one of an
	// entry's values (equal, or as a glob such as "C9500-*"; case aside).
	// None: devices on a 24x7 service level are critical.
	Critical []Critical
	// ContractLabels names contracts by number ([contracts]); a name
	// here wins over one the exports give.
	ContractLabels map[string]string
	// ServiceTargets maps "critical" and "standard" to the service level
	// code such devices need ([service_targets]); nil without.
	ServiceTargets map[string]string
	// Inventory lists the [[inventory]] entries; Alerts the files of the
	// [[alerts]] entries.
	Inventory []Inventory
	Alerts    []string
	// Replacement prices the replacement of a unit, by product ID (the
	// migration product's or the device's own), upper case.
	Replacement map[string]Replacement
	// FiscalYearStart is the month the fiscal year starts in, 1 to 12.
	FiscalYearStart int
	// FileOptions holds the settings of the files whose entry sets its
	// own date_order or decimal, by path.
	FileOptions map[string]FileOptions
}

// Critical is one [[criticality]] entry.
type Critical struct {
	Sites, Families, ProductIDs []string
}

// FileOptions are the settings one file reads with, where its entry in the
// config sets them: "" keeps the config's.
type FileOptions struct {
	DateOrder string // "mdy" or "dmy"
	Decimal   string // "." or ","
	Sheet     string // a workbook's data sheet
}

// Advice holds the thresholds of the recommendations.
type Advice struct {
	HorizonDays          int
	TPMDiscount          float64
	ReinstatementFeeRate float64
	// ReinstatementGraceDays is how long after a lapse the vendor waives
	// the reinstatement fee.
	ReinstatementGraceDays int
	DecisionLeadDays       int
	UpliftCap              float64
	// UnseenDays is how long before as_of an inventory may last have seen
	// a device that is still in service.
	UnseenDays int
	// Uplift is the yearly price rise the budget forecast assumes.
	Uplift float64
}

// Snapshot is one quarterly export set.
type Snapshot struct {
	Date     contract.Date
	Coverage []string // files, glob patterns expanded
}

// Quotes is one [[quotes]] entry.
type Quotes struct {
	Files   []string
	Partner string
	Kind    string // "", "vendor-partner" or "tpm"
}

// file mirrors the TOML layout. Its tags are the complete set of keys;
// anything else in the file is reported as unknown.
type file struct {
	Title        string     `toml:"title"`
	Organization string     `toml:"organization"`
	AsOf         date       `toml:"as_of"`
	Currency     string     `toml:"currency"`
	DateOrder    string     `toml:"date_order"`
	Decimal      string     `toml:"decimal"`
	Content      *string    `toml:"content"`
	Output       string     `toml:"output"`
	Archive      *string    `toml:"archive"`
	UnsafeHTML   bool       `toml:"unsafe_html"`
	ECharts      string     `toml:"echarts"`
	Lifecycle    paths      `toml:"lifecycle"`
	Advice       adviceFile `toml:"advice"`
	Snapshot     []snapFile `toml:"snapshot"`
	Quotes       []quoteSrc `toml:"quotes"`
	Criticality  []critSrc  `toml:"criticality"`
	// Contracts names contracts: "93824710" = "Data centre core".
	Contracts map[string]string `toml:"contracts"`
	// ServiceTargets is the service level each class of device needs:
	// critical = "SNTP", standard = "SNT".
	ServiceTargets map[string]string `toml:"service_targets"`
	Inventory      []inventorySrc    `toml:"inventory"`
	Alerts         []alertSrc        `toml:"alerts"`
	// Replacement prices a unit of a product ID's replacement.
	Replacement     map[string]price `toml:"replacement"`
	FiscalYearStart month            `toml:"fiscal_year_start"`
}

// critSrc is a [[criticality]] entry: the sites, product families and
// product IDs whose devices are critical.
type critSrc struct {
	Sites      []string `toml:"sites"`
	Families   []string `toml:"families"`
	ProductIDs []string `toml:"product_ids"`
}

type adviceFile struct {
	HorizonDays            *int     `toml:"horizon_days"`
	TPMDiscount            *float64 `toml:"tpm_discount"`
	ReinstatementFeeRate   *float64 `toml:"reinstatement_fee_rate"`
	ReinstatementGraceDays *int     `toml:"reinstatement_grace_days"`
	DecisionLeadDays       *int     `toml:"decision_lead_days"`
	UpliftCap              *float64 `toml:"uplift_cap"`
	UnseenDays             *int     `toml:"unseen_days"`
	Uplift                 *float64 `toml:"uplift"`
}

type snapFile struct {
	Date     date  `toml:"date"`
	Coverage paths `toml:"coverage"`
}

type quoteSrc struct {
	Files     paths  `toml:"files"`
	Partner   string `toml:"partner"`
	Kind      string `toml:"kind"`
	DateOrder string `toml:"date_order"`
	Decimal   string `toml:"decimal"`
}

// loader carries what every check needs to place its message.
type loader struct {
	name  string
	src   string
	keys  []keyPos
	diags *diag.List
}

// Load reads and validates the config at path. Problems go to diags; the
// returned Config is nil only when the file cannot be read or parsed.
func Load(path string, diags *diag.List) *Config {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			diags.Errorf(diag.Pos{File: path}, "no config file here; name the project folder or its report.toml (renewals build DIR), or start one with renewals init DIR")
		} else {
			diags.Errorf(diag.Pos{File: path}, "%v", err)
		}
		return nil
	}
	diags.Source(path, data)
	l := &loader{name: path, src: string(data), keys: scanKeys(string(data)), diags: diags}
	var f file
	md, err := toml.Decode(l.src, &f)
	if err != nil {
		l.decodeError(err)
		return nil
	}
	l.unknownKeys(md.Undecoded())
	return l.validate(&f)
}

func (l *loader) validate(f *file) *Config {
	dir := filepath.Dir(l.name)
	c := &Config{
		File: l.name, Dir: dir,
		Title:        f.Title,
		Organization: f.Organization,
		AsOf:         f.AsOf.Date,
		Currency:     strings.ToUpper(strings.TrimSpace(f.Currency)),
		DateOrder:    strings.ToLower(f.DateOrder),
		UnsafeHTML:   f.UnsafeHTML,
	}
	if c.Title == "" {
		c.Title = "Network maintenance renewal advisory"
	}
	if c.AsOf.IsZero() {
		l.diags.Errorf(diag.Pos{File: l.name}, "as_of is required: the date the report speaks of, such as as_of = 2026-11-23")
	}
	if c.Currency == "" {
		c.Currency = "USD"
	} else if len(c.Currency) != 3 || strings.IndexFunc(c.Currency, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		l.errorf("currency", "currency: want a three-letter ISO 4217 code such as \"USD\" or \"EUR\", not %q", f.Currency)
	}
	if err := checkDateOrder(c.DateOrder); err != nil {
		l.errorf("date_order", "%v", err)
	}
	c.DateOrder = cmp.Or(c.DateOrder, "mdy")
	if err := checkDecimal(f.Decimal); err != nil {
		l.errorf("decimal", "%v", err)
	}
	c.DecimalComma = f.Decimal == ","
	switch {
	case f.Content == nil:
		if st, err := os.Stat(filepath.Join(dir, "content")); err == nil && st.IsDir() {
			c.Content = filepath.Join(dir, "content")
		}
	case *f.Content != "":
		c.Content = l.join(*f.Content)
		if st, err := os.Stat(c.Content); err != nil || !st.IsDir() {
			l.errorf("content", "content: %q is not a folder", *f.Content)
		}
	}
	c.Output = "public"
	if f.Output != "" {
		c.Output = f.Output
	}
	c.Output = l.join(c.Output)
	switch {
	case f.Archive == nil:
		c.Archive = l.join("archive")
	case *f.Archive != "":
		c.Archive = l.join(*f.Archive)
	}
	if f.ECharts != "" {
		c.ECharts, c.EChartsPos = l.join(f.ECharts), l.pos("echarts")
	}
	c.Lifecycle = l.expand(c, "lifecycle", f.Lifecycle)
	c.Advice = l.advice(&f.Advice)
	for number, label := range f.Contracts {
		if strings.TrimSpace(label) == "" {
			l.errorf("contracts."+number, "contracts: the name of contract %s is empty; give it a name, or leave it out", number)
			continue
		}
		if c.ContractLabels == nil {
			c.ContractLabels = map[string]string{}
		}
		c.ContractLabels[strings.TrimSpace(number)] = strings.TrimSpace(label)
	}
	c.ServiceTargets = l.serviceTargets(f.ServiceTargets)
	for i, e := range f.Criticality {
		key := fmt.Sprintf("criticality[%d]", i)
		if len(e.Sites)+len(e.Families)+len(e.ProductIDs) == 0 {
			l.errorf(key, "a [[criticality]] entry names nothing: give sites, families or product_ids, as lists of names or globs in quotes")
		}
		for _, v := range slices.Concat(e.Sites, e.Families, e.ProductIDs) {
			if _, err := path.Match(strings.ToUpper(v), ""); err != nil || strings.TrimSpace(v) == "" {
				l.errorf(key, "criticality: %q is not a name or a glob pattern", v)
			}
		}
		c.Critical = append(c.Critical, Critical{Sites: e.Sites, Families: e.Families, ProductIDs: e.ProductIDs})
	}

	if len(f.Snapshot) == 0 {
		l.diags.Errorf(diag.Pos{File: l.name}, "no [[snapshot]]: add at least one, with the date of the export and its coverage files")
	}
	seen := map[contract.Date]int{}
	for i, s := range f.Snapshot {
		key := fmt.Sprintf("snapshot[%d]", i)
		if s.Date.IsZero() {
			l.errorf(key, "[[snapshot]] has no date: add date = 2026-11-20, the day the files were exported")
		} else if prev, dup := seen[s.Date.Date]; dup {
			l.errorf(key+".date", "two snapshots have the date %s (the other is on line %d); each quarterly export set needs its own date", s.Date.Date, l.pos(fmt.Sprintf("snapshot[%d].date", prev)).Line)
		} else {
			seen[s.Date.Date] = i
		}
		if !c.AsOf.IsZero() && s.Date.After(c.AsOf) {
			l.errorf(key+".date", "the snapshot date %s is after as_of %s; a report cannot speak of a date before its data", s.Date.Date, c.AsOf)
		}
		if len(s.Coverage) == 0 {
			l.errorf(key, "[[snapshot]] dated %s lists no coverage files: add coverage = [\"exports/%s/*.csv\"]", s.Date.Date, s.Date.Date)
		}
		c.Snapshots = append(c.Snapshots, Snapshot{Date: s.Date.Date, Coverage: l.expand(c, key+".coverage", s.Coverage)})
	}
	slices.SortStableFunc(c.Snapshots, func(a, b Snapshot) int { return int(b.Date) - int(a.Date) })

	for i, q := range f.Quotes {
		key := fmt.Sprintf("quotes[%d]", i)
		if len(q.Files) == 0 {
			l.errorf(key, "[[quotes]] lists no files: add files = [\"quotes/*.csv\"]")
		}
		if q.Kind != "" {
			k, ok := contract.ParsePartnerKind(q.Kind)
			if !ok {
				l.errorf(key+".kind", "kind: %q is not accepted (accepted: \"vendor-partner\", \"tpm\")", q.Kind)
			}
			q.Kind = string(k)
		}
		l.fileSettings(key, q.Files, q.DateOrder, q.Decimal)
		c.Quotes = append(c.Quotes, Quotes{Files: l.expand(c, key+".files", q.Files), Partner: strings.TrimSpace(q.Partner), Kind: q.Kind})
	}
	l.estate(c, f)
	return c
}

// unwrapPath drops the path from an *os.PathError, which the message
// names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (l *loader) advice(a *adviceFile) Advice {
	out := Advice{
		HorizonDays:            DefaultHorizonDays,
		TPMDiscount:            DefaultTPMDiscount,
		ReinstatementFeeRate:   DefaultReinstatementFeeRate,
		ReinstatementGraceDays: DefaultGraceDays,
		DecisionLeadDays:       DefaultDecisionLeadDays,
		UpliftCap:              DefaultUpliftCap,
		UnseenDays:             DefaultUnseenDays,
		Uplift:                 DefaultUplift,
	}
	intIn := func(key string, v *int, lo, hi int, dst *int) {
		if v == nil {
			return
		}
		if *v < lo || *v > hi {
			l.errorf("advice."+key, "%s: %d is out of range (accepted: %d to %d days)", key, *v, lo, hi)
			return
		}
		*dst = *v
	}
	rateIn := func(key string, v *float64, hi float64, dst *float64) {
		if v == nil {
			return
		}
		if *v < 0 || *v >= hi {
			l.errorf("advice."+key, "%s: %g is out of range (accepted: a fraction from 0 to below %g, such as 0.6 for 60 %%)", key, *v, hi)
			return
		}
		*dst = *v
	}
	intIn("horizon_days", a.HorizonDays, 1, 3650, &out.HorizonDays)
	intIn("decision_lead_days", a.DecisionLeadDays, 0, 365, &out.DecisionLeadDays)
	intIn("reinstatement_grace_days", a.ReinstatementGraceDays, 0, 365, &out.ReinstatementGraceDays)
	rateIn("tpm_discount", a.TPMDiscount, 1, &out.TPMDiscount)
	rateIn("reinstatement_fee_rate", a.ReinstatementFeeRate, 2, &out.ReinstatementFeeRate)
	rateIn("uplift_cap", a.UpliftCap, 10, &out.UpliftCap)
	rateIn("uplift", a.Uplift, 1, &out.Uplift)
	intIn("unseen_days", a.UnseenDays, 0, 3650, &out.UnseenDays)
	return out
}

// join resolves a path written in the config. Either / or \ separates
// folders, so that a config written on Windows builds anywhere.
func (l *loader) join(p string) string {
	p = filepath.FromSlash(strings.ReplaceAll(p, `\`, "/"))
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(filepath.Dir(l.name), p)
}

// TargetClasses are the keys of [service_targets]: devices the config's
// [[criticality]] (or, without it, a 24x7 level) marks critical, and the
// rest.
var TargetClasses = []string{"critical", "standard"}

// serviceTargets checks [service_targets]: each key a class, each value a
// service level code of the lookup table.
func (l *loader) serviceTargets(in map[string]string) map[string]string {
	if len(in) == 0 {
		return nil
	}
	var codes []string
	for _, sl := range contract.ServiceLevels {
		codes = append(codes, sl.Code)
	}
	out := map[string]string{}
	for _, class := range slices.Sorted(maps.Keys(in)) {
		key := "service_targets." + class
		if !slices.Contains(TargetClasses, class) {
			msg := fmt.Sprintf("service_targets: %q is not a class of device (known: %s)", class, strings.Join(TargetClasses, ", "))
			if s := diag.Suggest(class, TargetClasses); s != "" {
				msg = fmt.Sprintf("service_targets: %q is not a class of device (did you mean %q? known: %s)", class, s, strings.Join(TargetClasses, ", "))
			}
			l.errorf(key, "%s", msg)
			continue
		}
		code := strings.ToUpper(strings.TrimSpace(in[class]))
		if _, ok := contract.LookupServiceLevel(code); !ok {
			l.errorf(key, "service_targets: %q is not a service level code (accepted: %s)", in[class], strings.Join(codes, ", "))
			continue
		}
		out[class] = code
	}
	return out
}
