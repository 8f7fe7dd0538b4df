package ingest

import (
	"errors"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		order DateOrder
		want  string // "" for no date, "!" for an error
	}{
		{"2026-12-31", MDY, "2026-12-31"},
		{"12/31/2026", MDY, "2026-12-31"},
		{"1/1/2027", MDY, "2027-01-01"},
		{"31/12/2026", DMY, "2026-12-31"},
		{"3/4/2026", MDY, "2026-03-04"},
		{"3/4/2026", DMY, "2026-04-03"},
		{"31-DEC-2026", MDY, "2026-12-31"},
		{"31-Dec-26", MDY, "2026-12-31"},
		{"1-jan-1999", MDY, "1999-01-01"},
		{"31 Dec 2026", MDY, "2026-12-31"},
		{"31.12.2026", MDY, "2026-12-31"},
		{"2026-12-31T00:00:00Z", MDY, "2026-12-31"},
		{"2026-12-31T23:59:59+05:00", MDY, "2026-12-31"},
		{"2026-12-31 00:00:00", MDY, "2026-12-31"},
		{"46387", MDY, "2026-12-31"},
		{"46387.0", MDY, "2026-12-31"},
		{"", MDY, ""},
		{" ", MDY, ""},
		{"-", MDY, ""},
		{"N/A", MDY, ""},
		{"Not Applicable", MDY, ""},
		{"TBD", MDY, ""},
		{"31/12/2026", MDY, "!"},
		{"12/31/2026", DMY, "!"},
		{"31/31/2026", MDY, "!"},
		{"2026-02-29", MDY, "!"},
		{"2026-13-01", MDY, "!"},
		{"31-FOO-2026", MDY, "!"},
		{"2026", MDY, "!"},
		{"yesterday", MDY, "!"},
		{"46387.5", MDY, "!"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in, tt.order)
		got := d.String()
		if err != nil {
			got = "!"
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q, %s) = %q (err %v), want %q", tt.in, tt.order, got, err, tt.want)
		}
	}
}

func TestParseDateMessages(t *testing.T) {
	t.Parallel()
	_, err := ParseDate("31/31/2026", DMY)
	want := `cannot read "31/31/2026" as a date (accepted: 2026-12-31, 31/12/2026, 31-DEC-2026, Excel serial; date_order = "dmy")`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	_, err = ParseDate("12/31/2026", DMY)
	var ve *valueError
	if !errors.As(err, &ve) || len(ve.Notes) != 1 || ve.Notes[0] != `read as mdy it is 2026-12-31: if the file writes dates that way, set date_order = "mdy" in the config` {
		t.Errorf("note = %#v", err)
	}
}

func TestParseMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		comma bool
		want  int64
		bad   bool
	}{
		{"1512", false, 151200, false},
		{"1512.00", false, 151200, false},
		{"982.8", false, 98280, false},
		{"$1,234.56", false, 123456, false},
		{"1,234,567.89", false, 123456789, false},
		{"(99.10)", false, -9910, false},
		{"-99.10", false, -9910, false},
		{"$-99.10", false, -9910, false},
		{"($99.10)", false, -9910, false},
		{"USD 1,234.56", false, 123456, false},
		{"1234.56 USD", false, 123456, false},
		{"0.005", false, 1, false},
		{"0.004", false, 0, false},
		{"12.345", false, 1235, false},
		{".5", false, 50, false},
		{"", false, 0, false},
		{"-", false, 0, false},
		{"N/A", false, 0, false},
		{"1.234,56", true, 123456, false},
		{"1 234,56", true, 123456, false},
		{"1\u00a0234,56", true, 123456, false},
		{"€1.234,56", true, 123456, false},
		{"(99,10)", true, -9910, false},
		{"982,8", true, 98280, false},
		{"1512", true, 151200, false},
		{"1.234,56", false, 0, true},
		{"12,34", false, 0, true},
		{"1,2345.00", false, 0, true},
		{"abc", false, 0, true},
		{"1.2.3", false, 0, true},
		{"1234.56", true, 0, true},
		{"12.", false, 0, true},
		{"9999999999999999", false, 0, true},
		// One sign at most: a second one is a mistake, never a plus.
		{"(-5)", false, 0, true},
		{"--5", false, 0, true},
		{"-$-5", false, 0, true},
		{"($-5)", false, 0, true},
		{"- 5", false, -500, false},
		// The largest amount, and past it.
		{"999999999999.99", false, 99999999999999, false},
		{"-999,999,999,999.99", false, -99999999999999, false},
		{"999999999999999.99", false, 0, true},
		{"1000000000000", false, 0, true},
		{"(1,000,000,000,000.00)", false, 0, true},
	}
	for _, tt := range tests {
		m, err := ParseMoney(tt.in, tt.comma)
		if (err != nil) != tt.bad || (!tt.bad && int64(m) != tt.want) {
			t.Errorf("ParseMoney(%q, comma=%v) = %d, %v; want %d, bad=%v", tt.in, tt.comma, m, err, tt.want, tt.bad)
		}
	}
}

func TestParseMoneyMessages(t *testing.T) {
	t.Parallel()
	_, err := ParseMoney("1.234,56", false)
	var ve *valueError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	if want := `cannot read "1.234,56" as an amount (accepted: 1234.56, 1,234.56, $1,234.56, (99.10); decimal = ".")`; ve.Msg != want {
		t.Errorf("got %s\nwant %s", ve.Msg, want)
	}
	if want := `with decimal = "," it reads as 1234.56: if the file writes amounts that way, set decimal = "," in the config`; len(ve.Notes) != 1 || ve.Notes[0] != want {
		t.Errorf("notes = %q", ve.Notes)
	}
}

func TestIdentifiers(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"93824710.0": "93824710", "93824710.00": "93824710", "93824710": "93824710", "1.5": "1.5", "A.0": "A.0", ".0": ".0"} {
		if got, _ := excelNumber(in); got != want {
			t.Errorf("excelNumber(%q) = %q, want %q", in, got, want)
		}
	}
	for _, s := range []string{"-", "--", "N/A", "n/a", "NA", "na", "Not Applicable", "NOT APPLICABLE", "TBD", "tbd", "NEW", "new", "Null", "NULL", "none", "NONE"} {
		if !isPlaceholder(s) {
			t.Errorf("%q is not a placeholder", s)
		}
	}
	for _, s := range []string{"", "---", "N", "N/A/", "NAN", "Not Applicable.", "NEWS", "NULLS", "NONE OF THESE", "0", "1,234.56", "C9300-48P-A", "-1"} {
		if isPlaceholder(s) {
			t.Errorf("%q is a placeholder", s)
		}
	}
	if n, err := ParseQuantity("2.0"); n != 2 || err != nil {
		t.Errorf("ParseQuantity(2.0) = %d, %v", n, err)
	}
	if bp, err := ParsePercent("38.5 %", false); bp != 3850 || err != nil {
		t.Errorf("ParsePercent = %d, %v", bp, err)
	}
}

var (
	iso     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T.*)?$`)
	slashed = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-31", "12/31/2026", "1/1/2027", "31-DEC-2026", "31-Dec-26", "2026-12-31T00:00:00Z", "46387", "31/12/2026", "", "N/A", "31.12.2026", "0/0/0000"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, dmy bool) {
		order := MDY
		if dmy {
			order = DMY
		}
		d, err := ParseDate(s, order)
		if err != nil {
			if d != 0 || !strings.Contains(err.Error(), "date_order") {
				t.Fatalf("error %v with date %v", err, d)
			}
			return
		}
		if d.IsZero() {
			return
		}
		// A date that reads must format as a real day and read back the same.
		back, err := ParseDate(d.String(), order)
		if err != nil || back != d {
			t.Fatalf("%q → %s → %v, %v", s, d, back, err)
		}
		if y, _, _ := d.Civil(); y < 1 || y > 9999 {
			t.Fatalf("%q gives year %d", s, y)
		}
		// It says what the cell says: an ISO date is that day, and a
		// slash date has its day, month and year where date_order puts
		// them.
		if iso.MatchString(s) && d.String() != s[:10] {
			t.Fatalf("%q reads as %s", s, d)
		}
		if m := slashed.FindStringSubmatch(s); m != nil {
			y, mo, dd := d.Civil()
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			yy, _ := strconv.Atoi(m[3])
			if dmy {
				a, b = b, a
			}
			if int(mo) != a || dd != b || y != yy {
				t.Fatalf("%q reads as %s (date_order dmy %v)", s, d, dmy)
			}
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1512", "1512.00", "982.8", "$1,234.56", "(99.10)", "1.234,56", "-", "", "1,2,3", "€ 5", "0.5", "1234.5678", "1234.565", "00012.30", "1234,5", "1.", "123456789012345", "1234567890123456.00", "(-5)", "--5", "999999999999999.99", "-0.005"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, comma bool) {
		dec := byte('.')
		if comma {
			dec = ','
		}
		if m, ok := plainMoney(s, dec); ok {
			if g, gok := parseMoneyForms(s, comma); !gok || g != m {
				t.Fatalf("%q: the plain form reads %v, the general rules %v (%v)", s, m, g, gok)
			}
		}
		m, err := ParseMoney(s, comma)
		if err != nil {
			if m != 0 || !strings.Contains(err.Error(), "decimal =") && !strings.Contains(err.Error(), "beyond the largest amount") {
				t.Fatalf("error %v with amount %v", err, m)
			}
			return
		}
		if m > contract.MaxAmount || m < -contract.MaxAmount {
			t.Fatalf("%q reads as %v, beyond the largest amount", s, m)
		}
		// It says what the cell says: the digits before the decimal
		// separator, the digits after it rounded half away from zero to
		// cents, negative exactly when the cell has a minus or parentheses.
		if want, ok := meaning(s, dec); ok && want != m {
			t.Fatalf("%q reads as %v, but says %v", s, m, want)
		}
		// An amount that reads must read back the same from its own form.
		str := contract.Money(m).String()
		if comma {
			str = strings.Replace(str, ".", ",", 1)
		}
		back, err := ParseMoney(str, comma)
		if err != nil || back != m {
			t.Fatalf("%q → %s → %v, %v", s, str, back, err)
		}
	})
}

// meaning reads an amount cell the simplest way: every digit before the
// first decimal separator is the whole part, every digit after it the
// fraction. It reports false for a cell with no digits (a placeholder).
func meaning(s string, dec byte) (contract.Money, bool) {
	whole, frac, _ := strings.Cut(s, string(dec))
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	w, f := digits(whole), digits(frac)
	if w == "" && f == "" {
		return 0, false
	}
	v, ok := new(big.Rat).SetString("0" + w + "." + f + "0")
	if !ok {
		return 0, false
	}
	v.Mul(v, big.NewRat(100, 1))
	v.Add(v, big.NewRat(1, 2)) // half away from zero, on the magnitude
	cents := new(big.Int).Quo(v.Num(), v.Denom())
	if !cents.IsInt64() {
		return 0, false
	}
	m := contract.Money(cents.Int64())
	if strings.ContainsAny(s, "-(") {
		m = -m
	}
	return m, true
}

func TestIsTotal(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"TOTAL", "Total", "totals", "Grand Total", "GRAND-TOTAL", "Sub-total", "Subtotal", " Total Amount ", "TOTAL:", "Total\u00a0"} {
		if !isTotal(s) {
			t.Errorf("isTotal(%q) = false", s)
		}
	}
	for _, s := range []string{"", "FDO2247VGB4", "Totally", "Total 2", "Grand Totals Estimate", "CON-SNT-TOTAL", "Totál", "Ｔｏｔａｌ"} {
		if isTotal(s) {
			t.Errorf("isTotal(%q) = true", s)
		}
	}
}

// TestPlainMoneyAgrees checks the fast path for plain amounts against the
// general rules, including where it must step aside.
func TestPlainMoneyAgrees(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s     string
		comma bool
		plain bool
	}{
		{"1512", false, true}, {"1512.00", false, true}, {"982.8", false, true}, {"0.5", false, true},
		{"1234.565", false, true}, {"1234.564", false, true}, {"00012.30", false, true}, {"123456789012345", false, true},
		{"1234,56", true, true}, {"0,99", true, true},
		{"1,234.56", false, false}, {"1.234,56", true, false}, {"-5", false, false}, {".5", false, false}, {"1.", false, false},
		{"1234,56", false, false}, {"1234.56", true, false}, {"$5", false, false}, {"5 USD", false, false}, {"1234567890123456", false, false},
	} {
		dec := byte('.')
		if c.comma {
			dec = ','
		}
		m, ok := plainMoney(c.s, dec)
		if ok != c.plain {
			t.Errorf("plainMoney(%q, %q) ok = %v, want %v", c.s, dec, ok, c.plain)
			continue
		}
		g, gok := parseMoneyForms(c.s, c.comma)
		if ok && (!gok || g != m) {
			t.Errorf("%q: plain %v, general %v (%v)", c.s, m, g, gok)
		}
		if p, pok := parseMoney(c.s, c.comma); pok != gok || p != g {
			t.Errorf("parseMoney(%q) = %v, %v; the general rules say %v, %v", c.s, p, pok, g, gok)
		}
	}
}
