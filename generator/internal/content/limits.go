package content

import (
	"bytes"

	"github.com/renewals/renewals/generator/diag"
)

// Limits that keep the Markdown parser's time linear in the size of a
// commentary file. Some shapes cost it time that grows with the square of
// their size (containers nested in containers, brackets left open in one
// paragraph) or write output that grows with the product of two sizes (a
// table's columns times its rows); commentary written by people never
// comes near these, and a file that does is refused at the place.
const (
	// MaxFileSize is the largest commentary file read: 1 MB.
	MaxFileSize = 1 << 20
	// MaxNesting is how deep block quotes and lists may nest.
	MaxNesting = 16
	// MaxBrackets is how many [ one paragraph may hold.
	MaxBrackets = 2000
	// MaxTableColumns is how many columns a table may have.
	MaxTableColumns = 64
)

// checkLimits reports where src goes past a limit; it reports false when
// the document must not be parsed.
func checkLimits(path string, src []byte, diags *diag.List) bool {
	if len(src) > MaxFileSize {
		diags.Errorf(diag.Pos{File: path}, "the file is %d bytes; commentary files may hold at most %d (1 MB): split it into several", len(src), MaxFileSize)
		return false
	}
	ok := true
	brackets, paraStart := 0, 1
	line := 0
	for rest := src; len(rest) > 0; {
		line++
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		l := rest[:end]
		rest = rest[min(end+1, len(rest)):]
		if len(bytes.TrimSpace(l)) == 0 {
			brackets, paraStart = 0, line+1
			continue
		}
		if depth, col := nesting(l, MaxNesting); depth > MaxNesting {
			diags.Errorf(diag.Pos{File: path, Line: line, Col: col}, "block quotes and lists nest %d deep here; commentary allows %d", depth, MaxNesting)
			ok = false
		}
		if n := bytes.Count(l, []byte("[")); n > 0 {
			brackets += n
			if brackets > MaxBrackets && brackets-n <= MaxBrackets {
				diags.Errorf(diag.Pos{File: path, Line: line, Col: 1}, "the paragraph from line %d holds more than %d [ brackets here; commentary allows %d in one paragraph", paraStart, MaxBrackets, MaxBrackets)
				ok = false
			}
		}
		if n := delimiterCells(l); n > MaxTableColumns {
			diags.Errorf(diag.Pos{File: path, Line: line, Col: 1}, "this table has %d columns; commentary allows %d", n, MaxTableColumns)
			ok = false
		}
	}
	return ok
}

// nesting counts the block quote and list markers that open line, and
// returns the column of the marker past limit.
func nesting(l []byte, limit int) (depth, col int) {
	i := 0
	for {
		if depth == limit {
			col = i + 1
		}
		j := i
		for j < len(l) && j-i < 4 && (l[j] == ' ' || l[j] == '\t') {
			j++
		}
		switch {
		case j < len(l) && l[j] == '>':
			j++
		case j+1 < len(l) && (l[j] == '-' || l[j] == '*' || l[j] == '+') && (l[j+1] == ' ' || l[j+1] == '\t'):
			j += 2
		default:
			k := j
			for k < len(l) && k-j < 9 && l[k] >= '0' && l[k] <= '9' {
				k++
			}
			if k == j || k+1 >= len(l) || (l[k] != '.' && l[k] != ')') || (l[k+1] != ' ' && l[k+1] != '\t') {
				return depth, col
			}
			j = k + 2
		}
		depth++
		i = j
	}
}

// delimiterCells returns the number of cells of a table's delimiter row
// (| --- | :-: |), or 0 when l is not one.
func delimiterCells(l []byte) int {
	t := bytes.TrimSpace(l)
	if !bytes.Contains(t, []byte("|")) || !bytes.Contains(t, []byte("-")) {
		return 0
	}
	for _, c := range t {
		switch c {
		case '|', '-', ':', ' ', '\t':
		default:
			return 0
		}
	}
	t = bytes.TrimPrefix(bytes.TrimSuffix(t, []byte("|")), []byte("|"))
	return bytes.Count(t, []byte("|")) + 1
}
