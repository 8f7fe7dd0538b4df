// File lists in report.toml: a glob, a list of them, or entries with
// their own date_order, decimal and sheet.

package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

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
			if err := checkDateOrder(v); err != nil {
				return nil, err
			}
			base.DateOrder = s
		case "decimal":
			if err := checkDecimal(v); err != nil {
				return nil, err
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

// checkDateOrder says why v, a date_order value wherever one is set (the
// top level, a file entry, a [[quotes]] entry), is not accepted; nil for
// "mdy", "dmy" and unset.
func checkDateOrder(v any) error {
	if s, ok := v.(string); ok && (s == "" || s == "mdy" || s == "dmy") {
		return nil
	}
	return fmt.Errorf("date_order: %s is not accepted (accepted: \"mdy\" for 12/31/2026, \"dmy\" for 31/12/2026)", quoted(v))
}

// checkDecimal does the same for a decimal value.
func checkDecimal(v any) error {
	if s, ok := v.(string); ok && (s == "" || s == "." || s == ",") {
		return nil
	}
	return fmt.Errorf("decimal: %s is not accepted (accepted: \".\" for 1,234.56, \",\" for 1.234,56)", quoted(v))
}

// quoted writes a TOML value as the user wrote it: a string in quotes.
func quoted(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}
