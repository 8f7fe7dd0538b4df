// Package diag collects positioned diagnostics from every build stage and
// prints them the way a compiler does: "file:line:col: message", followed by
// the offending source line and a caret.
//
// Positions are recorded cheaply; the source excerpt is computed only when a
// diagnostic is printed.
package diag

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Severity says whether a diagnostic fails the build.
type Severity uint8

const (
	// Error fails the build.
	Error Severity = iota
	// Warning reports a quirk that changed or dropped data; with -strict it
	// fails the build too.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in an input file. Line and Col start at 1; zero means
// unknown. Col counts bytes, as encoding/csv and go/scanner do.
type Pos struct {
	File string
	Line int
	Col  int
	// Sheet names the sheet of a workbook; Line is then its row and Col
	// its column, and the position reads file.xlsx:Sheet!D14.
	Sheet string
}

// String formats p as file:line:col, leaving out the parts that are
// unknown, or a workbook's cell as file.xlsx:Sheet!D14.
func (p Pos) String() string {
	if p.Sheet != "" {
		s := p.File + ":" + p.Sheet
		if p.Line > 0 {
			s += "!" + ColumnName(max(p.Col, 1)) + strconv.Itoa(p.Line)
		}
		return s
	}
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// ColumnName is a spreadsheet's name of column n (1-based): A, Z, AA.
func ColumnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Diagnostic is one problem found in the inputs.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Kind names the class of a warning ("totals-row", "placeholder", ...)
	// so that the data quality page can count warnings by kind.
	Kind  string
	Msg   string
	Notes []string
}

// String formats d on one line, without source excerpt or notes.
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List collects diagnostics. It is safe for concurrent use.
type List struct {
	mu      sync.Mutex
	items   []Diagnostic
	sources map[string]*source
	// kept holds the source lines of the diagnostics that Settle saw, by
	// file and line, once the files' contents are let go.
	kept map[Pos]string
}

type source struct {
	data  []byte
	lines []int // byte offset of the start of each line, built lazily
}

// Add appends d to the list.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning of the given kind at pos.
func (l *List) Warnf(pos Pos, kind, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

// Source registers the content of file so that printed diagnostics can show
// the line they point at. data is kept, not copied.
func (l *List) Source(file string, data []byte) {
	l.mu.Lock()
	if l.sources == nil {
		l.sources = make(map[string]*source)
	}
	l.sources[file] = &source{data: data}
	l.mu.Unlock()
}

// Settle keeps the source line of every diagnostic added so far and lets
// go of the contents of the files: on a large estate they are a good part
// of the memory that the rest of a build would otherwise carry. A file
// registered again with Source serves the diagnostics added after.
func (l *List) Settle() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		src := l.sources[d.Pos.File]
		if src == nil || d.Pos.Line <= 0 {
			continue
		}
		if line, ok := src.line(d.Pos.Line); ok {
			if l.kept == nil {
				l.kept = map[Pos]string{}
			}
			l.kept[Pos{File: d.Pos.File, Line: d.Pos.Line}] = string(line)
		}
	}
	l.sources = nil
}

// Len reports how many diagnostics the list holds.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Count reports how many diagnostics have severity s.
func (l *List) Count(s Severity) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error, or, when strict is
// set, whether there is any diagnostic at all.
func (l *List) HasErrors(strict bool) bool {
	if strict {
		return l.Len() > 0
	}
	return l.Count(Error) > 0
}

// Sort orders the list by file, line, column, severity and message, and
// removes exact duplicates, as go/scanner.ErrorList does.
func (l *List) Sort() {
	l.mu.Lock()
	defer l.mu.Unlock()
	slices.SortStableFunc(l.items, compare)
	l.items = slices.CompactFunc(l.items, func(a, b Diagnostic) bool {
		return compare(a, b) == 0 && a.Kind == b.Kind && slices.Equal(a.Notes, b.Notes)
	})
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Sheet, b.Pos.Sheet),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// All returns a copy of the diagnostics in their current order.
func (l *List) All() []Diagnostic {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.items)
}

// Err returns the list as an error when it holds an error, else nil, as
// go/scanner.ErrorList does; with strict, any diagnostic counts.
func (l *List) Err(strict bool) error {
	if !l.HasErrors(strict) {
		return nil
	}
	return l
}

// Error describes the list by its first error (or warning, when it holds
// none) and how many more there are, as go/scanner.ErrorList does; Write
// prints them all.
func (l *List) Error() string {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	if len(items) == 0 {
		return "no diagnostics"
	}
	slices.SortStableFunc(items, compare)
	first := items[0]
	errs := 0
	for _, d := range items {
		if d.Severity == Error {
			errs++
		}
	}
	if errs == 0 {
		if len(items) == 1 {
			return first.String() + " (-strict makes warnings fail)"
		}
		return fmt.Sprintf("%s (and %s; -strict makes warnings fail)", first, more(len(items)-1, "warning"))
	}
	for _, d := range items {
		if d.Severity == Error {
			first = d
			break
		}
	}
	if errs == 1 {
		return first.String()
	}
	return fmt.Sprintf("%s (and %s)", first, more(errs-1, "error"))
}

// more says "1 more error", "2 more errors".
func more(n int, word string) string {
	if n == 1 {
		return "1 more " + word
	}
	return strconv.Itoa(n) + " more " + word + "s"
}

// groupPlaces is how many other places a grouped error lists.
const groupPlaces = 3

// quoted matches a value quoted as %q writes it.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// excerptWidth is how many characters of a long source line are shown
// around the column.
const excerptWidth = 100
