// Finding a table's header row, and recognising a file that is not the
// kind its entry says.

package ingest

import (
	"fmt"
	"io"
	"strings"
)

type header struct {
	delim   rune
	skip    int // records before the header row
	line    int
	headers []string
	keys    []string
	n       int
}

// where says where in report.toml a file of each kind is listed.
var where = map[Kind]string{
	KindCoverage:  "as coverage of a [[snapshot]]",
	KindLifecycle: "under lifecycle",
	KindQuotes:    "under files of a [[quotes]] entry",
	KindInventory: "under files of an [[inventory]] entry",
	KindAlerts:    "under files of an [[alerts]] entry",
}

// recognise says what a file that is not of kind is, from its first
// records: an export of another kind (and where it belongs), or a pivot
// summary, which holds no lines at all. It returns "" when it cannot tell.
func recognise(records [][]string, kind Kind) string {
	fiscal := 0
	for _, rec := range records {
		for _, c := range rec {
			n := NormalizeHeader(c)
			if n == "totalyearsamount" || n == "grandtotalamount" {
				return "this is a summary (quantity and value per account, product and fiscal year), not line-level data: export the lines instead (Cisco Ready's install base, CX Cloud's assets or Service Contract Center's contract lines)"
			}
			if len(n) >= 4 && strings.HasPrefix(n, "fy") && strings.IndexFunc(n[2:], func(r rune) bool { return r < '0' || r > '9' }) < 0 {
				fiscal++
			}
		}
		if fiscal >= 2 {
			return "this looks like a summary by fiscal year, not line-level data: export the lines instead (Cisco Ready's install base, CX Cloud's assets or Service Contract Center's contract lines)"
		}
		for _, other := range []Kind{KindCoverage, KindLifecycle, KindQuotes} {
			if other == kind {
				continue
			}
			ov := vocabularyFor(other)
			if keys, n := ov.match(rec); n >= 3 && len(ov.missing(keys)) == 0 {
				return fmt.Sprintf("this looks like a %s, not a %s: list it %s in report.toml", ov.what, vocabularyFor(kind).what, where[other])
			}
		}
	}
	return ""
}

// headRecords returns the first records of a delimited text, read with
// whichever delimiter splits its lines into the most cells.
func headRecords(body []byte) [][]string {
	var best [][]string
	width := 0
	for _, delim := range []rune{',', ';', '\t'} {
		r := newReader(body, delim)
		r.ReuseRecord = false
		var recs [][]string
		w := 0
		for range headerScanLines {
			rec, err := r.Read()
			if err != nil {
				break
			}
			recs = append(recs, rec)
			w = max(w, len(rec))
		}
		if w > width {
			best, width = recs, w
		}
	}
	return best
}

// findHeader looks for the header row by its vocabulary within the first
// records, trying comma, semicolon and tab as the delimiter. The first row
// with every required column wins; failing that, the row that recognises
// the most columns is returned so that the caller can say what is missing.
func findHeader(body []byte, v *vocabulary) (header, error) {
	var best header
	var firstErr error
	for _, delim := range []rune{',', ';', '\t'} {
		r := newReader(body, delim)
		r.ReuseRecord = false
		for i := 0; i < headerScanLines; i++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				if firstErr == nil && delim == ',' {
					firstErr = err
				}
				break
			}
			keys, n := v.match(rec)
			if n == 0 {
				continue
			}
			line, _ := r.FieldPos(0)
			h := header{delim: delim, skip: i, line: line, headers: rec, keys: keys, n: n}
			if n >= 3 && len(v.missing(keys)) == 0 {
				return h, nil
			}
			if n > best.n {
				best = h
			}
		}
	}
	if best.n == 0 && firstErr != nil {
		return best, firstErr
	}
	return best, nil
}
