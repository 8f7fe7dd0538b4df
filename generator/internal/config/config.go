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
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

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
	DefaultGraceDays            = 0
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
	// FileOptions holds the settings of the files whose entry sets its
	// own date_order or decimal, by path.
	FileOptions map[string]FileOptions
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
}

type adviceFile struct {
	HorizonDays            *int     `toml:"horizon_days"`
	TPMDiscount            *float64 `toml:"tpm_discount"`
	ReinstatementFeeRate   *float64 `toml:"reinstatement_fee_rate"`
	ReinstatementGraceDays *int     `toml:"reinstatement_grace_days"`
	DecisionLeadDays       *int     `toml:"decision_lead_days"`
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

// date accepts a TOML local date (2026-11-23) or the same in a string.
type date struct{ contract.Date }

func (d *date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		d.Date = contract.DateOf(v)
		return nil
	case string:
		t, err := time.Parse(time.DateOnly, v)
		if err == nil {
			d.Date = contract.DateOf(t)
			return nil
		}
	}
	return fmt.Errorf("want a date such as 2026-11-23, not %v", v)
}

// paths accepts one string or an array whose entries are strings or
// tables naming files with settings of their own:
//
//	coverage = ["us/*.csv", {files = "de/*.csv", date_order = "dmy", decimal = ","}]
//	lifecycle = [{files = "eox.xlsx", sheet = "EoX"}]
type paths []pathEntry

// pathEntry is one pattern and the settings its files read with.
type pathEntry struct {
	Pattern   string
	DateOrder string
	Decimal   string
	Sheet     string
}

func (p *paths) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*p = paths{{Pattern: v}}
		return nil
	case []any:
		for _, e := range v {
			switch e := e.(type) {
			case string:
				*p = append(*p, pathEntry{Pattern: e})
			case map[string]any:
				pe, err := entryOf(e)
				if err != nil {
					return err
				}
				*p = append(*p, pe...)
			default:
				return fmt.Errorf("want file names or glob patterns in quotes, or {files = ..., date_order = ..., decimal = ...}, not %v", e)
			}
		}
		return nil
	}
	return fmt.Errorf("want a file name or a list of them, such as [\"sample-data/*.csv\"], not %v", v)
}

// entryOf reads {files = ..., date_order = ..., decimal = ...}.
func entryOf(m map[string]any) ([]pathEntry, error) {
	var base pathEntry
	var patterns []string
	for k, v := range m {
		s, isString := v.(string)
		switch k {
		case "files":
			switch v := v.(type) {
			case string:
				patterns = append(patterns, v)
			case []any:
				for _, f := range v {
					fs, ok := f.(string)
					if !ok {
						return nil, fmt.Errorf("files: want file names or glob patterns in quotes, not %v", f)
					}
					patterns = append(patterns, fs)
				}
			default:
				return nil, fmt.Errorf("files: want a file name or a list of them, not %v", v)
			}
		case "date_order":
			if !isString || (s != "mdy" && s != "dmy") {
				return nil, fmt.Errorf("date_order: %v is not accepted (accepted: \"mdy\", \"dmy\")", v)
			}
			base.DateOrder = s
		case "decimal":
			if !isString || (s != "." && s != ",") {
				return nil, fmt.Errorf("decimal: %v is not accepted (accepted: \".\", \",\")", v)
			}
			base.Decimal = s
		case "sheet":
			if !isString || strings.TrimSpace(s) == "" {
				return nil, fmt.Errorf("sheet: want the name of a workbook's sheet in quotes, not %v", v)
			}
			base.Sheet = s
		default:
			known := []string{"files", "date_order", "decimal", "sheet"}
			msg := fmt.Sprintf("unknown key %q in a file entry", k)
			if sg := diag.Suggest(k, known); sg != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sg)
			}
			return nil, fmt.Errorf("%s (known keys: %s)", msg, strings.Join(known, ", "))
		}
	}
	if len(patterns) == 0 {
		return nil, fmt.Errorf("a file entry needs files = \"...\"")
	}
	out := make([]pathEntry, len(patterns))
	for i, p := range patterns {
		out[i] = base
		out[i].Pattern = p
	}
	return out, nil
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

var lastKey = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): `)

// decodeError turns a toml error into a positioned diagnostic.
func (l *loader) decodeError(err error) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = plainKey(pe.LastKey) + ": " + msg
		}
		l.diags.Errorf(diag.Pos{File: l.name, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", msg)
		return
	}
	msg := err.Error()
	pos := diag.Pos{File: l.name}
	if m := lastKey.FindStringSubmatch(msg); m != nil {
		msg = plainKey(m[2]) + ": " + msg[len(m[0]):]
		pos = l.pos(m[2])
		if pos.Line == 0 && m[1] != "" {
			pos.Line, _ = strconv.Atoi(m[1])
		}
	}
	l.diags.Errorf(pos, "%s", strings.TrimPrefix(msg, "toml: "))
}

func plainKey(k string) string {
	parts := strings.Split(k, ".")
	return parts[len(parts)-1]
}

// pos finds where a key is written; path may carry element numbers
// ("snapshot[1].date") or not ("advice.horizon_days").
func (l *loader) pos(path string) diag.Pos {
	for _, k := range l.keys {
		if k.path == path || k.plain == path {
			return diag.Pos{File: l.name, Line: k.line, Col: k.col}
		}
	}
	return diag.Pos{File: l.name}
}

// valuePos finds where a string value of a key is written, for messages
// about one entry of a list.
func (l *loader) valuePos(path, value string) diag.Pos {
	p := l.pos(path)
	if p.Line == 0 {
		return p
	}
	lines := strings.Split(l.src, "\n")
	for i := p.Line - 1; i < len(lines) && i < p.Line+50; i++ {
		for _, q := range []string{`"` + value + `"`, `'` + value + `'`} {
			if c := strings.Index(lines[i], q); c >= 0 {
				return diag.Pos{File: l.name, Line: i + 1, Col: c + 1}
			}
		}
	}
	return p
}

// tables lists the known keys of each table, from the struct tags.
var tables = map[string][]string{
	"":         tagNames(file{}),
	"advice":   tagNames(adviceFile{}),
	"snapshot": tagNames(snapFile{}),
	"quotes":   tagNames(quoteSrc{}),
}

func tagNames(v any) []string {
	t := reflect.TypeOf(v)
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = t.Field(i).Tag.Get("toml")
	}
	return out
}

func (l *loader) unknownKeys(keys []toml.Key) {
	seen := map[int]bool{}
	for _, k := range keys {
		table, name := "", k[len(k)-1]
		if len(k) > 1 {
			table = strings.Join(k[:len(k)-1], ".")
		}
		known, isTable := tables[table]
		if !isTable {
			continue // reported at its parent, which is unknown too
		}
		pos := diag.Pos{File: l.name}
		for i, kp := range l.keys {
			if kp.plain == k.String() && !seen[i] {
				seen[i] = true
				pos = diag.Pos{File: l.name, Line: kp.line, Col: kp.col}
				break
			}
		}
		where := "at the top level"
		if table != "" {
			where = "in [" + table + "]"
			if table == "snapshot" || table == "quotes" {
				where = "in [[" + table + "]]"
			}
		}
		d := diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf("unknown key %q %s", name, where)}
		if s := diag.Suggest(name, known); s != "" {
			d.Msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			d.Notes = []string{"known keys: " + strings.Join(known, ", ")}
		}
		l.diags.Add(d)
	}
}

func (l *loader) errorf(path, format string, args ...any) {
	l.diags.Errorf(l.pos(path), format, args...)
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
	switch c.DateOrder {
	case "":
		c.DateOrder = "mdy"
	case "mdy", "dmy":
	default:
		l.errorf("date_order", "date_order: %q is not accepted (accepted: \"mdy\" for 12/31/2026, \"dmy\" for 31/12/2026)", f.DateOrder)
	}
	switch f.Decimal {
	case "", ".":
	case ",":
		c.DecimalComma = true
	default:
		l.errorf("decimal", "decimal: %q is not accepted (accepted: \".\" for 1,234.56, \",\" for 1.234,56)", f.Decimal)
	}
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
		if q.DateOrder != "" && q.DateOrder != "mdy" && q.DateOrder != "dmy" {
			l.errorf(key+".date_order", "date_order: %q is not accepted (accepted: \"mdy\", \"dmy\")", q.DateOrder)
		}
		if q.Decimal != "" && q.Decimal != "." && q.Decimal != "," {
			l.errorf(key+".decimal", "decimal: %q is not accepted (accepted: \".\", \",\")", q.Decimal)
		}
		for i := range q.Files {
			q.Files[i].DateOrder = cmp.Or(q.Files[i].DateOrder, q.DateOrder)
			q.Files[i].Decimal = cmp.Or(q.Files[i].Decimal, q.Decimal)
		}
		c.Quotes = append(c.Quotes, Quotes{Files: l.expand(c, key+".files", q.Files), Partner: strings.TrimSpace(q.Partner), Kind: q.Kind})
	}
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

// expand resolves file names and glob patterns relative to the config,
// and records the settings of the files an entry gives its own in c.
// A pattern that matches nothing is an error at the pattern.
func (l *loader) expand(c *Config, key string, entries paths) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range entries {
		p := e.Pattern
		full := l.join(p)
		matches, err := filepath.Glob(full)
		if err != nil {
			l.diags.Errorf(l.valuePos(key, p), "%s: %q is not a valid glob pattern: %v", plainKey(key), p, err)
			continue
		}
		// Every match is read or is an error: nothing a pattern names is
		// skipped without a word.
		var files []string
		for _, m := range matches {
			st, err := os.Stat(m) // follows links
			switch {
			case err != nil:
				what := "cannot be read"
				if lst, lerr := os.Lstat(m); lerr == nil && lst.Mode()&os.ModeSymlink != 0 {
					what = "is a link to nothing that can be read (broken, or a loop)"
				}
				l.diags.Errorf(l.valuePos(key, p), "%s: %q matches %s, which %s: %v", plainKey(key), p, m, what, unwrapPath(err))
			case st.IsDir():
				l.diags.Errorf(l.valuePos(key, p), "%s: %q matches the folder %s: name the files in it, such as %q", plainKey(key), p, m, filepath.ToSlash(filepath.Join(p, "*.csv")))
			case !st.Mode().IsRegular():
				l.diags.Errorf(l.valuePos(key, p), "%s: %q matches %s, which is not a regular file (%s)", plainKey(key), p, m, st.Mode().Type())
			default:
				files = append(files, m)
			}
		}
		if len(files) == 0 && len(matches) > 0 {
			continue
		}
		if len(files) == 0 {
			what := "matches no file"
			if !strings.ContainsAny(p, "*?[") {
				what = "does not exist"
			}
			d := diag.Diagnostic{Pos: l.valuePos(key, p), Severity: diag.Error,
				Msg: fmt.Sprintf("%s: %q %s (paths are relative to %s)", plainKey(key), p, what, l.name)}
			if st, err := os.Stat(filepath.Dir(full)); err == nil && st.IsDir() {
				d.Notes = []string{fmt.Sprintf("the folder %s is there but holds no matching file yet: save the exports in it", filepath.Dir(full))}
				if _, err := os.Stat(filepath.Join(filepath.Dir(full), "README.md")); err == nil {
					d.Notes[0] += "; its README.md says which"
				}
			}
			l.diags.Add(d)
			continue
		}
		for _, m := range files {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
			if e.DateOrder != "" || e.Decimal != "" || e.Sheet != "" {
				if c.FileOptions == nil {
					c.FileOptions = map[string]FileOptions{}
				}
				c.FileOptions[m] = FileOptions{DateOrder: e.DateOrder, Decimal: e.Decimal, Sheet: e.Sheet}
			}
		}
	}
	return out
}
