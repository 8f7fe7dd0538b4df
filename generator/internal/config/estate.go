// The inputs that set the contracts against the estate: live inventory
// files, security alerts, replacement prices and the fiscal year.

package config

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/renewals/renewals/generator/contract"
)

// Inventory is one [[inventory]] entry: live inventory files (a NetBox or
// Nautobot device export, a Catalyst Center inventory) and the statuses
// that mean a device is out of service.
type Inventory struct {
	Files          []string
	Decommissioned []string // lower case
}

// DefaultDecommissioned are the inventory statuses that count as out of
// service when an [[inventory]] entry names none (NetBox's and Nautobot's).
var DefaultDecommissioned = []string{"decommissioning", "decommissioned", "offline", "inventory", "retired"}

// Replacement is the price of replacing one unit of a product ID, and the
// product that replaces it when the config names one.
type Replacement struct {
	Product string
	Price   contract.Money
}

type inventorySrc struct {
	Files          paths    `toml:"files"`
	Decommissioned []string `toml:"decommissioned"`
	DateOrder      string   `toml:"date_order"`
	Decimal        string   `toml:"decimal"`
}

type alertSrc struct {
	Files     paths  `toml:"files"`
	DateOrder string `toml:"date_order"`
	Decimal   string `toml:"decimal"`
}

// month accepts 1 to 12 or a month's name.
type month struct {
	n   int
	raw any
}

func (m *month) UnmarshalTOML(v any) error {
	m.raw = v
	switch v := v.(type) {
	case int64:
		m.n = int(v)
	case string:
		s := strings.ToLower(strings.TrimSpace(v))
		for i := time.January; i <= time.December; i++ {
			name := strings.ToLower(i.String())
			if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
				m.n = int(i)
			}
		}
		if n, err := strconv.Atoi(s); err == nil {
			m.n = n
		}
	}
	return nil
}

// price accepts a number or {product = "...", price = ...}.
type price struct {
	product string
	amount  *float64
	bad     string
}

func (p *price) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		f := float64(v)
		p.amount = &f
	case float64:
		p.amount = &v
	case map[string]any:
		for k, x := range v {
			switch k {
			case "product":
				s, _ := x.(string)
				p.product = strings.ToUpper(strings.TrimSpace(s))
			case "price":
				var q price
				q.UnmarshalTOML(x)
				p.amount = q.amount
			default:
				p.bad = fmt.Sprintf("unknown key %q (known: product, price)", k)
			}
		}
	default:
		p.bad = fmt.Sprintf("want a price such as 9800.00, or {product = \"C9300-48P-A\", price = 9800.00}, not %v", v)
	}
	return nil
}

// estate checks [[inventory]], [[alerts]], [replacement] and
// fiscal_year_start.
func (l *loader) estate(c *Config, f *file) {
	for i, e := range f.Inventory {
		key := fmt.Sprintf("inventory[%d]", i)
		if len(e.Files) == 0 {
			l.errorf(key, "[[inventory]] lists no files: add files = [\"inventory/netbox-devices.csv\"]")
		}
		inv := Inventory{Decommissioned: DefaultDecommissioned}
		if e.Decommissioned != nil {
			inv.Decommissioned = nil
			for _, s := range e.Decommissioned {
				inv.Decommissioned = append(inv.Decommissioned, strings.ToLower(strings.TrimSpace(s)))
			}
		}
		l.fileSettings(key, e.Files, e.DateOrder, e.Decimal)
		inv.Files = l.expand(c, key+".files", e.Files)
		c.Inventory = append(c.Inventory, inv)
	}
	for i, e := range f.Alerts {
		key := fmt.Sprintf("alerts[%d]", i)
		if len(e.Files) == 0 {
			l.errorf(key, "[[alerts]] lists no files: add files = [\"alerts/psirt.json\"]")
		}
		l.fileSettings(key, e.Files, e.DateOrder, e.Decimal)
		c.Alerts = append(c.Alerts, l.expand(c, key+".files", e.Files)...)
	}
	for _, pid := range slices.Sorted(maps.Keys(f.Replacement)) {
		p := f.Replacement[pid]
		key := "replacement." + pid
		switch {
		case p.bad != "":
			l.errorf(key, "replacement: %s: %s", pid, p.bad)
			continue
		case p.amount == nil || *p.amount < 0 || *p.amount > 1e12 || math.IsNaN(*p.amount):
			l.errorf(key, "replacement: %s needs a unit price from 0 up, such as 9800.00", pid)
			continue
		}
		if c.Replacement == nil {
			c.Replacement = map[string]Replacement{}
		}
		c.Replacement[strings.ToUpper(strings.TrimSpace(pid))] = Replacement{Product: p.product, Price: contract.Money(math.Round(*p.amount * 100))}
	}
	c.FiscalYearStart = 1
	if m := f.FiscalYearStart; m.raw != nil {
		if m.n < 1 || m.n > 12 {
			l.errorf("fiscal_year_start", "fiscal_year_start: %v is not a month (accepted: 1 to 12, or a month's name such as \"August\")", m.raw)
		} else {
			c.FiscalYearStart = m.n
		}
	}
}

// fileSettings checks an entry's date_order and decimal and gives them to
// its files that set none of their own.
func (l *loader) fileSettings(key string, files paths, dateOrder, decimal string) {
	if err := checkDateOrder(dateOrder); err != nil {
		l.errorf(key+".date_order", "%v", err)
	}
	if err := checkDecimal(decimal); err != nil {
		l.errorf(key+".decimal", "%v", err)
	}
	for i := range files {
		files[i].DateOrder = cmp.Or(files[i].DateOrder, dateOrder)
		files[i].Decimal = cmp.Or(files[i].Decimal, decimal)
	}
}
