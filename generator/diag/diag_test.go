package diag

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestWriteSortsAndShowsSource(t *testing.T) {
	t.Parallel()
	var l List
	l.Source("a.csv", []byte("\xEF\xBB\xBFh1,h2\r\nx,é,bad\r\n"))
	l.Errorf(Pos{File: "b.csv", Line: 1, Col: 1}, "later file")
	l.Warnf(Pos{File: "a.csv", Line: 2, Col: 6}, "k", "a warning")
	l.Errorf(Pos{File: "a.csv", Line: 2, Col: 6}, "an error")
	l.Errorf(Pos{File: "a.csv", Line: 2, Col: 6}, "an error") // duplicate
	l.Add(Diagnostic{Pos: Pos{File: "a.csv", Line: 1, Col: 4}, Msg: "on the BOM line", Notes: []string{"a note"}})
	l.Sort()
	var b strings.Builder
	l.Write(&b)
	want := "a.csv:1:4: on the BOM line\n" +
		" 1 | h1,h2\n" +
		"   |    ^\n" +
		"\tnote: a note\n" +
		"a.csv:2:6: an error\n" +
		" 2 | x,é,bad\n" +
		"   |     ^\n" + // é is two bytes but one column on screen
		"a.csv:2:6: warning: a warning\n" +
		" 2 | x,é,bad\n" +
		"   |     ^\n" +
		"b.csv:1:1: later file\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if l.Count(Error) != 3 || l.Count(Warning) != 1 {
		t.Errorf("counts %d %d", l.Count(Error), l.Count(Warning))
	}
	err := l.Err(false)
	if err == nil || err.Error() != "a.csv:1:4: on the BOM line (and 2 more errors)" {
		t.Errorf("Err = %v", err)
	}
	if list, ok := errors.AsType[*List](fmt.Errorf("loading: %w", err)); !ok || list != &l {
		t.Error("the list is not found through a wrapped error")
	}
}

func TestLongLinesShowAWindow(t *testing.T) {
	t.Parallel()
	line := strings.Repeat("a,", 100) + "BAD" + strings.Repeat(",b", 100)
	var l List
	l.Source("f.csv", []byte(line+"\n"))
	l.Errorf(Pos{File: "f.csv", Line: 1, Col: 201}, "here")
	var b strings.Builder
	l.Write(&b)
	lines := strings.Split(b.String(), "\n")
	src, caret := lines[1], lines[2]
	if !strings.HasPrefix(src, " 1 | …") || !strings.HasSuffix(src, "…") {
		t.Errorf("no window: %q", src)
	}
	if i := strings.Index(caret, "^"); []rune(src)[len([]rune(caret[:i]))] != 'B' {
		t.Errorf("caret not under the value:\n%s\n%s", src, caret)
	}
}

func TestStrict(t *testing.T) {
	t.Parallel()
	var l List
	l.Warnf(Pos{File: "f"}, "k", "w")
	if l.Err(false) != nil {
		t.Error("a warning fails without strict")
	}
	if err := l.Err(true); err == nil || err.Error() != "f: warning: w (-strict makes warnings fail)" {
		t.Errorf("Err(strict) = %v", err)
	}
	if got := (Pos{File: "f", Line: 3}).String(); got != "f:3" {
		t.Errorf("Pos = %q", got)
	}
}

func TestSettleKeepsExcerpts(t *testing.T) {
	t.Parallel()
	var l List
	l.Source("a.csv", []byte("\xEF\xBB\xBFh1,h2\r\nx,é,bad\r\ny,z\r\n"))
	l.Errorf(Pos{File: "a.csv", Line: 2, Col: 6}, "an error")
	l.Warnf(Pos{File: "a.csv", Line: 1, Col: 4}, "k", "on the BOM line")
	var before strings.Builder
	l.Write(&before)
	l.Settle()
	if l.sources != nil {
		t.Error("Settle kept the files' contents")
	}
	var after strings.Builder
	l.Write(&after)
	if after.String() != before.String() {
		t.Errorf("after Settle:\n%s\nbefore:\n%s", after.String(), before.String())
	}
	l.Errorf(Pos{File: "a.csv", Line: 3, Col: 1}, "added later")
	after.Reset()
	l.Write(&after)
	if want := before.String() + "a.csv:3:1: added later\n"; after.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", after.String(), want)
	}
}

// TestControlCharactersAreShown: an escape sequence in a cell is printed
// as visible characters, in the message, the excerpt and the notes, and
// the caret stays under its column.
func TestControlCharactersAreShown(t *testing.T) {
	t.Parallel()
	var l List
	src := "Serial,End\n\x1b]0;pwned\x07\x1b[2J,31/31/2026\n"
	l.Source("x.csv", []byte(src))
	l.Add(Diagnostic{Pos: Pos{File: "x.csv", Line: 2, Col: 17}, Severity: Error, Msg: "End: cannot read \x1b[31mred", Notes: []string{"a\x9bnote"}})
	var b strings.Builder
	l.Write(&b)
	got := b.String()
	want := "x.csv:2:17: End: cannot read ␛[31mred\n" +
		" 2 | ␛]0;pwned␇␛[2J,31/31/2026\n" +
		"   |                 ^\n" +
		"\tnote: a\uFFFDnote\n"
	if got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
}

// TestErrorsOfOneShapeGroup: a column of dates in the other order reads as
// one message with its count and first places; another column, another
// file or another message stays apart; WriteEvery lists each.
func TestErrorsOfOneShapeGroup(t *testing.T) {
	t.Parallel()
	var l List
	src := "Serial,End\n"
	for i := 2; i <= 7; i++ {
		src += "FOC" + strconv.Itoa(i) + ",31/12/2026\n"
	}
	l.Source("x.csv", []byte(src))
	for i := 2; i <= 7; i++ {
		l.Add(Diagnostic{Pos: Pos{File: "x.csv", Line: i, Col: 6}, Severity: Error,
			Msg: `End: cannot read "31/12/2026" as a date`, Notes: []string{"read as dmy it is 2026-12-31"}})
	}
	l.Errorf(Pos{File: "x.csv", Line: 3, Col: 1}, `Serial: "FOC3" is odd`)
	l.Errorf(Pos{File: "y.csv", Line: 2, Col: 6}, `End: cannot read "31/12/2026" as a date`)
	l.Sort()
	var b strings.Builder
	l.Write(&b)
	want := `x.csv:2:6: End: cannot read "31/12/2026" as a date (and 5 more like it)
 2 | FOC2,31/12/2026
   |      ^
	note: read as dmy it is 2026-12-31
	also at: x.csv:3:6, x.csv:4:6, x.csv:5:6 and 2 more (-v lists every one)
x.csv:3:1: Serial: "FOC3" is odd
 3 | FOC3,31/12/2026
   | ^
y.csv:2:6: End: cannot read "31/12/2026" as a date
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if l.Count(Error) != 8 {
		t.Errorf("%d errors, want 8", l.Count(Error))
	}
	var every strings.Builder
	l.WriteEvery(&every)
	if n := strings.Count(every.String(), "cannot read"); n != 7 {
		t.Errorf("WriteEvery lists %d", n)
	}
}
