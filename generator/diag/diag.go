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
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
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

// Write prints the diagnostics in order, each followed by its source line,
// a caret under the column, and its notes. Errors of one shape in one file
// (the same column and message but for the value, such as a date column
// written in the other order) print once, with their count and the
// first few other places: a file with a systematic mistake reads as one
// message, not thousands. WriteEvery prints each.
func (l *List) Write(w io.Writer) error { return l.write(w, false) }

// OnlyErrors returns a list of the errors alone, which prints with the
// same source lines.
func (l *List) OnlyErrors() *List {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := &List{sources: l.sources, kept: l.kept}
	for _, d := range l.items {
		if d.Severity == Error {
			out.items = append(out.items, d)
		}
	}
	return out
}

// WriteEvery prints every diagnostic, none grouped.
func (l *List) WriteEvery(w io.Writer) error { return l.write(w, true) }

// groupPlaces is how many other places a grouped error lists.
const groupPlaces = 3

func (l *List) write(w io.Writer, every bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var groups map[string][]Pos
	if !every {
		groups = map[string][]Pos{}
		for _, d := range l.items {
			if k, ok := groupKey(d); ok {
				groups[k] = append(groups[k], d.Pos)
			}
		}
	}
	var b strings.Builder
	for _, d := range l.items {
		var others []Pos
		if k, ok := groupKey(d); ok && len(groups[k]) > 1 {
			if groups[k][0] != d.Pos {
				continue // printed with the first of its group
			}
			others = groups[k][1:]
		}
		b.WriteString(printable(d.String()))
		if len(others) > 0 {
			fmt.Fprintf(&b, " (and %d more like it)", len(others))
		}
		b.WriteByte('\n')
		if src := l.sources[d.Pos.File]; src != nil && d.Pos.Line > 0 {
			if line, ok := src.line(d.Pos.Line); ok {
				writeExcerpt(&b, d.Pos, line)
			}
		} else if line, ok := l.kept[Pos{File: d.Pos.File, Line: d.Pos.Line}]; ok {
			writeExcerpt(&b, d.Pos, []byte(line))
		}
		for _, n := range d.Notes {
			b.WriteString("\tnote: ")
			b.WriteString(printable(n))
			b.WriteByte('\n')
		}
		if len(others) > 0 {
			places := make([]string, 0, groupPlaces)
			for _, p := range others[:min(groupPlaces, len(others))] {
				places = append(places, p.String())
			}
			b.WriteString("\talso at: " + printable(strings.Join(places, ", ")))
			if n := len(others) - groupPlaces; n > 0 {
				fmt.Fprintf(&b, " and %d more (-v lists every one)", n)
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// quoted matches a value quoted as %q writes it.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// groupKey is what errors of one shape share: the file, the column (which
// starts the message) and the message with its quoted values left out.
// Only errors at a line of a file group.
func groupKey(d Diagnostic) (string, bool) {
	if d.Severity != Error || d.Pos.File == "" || d.Pos.Line == 0 {
		return "", false
	}
	return d.Pos.File + "\x00" + quoted.ReplaceAllString(d.Msg, `""`), true
}

func (s *source) line(n int) ([]byte, bool) {
	if s.lines == nil {
		s.lines = []int{0}
		for i, c := range s.data {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	if n < 1 || n > len(s.lines) {
		return nil, false
	}
	start := s.lines[n-1]
	end := len(s.data)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	line := s.data[start:end]
	for len(line) > 0 && (line[len(line)-1] == '\r' || line[len(line)-1] == '\n') {
		line = line[:len(line)-1]
	}
	if n == 1 { // a BOM is invisible in editors and not counted in columns
		line = trimBOM(line)
	}
	return line, true
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// printable shows control characters as visible ones, one for one, so
// that an escape sequence in a cell cannot retitle or clear the terminal
// and the caret stays under its column: C0 controls as their control
// pictures (ESC as ␛), DEL as ␡, C1 controls and bytes that are not
// UTF-8 as U+FFFD.
func printable(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20:
			return 0x2400 + r
		case r == 0x7f:
			return 0x2421
		case r >= 0x80 && r < 0xa0:
			return utf8.RuneError
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }

// excerptWidth is how many characters of a long source line are shown
// around the column.
const excerptWidth = 100

// writeExcerpt writes the source line (a window of it when it is long) with
// a caret under pos.Col. Columns count bytes, the caret counts characters.
func writeExcerpt(b *strings.Builder, pos Pos, line []byte) {
	col := pos.Col
	if col < 1 {
		col = 1
	}
	if col > len(line)+1 {
		col = len(line) + 1
	}
	runes := []rune(printable(strings.ReplaceAll(string(line), "\t", " ")))
	caret := utf8.RuneCount(line[:col-1])
	from, to := 0, len(runes)
	prefix, suffix := "", ""
	if len(runes) > excerptWidth {
		from = max(0, caret-excerptWidth/2)
		to = min(len(runes), from+excerptWidth)
		from = max(0, to-excerptWidth)
		if from > 0 {
			prefix = "…"
		}
		if to < len(runes) {
			suffix = "…"
		}
	}
	num := strconv.Itoa(pos.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(b, " %s | %s%s%s\n", num, prefix, string(runes[from:to]), suffix)
	fmt.Fprintf(b, " %s | %s^\n", pad, strings.Repeat(" ", utf8.RuneCountInString(prefix)+caret-from))
}

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo, or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", len(word)/2+1
	if bestDist > 3 {
		bestDist = 3
	}
	for _, c := range candidates {
		if d := distance(strings.ToLower(word), c); d < bestDist || (d == bestDist && best == "" && d <= 2) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance, with a swap of two adjacent
// letters counted as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
