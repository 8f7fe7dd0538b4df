// Printing diagnostics: each with its source line and a caret, those of
// one shape grouped.

package diag

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
