package contract

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone. It counts
// days from 0000-03-01, so that dates compare and subtract as integers. The
// zero Date means "no date" (unknown or not given).
type Date int32

// epochShift makes 0000-03-01 day 0 and keeps every real date positive.
const epochShift = 719468

// NewDate returns the Date for year, month and day. It does not validate;
// use ValidDate for untrusted input.
func NewDate(year int, month time.Month, day int) Date {
	// Howard Hinnant's days_from_civil, shifted so that 0000-03-01 is 0.
	y := year
	m := int(month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe + 1) // +1 keeps 0000-03-01 distinct from "no date"
}

// ValidDate returns the Date for year, month and day, and false when the
// three do not name a real day between years 1 and 9999.
func ValidDate(year, month, day int) (Date, bool) {
	if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DaysIn(year, time.Month(month)) {
		return 0, false
	}
	return NewDate(year, time.Month(month), day), true
}

// DaysIn reports the number of days in the month.
func DaysIn(year int, month time.Month) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// UnixDate returns the UTC calendar date of a Unix time in seconds.
func UnixDate(sec int64) Date { return DateOf(time.Unix(sec, 0).UTC()) }

// AddYears returns the same day n years later; 29 February becomes 28
// February in a year without it.
func (d Date) AddYears(n int) Date {
	y, m, day := d.Civil()
	if m == time.February && day == 29 && DaysIn(y+n, m) < 29 {
		day = 28
	}
	return NewDate(y+n, m, day)
}

// Quarter names the calendar quarter of d: 2026-11-23 is 2026-Q4, the
// name of an archived report.
func (d Date) Quarter() string {
	y, m, _ := d.Civil()
	return fmt.Sprintf("%d-Q%d", y, (int(m)-1)/3+1)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == 0 }

// Civil returns the year, month and day of d.
func (d Date) Civil() (year int, month time.Month, day int) {
	z := int(d) - 1
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), day
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns d moved by n calendar months, clamped to the end of the
// target month (2026-01-31 plus one month is 2026-02-28).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Civil()
	total := y*12 + int(m) - 1 + n
	y, m = total/12, time.Month(total%12+1)
	return NewDate(y, m, min(day, DaysIn(y, m)))
}

// Sub returns the number of days from e to d (d − e).
func (d Date) Sub(e Date) int { return int(d) - int(e) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d < e }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d > e }

// String formats d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, day := d.Civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

// MarshalText formats d as 2006-01-02.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a 2006-01-02 date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return err
	}
	*d = DateOf(t)
	return nil
}

// InclusiveDays returns end − start + 1, the number of days a term covers.
func InclusiveDays(start, end Date) int { return end.Sub(start) + 1 }
