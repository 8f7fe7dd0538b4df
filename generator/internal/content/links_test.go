package content

import (
	"html"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/renewals/renewals/generator/diag"
)

func TestSafeURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"https://example.com/x", "HTTP://example.com", "mailto:it@example.com", "#c-summary",
		"../spend/index.html", "spend/index.html?q=a:b", "/a:b", "//example.com/x", "",
	} {
		if !SafeURL(u) {
			t.Errorf("SafeURL(%q) = false", u)
		}
	}
	for _, u := range []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript&#58;alert(1)", "java\tscript:alert(1)",
		"\x01javascript:alert(1)", "javascript&colon;alert(1)", "&#x6A;avascript:alert(1)", "vbscript:msgbox(1)",
		"data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "jav&#x0A;ascript:alert(1)",
	} {
		if SafeURL(u) {
			t.Errorf("SafeURL(%q) = true", u)
		}
	}
}

// TestUnsafeLinksArePlainText renders the forms of javascript: that a
// case-sensitive check, an autolink and a character reference slip past.
func TestUnsafeLinksArePlainText(t *testing.T) {
	t.Parallel()
	src := "+++\ntitle = \"x\"\n+++\n" +
		"[one](JaVaScRiPt:alert(1))\n\n" +
		"[two](  javascript&#58;alert(1))\n\n" +
		"<javascript:alert(1)>\n\n" +
		"![three](javascript:alert(1))\n\n" +
		"[four](<java&#x09;script:alert(1)>)\n\n" +
		"[ok](https://example.com/) and <https://example.com/auto> and [rel](../risk/index.html#x) and <it@example.com>\n"
	var l diag.List
	d := Parse("content/index.md", []byte(src), names, &l)
	if d == nil {
		t.Fatal(messages(&l))
	}
	if got := messages(&l); strings.Count(got, "warning: a link to") != 5 || !strings.Contains(got, "content/index.md:4:2: warning: a link to \"JaVaScRiPt:alert(1)\" is published as plain text") ||
		!strings.Contains(got, "content/index.md:8:2: warning: a link to \"javascript:alert(1)\"") {
		t.Errorf("warnings:\n%s", got)
	}
	for _, unsafe := range []bool{false, true} {
		got, err := d.Render(Resolver{Figure: func(string) string { return "" }, Chart: func(string, int) template.HTML { return "" }}, unsafe)
		if err != nil {
			t.Fatal(err)
		}
		html := string(got)
		if regexp.MustCompile(`(?i)(href|src)="[^"]*script`).MatchString(html) || strings.Contains(html, "<img") {
			t.Errorf("a script link survives (unsafe_html = %v):\n%s", unsafe, html)
		}
		for _, want := range []string{"<p>one</p>", "<p>two</p>", "<p>javascript:alert(1)</p>", "<p>three</p>", "<p>four</p>",
			`<a href="https://example.com/">ok</a>`, `<a href="https://example.com/auto">`, `<a href="../risk/index.html#x">rel</a>`, `<a href="mailto:it@example.com">`} {
			if !strings.Contains(html, want) {
				t.Errorf("output lacks %s:\n%s", want, html)
			}
		}
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body, want string }{
		{"nested quotes", strings.Repeat(">", 147000) + " x\n", "x.md:4:17: block quotes and lists nest 147000 deep here; commentary allows 16"},
		{"nested lists", strings.Repeat("- ", 17) + "x\n", "x.md:4:33: block quotes and lists nest 17 deep here; commentary allows 16"},
		{"open brackets", strings.Repeat("[a](\n", 2001), "x.md:2004:1: the paragraph from line 1 holds more than 2000 [ brackets here; commentary allows 2000 in one paragraph"},
		{"wide table", "|" + strings.Repeat("a|", 65) + "\n|" + strings.Repeat("-|", 65) + "\n", "x.md:5:1: this table has 65 columns; commentary allows 64"},
		{"too large", strings.Repeat("word ", MaxFileSize/5+1), "x.md: the file is 1048600 bytes; commentary files may hold at most 1048576 (1 MB): split it into several"},
	}
	for _, tt := range tests {
		var l diag.List
		if d := Parse("x.md", []byte("+++\ntitle = \"x\"\n+++\n"+tt.body), names, &l); d != nil {
			t.Errorf("%s: parsed", tt.name)
		}
		if got := messages(&l); got != tt.want+"\n" {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, got, tt.want)
		}
	}
	// At the limits, a document is read.
	var l diag.List
	ok := strings.Repeat("> ", 8) + strings.Repeat("- ", 8) + "x\n\n" + strings.Repeat("[a](\n", 2000) + "\n|" + strings.Repeat("a|", 64) + "\n|" + strings.Repeat("-|", 64) + "\n"
	if d := Parse("x.md", []byte("+++\ntitle = \"x\"\n+++\n"+ok), names, &l); d == nil || l.HasErrors(false) {
		t.Errorf("a document within the limits is refused:\n%s", messages(&l))
	}
}

// FuzzSafeURL: whatever the address, what a link renders to never has an
// href or src whose scheme, as a browser reads it, is not allowed.
func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{"javascript:alert(1)", "JaVaScRiPt:x", "  javascript&#58;x", "java\tscript:x", "https://x", "../a", "#x", "mailto:a@b", "&#106;avascript:x"} {
		f.Add(s)
	}
	scheme := regexp.MustCompile(`(?i)^[a-z][a-z0-9+.-]*:`)
	href := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	f.Fuzz(func(t *testing.T, u string) {
		if strings.ContainsAny(u, "\n\r") {
			return
		}
		src := "+++\ntitle = \"x\"\n+++\n[a](<" + u + ">) ![b](<" + u + ">) <" + u + ">\n"
		var l diag.List
		d := Parse("x.md", []byte(src), names, &l)
		if d == nil {
			return
		}
		got, err := d.Render(Resolver{Figure: func(string) string { return "" }, Chart: func(string, int) template.HTML { return "" }}, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range href.FindAllStringSubmatch(string(got), -1) {
			if !SafeURL(m[1]) {
				t.Fatalf("%q renders the unsafe address %q", u, m[1])
			}
			norm := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(strings.TrimLeft(unescape(m[1]), " \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
			if s := scheme.FindString(norm); s != "" && !regexp.MustCompile(`(?i)^(https?|mailto):$`).MatchString(s) {
				t.Fatalf("%q renders an address with the scheme %q: %q", u, s, m[1])
			}
		}
	})
}

func unescape(s string) string { return html.UnescapeString(s) }

func TestCommentaryIsAlwaysUTF8(t *testing.T) {
	t.Parallel()
	var l diag.List
	d := Parse("x.md", []byte("+++\ntitle = \"x\"\n+++\nCaf\xe9 and a\x00NUL\n"), names, &l)
	if got := messages(&l); got != "x.md:4:4: warning: bytes that are not UTF-8 text read as \uFFFD: save the file as UTF-8\n" {
		t.Errorf("diagnostics: %s", got)
	}
	got, err := d.Render(Resolver{Figure: func(string) string { return "" }}, false)
	if err != nil || !utf8.ValidString(string(got)) || !strings.Contains(string(got), "Caf\uFFFD and a\uFFFDNUL") {
		t.Errorf("%q, %v", got, err)
	}
}

// TestUnfinishedCommentary: the commentary renewals init writes ends in
// "1. ...": check warns before management reads it.
func TestUnfinishedCommentary(t *testing.T) {
	t.Parallel()
	var l diag.List
	Parse("content/index.md", []byte("+++\ntitle = \"x\"\n+++\n## Decide\n\n1. ...\n2. TODO\n\nThe text... goes on.\n"), names, &l)
	if got := messages(&l); got != "content/index.md:6:1: warning: the commentary still holds 2 placeholder line(s) such as this one: write the text, or remove the line\n" {
		t.Errorf("got %q", got)
	}
}
