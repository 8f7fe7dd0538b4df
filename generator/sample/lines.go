package sample

import (
	"github.com/renewals/renewals/generator/contract"
)

// line is one coverage line as every export style would show it.
type line struct {
	d              *device
	serial         string
	instance       string
	parentSerial   string
	parentInstance string
	minor          bool
	pid            string
	con            *contractDef
	level          string
	start, end     contract.Date
	status         string
	net, list      int64
}

// term returns the contract term that a snapshot sees and the price
// factor of that term against the current one.
func term(c *contractDef, snap int) (start, end contract.Date, factor float64) {
	if c.renewed && snapDates[snap].Before(c.start) {
		return c.start.AddMonths(-12), c.start.AddDays(-1), 1 / c.uplift
	}
	return c.start, c.end, 1
}

// linesFor lists the lines of one snapshot in device order.
func (e *estate) linesFor(snap int) []line {
	var out []line
	for _, d := range e.devices {
		if snap < d.first || snap > d.last {
			continue
		}
		serial := d.serial
		if snap == nov && d.rmaSerial != "" {
			serial = d.rmaSerial
		}
		if d.con == nil {
			out = append(out, line{d: d, serial: serial, instance: d.instance, pid: d.prod.pid})
			continue
		}
		level := d.con.level
		if snap == nov && d.upgrade != "" {
			level = d.upgrade
		}
		major := e.contractLine(d, d.con, level, snap)
		major.serial = serial
		out = append(out, major)
		if d.also != nil {
			dup := e.contractLine(d, d.also, d.also.level, snap)
			dup.serial = serial
			out = append(out, dup)
		}
		for _, m := range d.minors {
			l := major
			l.serial, l.instance, l.pid, l.minor = m.serial, m.instance, m.pid, true
			l.parentSerial, l.parentInstance = serial, d.instance
			l.net, l.list = 0, 0
			out = append(out, l)
		}
	}
	return out
}

func (e *estate) contractLine(d *device, c *contractDef, level string, snap int) line {
	start, end, factor := term(c, snap)
	if d.added.After(start) {
		start = d.added
	}
	l := line{d: d, instance: d.instance, pid: d.prod.pid, con: c, level: level, start: start, end: end, status: "ACTIVE"}
	if end.Before(snapDates[snap]) {
		l.status = "EXPIRED"
	}
	yearly := float64(annual(d.prod, level)) * factor
	listYearly := float64(d.prod.list) * levelFactor[level] * factor
	if c.multiYear {
		// Three years prepaid with a 5 % multi-year discount.
		l.net = int64(yearly*3*0.95 + 0.5)
		l.list = int64(listYearly*3 + 0.5)
		return l
	}
	days := float64(contract.InclusiveDays(start, end))
	l.net = int64(yearly*days/365 + 0.5)
	l.list = int64(listYearly*days/365 + 0.5)
	return l
}

// covered is the coverage flag that the exports print for a line.
func (l *line) covered() bool { return l.con != nil && l.status == "ACTIVE" }
