package content

import (
	"html/template"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/diag"
)

var names = Names{Figures: []string{"annual_spend", "devices"}, Charts: []string{"renewals_by_month"}}

func messages(l *diag.List) string {
	l.Sort()
	var b strings.Builder
	for _, d := range l.All() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func TestFrontMatterAndPlacement(t *testing.T) {
	t.Parallel()
	var l diag.List
	toml := Parse("content/index.md", []byte("+++\ntitle = \"Executive commentary\"\nweight = 2\n+++\n\nText.\n"), names, &l)
	yaml := Parse("content/quotes-note.md", []byte("---\ntitle: \"On quotes\"\npage: quotes\n---\n\nText.\n"), names, &l)
	plain := Parse("content/why-tpm.md", []byte("# Why TPM\n"), names, &l)
	if l.Len() != 0 {
		t.Fatal(messages(&l))
	}
	if toml.Title != "Executive commentary" || toml.Page != "index" || toml.Weight != 2 {
		t.Errorf("toml = %+v", toml)
	}
	if yaml.Title != "On quotes" || yaml.Page != "quotes" {
		t.Errorf("yaml = %+v", yaml)
	}
	if plain.Page != "" || plain.Title != "why tpm" {
		t.Errorf("plain = %+v", plain)
	}
}

func TestShortcodeErrors(t *testing.T) {
	t.Parallel()
	src := "+++\ntitle = \"x\"\n+++\n\nSpend is {{< figure anual_spend >}} a year.\n\nSee {{< chart renewals_by_month >}} here.\n\n{{< chart spend_by_moon >}}\n\n{{< table x >}}\n\n{{< figur annual_spend >}}\n"
	var l diag.List
	Parse("content/index.md", []byte(src), names, &l)
	want := "content/index.md:5:10: unknown figure \"anual_spend\" (did you mean \"annual_spend\"?)\n" +
		"content/index.md:7:5: a chart shortcode must stand on a line of its own\n" +
		"content/index.md:9:1: unknown chart \"spend_by_moon\"\n" +
		"content/index.md:11:1: unknown shortcode \"table\" (accepted: figure, chart)\n" +
		"content/index.md:13:1: unknown shortcode \"figur\" (did you mean \"figure\"?) (accepted: figure, chart)\n"
	if got := messages(&l); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if n := l.All()[0].Notes; len(n) != 1 || n[0] != "known figures: annual_spend, devices" {
		t.Errorf("notes = %q", n)
	}
}

func TestUnknownPage(t *testing.T) {
	t.Parallel()
	var l diag.List
	Parse("content/x.md", []byte("---\ntitle: x\npage: qoutes\n---\n"), names, &l)
	want := "content/x.md:3:1: page: \"qoutes\" is not a page of the report (accepted: index, renewals, spend, risk, quotes, advice, devices, quality)\n"
	if got := messages(&l); got != want {
		t.Errorf("got %s", got)
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	src := "+++\ntitle = \"x\"\n+++\n## Heading\n\nSpend is {{< figure annual_spend >}}.\n\n{{< chart renewals_by_month >}}\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
	var l diag.List
	d := Parse("content/index.md", []byte(src), names, &l)
	res := Resolver{
		Figure: func(name string) string { return "USD <1>" },
		Chart: func(name string, n int) template.HTML {
			return template.HTML("<figure data-n=\"" + string(rune('0'+n)) + "\"></figure>")
		},
	}
	got, err := d.Render(res, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h3 id="c-heading">Heading</h3>`,
		`<span class="figure" data-figure="annual_spend">USD &lt;1&gt;</span>`,
		`<figure data-n="0"></figure>`,
		`<!-- raw HTML omitted -->`,
		`<p>x</p>`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "<script>") || strings.Contains(string(got), "<p><figure") {
		t.Errorf("unsafe or misplaced output:\n%s", got)
	}
	unsafe, _ := d.Render(res, true)
	if !strings.Contains(string(unsafe), "<script>alert(1)</script>") {
		t.Errorf("unsafe_html = true drops raw HTML:\n%s", unsafe)
	}
}
